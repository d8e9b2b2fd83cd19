import type { ResolvedOptions } from './config.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Builds the Origin check shared by WebSocket upgrades and CORS. A request without an Origin header comes from a
 * non-browser client (Node, curl), which no cross-site page can forge, so it is allowed.
 *
 * @example
 * const allowed = createOriginCheck('localhost');
 * allowed('http://localhost:5173'); // true
 * allowed('https://evil.example'); // false
 */
export function createOriginCheck(rule: ResolvedOptions['allowedOrigins']): (origin: string | undefined) => boolean {
  if (rule === '*') return () => true;
  if (rule === 'localhost') {
    return (origin) => {
      if (origin === undefined) return true;
      try {
        const url = new URL(origin);
        return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname);
      } catch {
        return false;
      }
    };
  }
  // Origins compare as serialized by browsers: scheme://host[:port], no trailing slash.
  const allowed = new Set(rule.map((origin) => origin.replace(/\/+$/, '').toLowerCase()));
  return (origin) => origin === undefined || allowed.has(origin.toLowerCase());
}
