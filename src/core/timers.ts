/** The clock and timers the core uses; tests pass fakes to drive time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * The platform's timers.
 *
 * @example
 * createChatClient({ ...options, timers: realTimers });
 */
export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

/**
 * Clears a timer if one is set, and returns null, so a field is cleared and forgotten in one statement. Injected
 * timers are never handed a null handle.
 *
 * @example
 * this.#retryTimer = clearTimer(timers, this.#retryTimer);
 */
export function clearTimer(timers: Timers, handle: unknown): null {
  if (handle != null) timers.clearTimeout(handle);
  return null;
}

/**
 * Clears every timer of a set (or a map's values) and empties it.
 *
 * @example
 * clearTimers(timers, this.#resendTimers);
 */
export function clearTimers(timers: Timers, handles: Set<unknown> | Map<unknown, unknown>): void {
  for (const handle of handles.values()) timers.clearTimeout(handle);
  handles.clear();
}
