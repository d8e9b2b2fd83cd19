/**
 * A `data-*` flag present only while `on`: `data-deleted="true"`, or no attribute at all.
 *
 * @example
 * { 'data-edited': flag(message.edited_at) }
 */
export const flag = (on: unknown): 'true' | undefined => (on ? 'true' : undefined);

/**
 * A `data-*` attribute that is always there, "true" or "false": `data-own`, `data-selected`.
 *
 * @example
 * { 'data-own': bool(own) }
 */
export const bool = (on: unknown): 'true' | 'false' => (on ? 'true' : 'false');
