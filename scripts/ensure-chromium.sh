#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium (scripts/chromium.ts), the only browser the browser suites, the
# e2e tests, Storybook's tests and `npm run bench` drive: nothing here may download a browser of its own. Installs it
# with apt when it is missing and this user can; otherwise says how, and fails.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "natter: installing Debian's chromium (the browser suites and the bench need it)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi

echo "natter: /usr/bin/chromium is missing. Install Debian's Chromium first: sudo apt-get install -y chromium" >&2
exit 1
