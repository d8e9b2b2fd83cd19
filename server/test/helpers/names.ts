import { randomBytes } from 'node:crypto';

let counter = 0;

/**
 * A username no other test has used: lowercase letters and digits only (valid for login, 1–32 characters), so
 * tests never depend on how the server folds case. `prefix` must itself be a valid username fragment.
 */
export function uniqueName(prefix = 'u'): string {
  counter += 1;
  const name = `${prefix}${process.pid.toString(36)}${counter.toString(36)}${randomBytes(3).toString('hex')}`;
  if (name.length > 32) throw new Error(`uniqueName: prefix "${prefix}" is too long`);
  return name;
}

/** A random client_id (the protocol allows 1–64 characters). */
export function clientId(label = 'c'): string {
  return `${label}-${randomBytes(8).toString('hex')}`;
}

/** A random v4 UUID that names nothing on the server. */
export function unknownId(): string {
  return crypto.randomUUID();
}
