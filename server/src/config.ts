import { SYSTEM_CLOCK, type ServerClock } from './clock.ts';

/** Token-bucket settings for one WebSocket connection. See docs/protocol.md, section 7. */
export interface RateLimitOptions {
  /** Frames a connection may send at once. */
  burst: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
  /** Refused frames (net of forgiveness) after which the connection is closed with 4008. */
  closeAfterViolations: number;
  /** Refused frames forgiven per second, so a client that backs off is never closed. */
  violationsForgivenPerSecond: number;
}

/** One REST token bucket: `burst` requests at once, refilled at `refillPerSecond`. */
export interface RestBucketOptions {
  burst: number;
  refillPerSecond: number;
}

/**
 * The REST routes that are rate limited (docs/protocol.md, 5.4), each with its own bucket per caller: per client IP
 * for `auth`, per user for the rest.
 */
export interface RestRateLimitOptions {
  /** `POST /auth/login` and `POST /auth/refresh`, per IP. */
  auth: RestBucketOptions;
  /** `POST /chats` and `POST /chats/direct`, per user. */
  writes: RestBucketOptions;
  /** `POST /chats/{chatId}/uploads`, per user. */
  uploads: RestBucketOptions;
  /** `GET /chats/{chatId}/search`, per user. */
  search: RestBucketOptions;
  /** `GET /chats/{chatId}/messages`, per user. */
  history: RestBucketOptions;
}

/** Where log lines go: pino writes one JSON object per line to `stream`. */
export interface LoggerOptions {
  level?: string;
  stream?: { write(line: string): void };
}

/**
 * Everything `createServer` accepts. Every field is optional; the defaults are the ones documented in
 * docs/protocol.md.
 *
 * @example
 * const server = await createServer({ port: 0, db: ':memory:', heartbeatMs: 1000 });
 */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1, so a development server is not reachable from the network. */
  host?: string;
  /** SQLite file path, or ':memory:'. Default ':memory:'. */
  db?: string;
  /** HS256 signing key. Default: `NATTER_JWT_SECRET`, else a key generated once and kept in the database. */
  jwtSecret?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Browser origins allowed to open sockets and call REST. Default: localhost, 127.0.0.1 and [::1]. */
  allowedOrigins?: string[] | '*';
  /** Largest WebSocket frame in bytes; a larger one closes the socket with 1009. */
  maxPayload?: number;
  /** Largest message content in UTF-8 bytes; larger is refused with `payload_too_large`. */
  maxContentBytes?: number;
  /** Bytes queued for one socket before it is closed with 1013 as a slow reader. */
  maxBufferedBytes?: number;
  /** Protocol-ping interval; a peer silent for two intervals is terminated. */
  heartbeatMs?: number;
  rateLimit?: Partial<RateLimitOptions>;
  /** permessage-deflate, for frames at or above `threshold` bytes; `false` turns it off. */
  compression?: false | { threshold?: number };
  /** `false` (the default) logs nothing. */
  logger?: false | LoggerOptions;
  /** Largest uploaded file in bytes; larger is refused with 413. Default 10 MiB. */
  maxUploadBytes?: number;
  /**
   * Content types an upload may have: exact types or `type/*`. Default `DEFAULT_UPLOAD_TYPES`, which never
   * includes HTML, SVG, XML or scripts; an operator who adds one still gets it served as a sandboxed download.
   */
  uploadTypes?: readonly string[];
  /** Uploads one user may hold that no message references yet; one more is refused with 409. Default 20. */
  maxPendingUploads?: number;
  /** Bytes of such uploads one user may hold; an upload that would pass it is refused with 409. Default 100 MiB. */
  maxPendingUploadBytes?: number;
  /** How long an upload may stay unattached before the sweep deletes it. Default 1 hour. */
  pendingUploadTtlMs?: number;
  /** How often the sweep runs. Default 1 minute. */
  uploadSweepIntervalMs?: number;
  /** REST token buckets, merged over `DEFAULT_REST_RATE_LIMIT` per route group; `false` turns them all off. */
  restRateLimit?: false | { [K in keyof RestRateLimitOptions]?: Partial<RestBucketOptions> };
  /** Time for sweeps and REST rate limits. Default `SYSTEM_CLOCK`; tests pass a fake. */
  clock?: ServerClock;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  port: number;
  host: string;
  db: string;
  jwtSecret: string | undefined;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** `'localhost'` is the default rule: any port on localhost, 127.0.0.1 or [::1]. */
  allowedOrigins: readonly string[] | '*' | 'localhost';
  maxPayload: number;
  maxContentBytes: number;
  maxBufferedBytes: number;
  heartbeatMs: number;
  rateLimit: RateLimitOptions;
  compression: false | { threshold: number };
  logger: false | LoggerOptions;
  maxUploadBytes: number;
  uploadTypes: readonly string[];
  maxPendingUploads: number;
  maxPendingUploadBytes: number;
  pendingUploadTtlMs: number;
  uploadSweepIntervalMs: number;
  restRateLimit: RestRateLimitOptions | false;
  clock: ServerClock;
}

