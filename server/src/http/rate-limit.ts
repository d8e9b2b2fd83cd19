import type { RestRateLimitOptions } from '../config.ts';
import { HttpError } from './errors.ts';

/** A REST route group with its own bucket (docs/protocol.md, 5.4). */
export type RestLimit = keyof RestRateLimitOptions;

interface BucketState {
  tokens: number;
  at: number;
}

/** Buckets kept at once before full ones are dropped (a full bucket is the same as none). */
const PRUNE_AT = 10_000;

interface Group {
  states: Map<string, BucketState>;
  /** Size that triggers the next prune: twice what survived the last one, so pruning stays amortized O(1). */
  pruneAt: number;
}

/**
 * Token buckets keyed by caller (a user id, or an IP for login), one map per route group. A bucket that has
 * refilled to full is forgotten, so memory follows the callers active in the last few minutes, not all callers ever.
 *
 * @example
 * const limiter = new RestRateLimiter(DEFAULT_REST_RATE_LIMIT, Date.now, (limit) => counter.inc({ limit }));
 * limiter.take('search', user.id); // throws HttpError 429 when the bucket is empty
 */
export class RestRateLimiter {
  private readonly groups = new Map<RestLimit, Group>();

  constructor(
    private readonly options: RestRateLimitOptions | false,
    private readonly now: () => number,
    private readonly onRefused: (limit: RestLimit) => void = () => undefined,
  ) {}

  /** Takes a token from `key`'s `limit` bucket, or throws 429 `rate_limited` with the wait until the next one. */
  take(limit: RestLimit, key: string): void {
    if (!this.options) return;
    const { burst, refillPerSecond } = this.options[limit];
    let group = this.groups.get(limit);
    if (!group) this.groups.set(limit, (group = { states: new Map(), pruneAt: PRUNE_AT }));
    const { states } = group;
    const time = this.now();
    const state = states.get(key);
    // A clock set back refills nothing rather than draining.
    const tokens = state ? Math.min(burst, state.tokens + (Math.max(0, time - state.at) / 1000) * refillPerSecond) : burst;
    if (tokens >= 1) {
      if (!state && states.size >= group.pruneAt) {
        for (const [other, held] of states) {
          if (held.tokens + ((time - held.at) / 1000) * refillPerSecond >= burst) states.delete(other);
        }
        group.pruneAt = Math.max(PRUNE_AT, states.size * 2);
      }
      states.set(key, { tokens: tokens - 1, at: time });
      return;
    }
    states.set(key, { tokens, at: time });
    this.onRefused(limit);
    const retryAfterMs = refillPerSecond > 0 ? Math.ceil(((1 - tokens) / refillPerSecond) * 1000) : 3_600_000;
    throw new HttpError(429, 'rate_limited', `Too many requests: retry in ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs);
  }

  /** Buckets held for `limit` (for tests and debugging). */
  size(limit: RestLimit): number {
    return this.groups.get(limit)?.states.size ?? 0;
  }
}