/** The upload allowlist of docs/protocol.md, 9.5. */
export const DEFAULT_UPLOAD_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/json',
  'application/zip',
  'audio/*',
  'video/*',
  'application/octet-stream',
];

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  burst: 30,
  refillPerSecond: 10,
  closeAfterViolations: 30,
  violationsForgivenPerSecond: 1,
};

/**
 * Far above what a person or the kit does (the demo, the e2e and fault suites never come near), low enough that a
 * script hammering one route is slowed to the refill rate.
 */
export const DEFAULT_REST_RATE_LIMIT: RestRateLimitOptions = {
  auth: { burst: 200, refillPerSecond: 2 },
  writes: { burst: 100, refillPerSecond: 2 },
  uploads: { burst: 60, refillPerSecond: 1 },
  search: { burst: 60, refillPerSecond: 2 },
  history: { burst: 600, refillPerSecond: 20 },
};

/** Limits that are not options: they are part of the protocol's shape. */
export const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  historyPageDefault: 50,
  historyPageMax: 200,
  usernameMax: 32,
  chatNameMax: 100,
  chatMembersMax: 1000,
  clientIdMax: 64,
  attachmentsMax: 10,
  searchQueryMax: 200,
  searchPageDefault: 20,
  searchPageMax: 50,
  fileNameMax: 255,
} as const;

/**
 * Fills in the defaults.
 *
 * @example
 * resolveOptions({ port: 0 }).heartbeatMs; // 25000
 */
export function resolveOptions(options: ServerOptions = {}): ResolvedOptions {
  const compression = options.compression === false ? false : { threshold: options.compression?.threshold ?? 1024 };
  return {
    port: options.port ?? 8787,
    host: options.host ?? '127.0.0.1',
    db: options.db ?? ':memory:',
    jwtSecret: options.jwtSecret ?? (process.env.NATTER_JWT_SECRET || undefined),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 15 * 60,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 60 * 60,
    allowedOrigins: options.allowedOrigins ?? 'localhost',
    maxPayload: options.maxPayload ?? 64 * 1024,
    maxContentBytes: options.maxContentBytes ?? 16 * 1024,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...options.rateLimit },
    compression,
    logger: options.logger ?? false,
    maxUploadBytes: options.maxUploadBytes ?? 10 * 1024 * 1024,
    uploadTypes: (options.uploadTypes ?? DEFAULT_UPLOAD_TYPES).map((type) => type.toLowerCase()),
    maxPendingUploads: options.maxPendingUploads ?? 20,
    maxPendingUploadBytes: options.maxPendingUploadBytes ?? 100 * 1024 * 1024,
    pendingUploadTtlMs: options.pendingUploadTtlMs ?? 60 * 60 * 1000,
    uploadSweepIntervalMs: options.uploadSweepIntervalMs ?? 60 * 1000,
    restRateLimit: restRateLimit(options.restRateLimit),
    clock: options.clock ?? SYSTEM_CLOCK,
  };
}

function restRateLimit(given: ServerOptions['restRateLimit']): RestRateLimitOptions | false {
  if (given === false) return false;
  const merged = { ...DEFAULT_REST_RATE_LIMIT };
  for (const key of Object.keys(merged) as (keyof RestRateLimitOptions)[]) merged[key] = { ...merged[key], ...given?.[key] };
  return merged;
}
