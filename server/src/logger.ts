import type { FastifyServerOptions } from 'fastify';
import type { LoggerOptions } from './config.ts';

// `key` is the credential of a file's capability URL (docs/protocol.md, 9.5).
const QUERY_SECRET = /([?&](?:token|access_token|refresh_token|key)=)[^&#\s"]*/gi;
// Three base64url segments, the first starting like a JSON header: the shape of any JWT.
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;

/**
 * Replaces token values in a URL's query string.
 *
 * @example
 * redactUrl('/api/v1/ws/u1?token=eyJ…'); // '/api/v1/ws/u1?token=[redacted]'
 */
export function redactUrl(url: string): string {
  return url.replace(QUERY_SECRET, '$1[redacted]');
}

/**
 * Removes anything token-shaped from a log line. Serializers already redact URLs; this catches a token that
 * reaches a log line any other way (an error message, a logged object), because one leaked token is one too many.
 *
 * @example
 * scrubSecrets('{"msg":"bad eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl"}'); // '{"msg":"bad [redacted-jwt]"}'
 */
export function scrubSecrets(line: string): string {
  return redactUrl(line).replace(JWT, '[redacted-jwt]');
}

/**
 * Fastify's logger settings: pino at `level`, every line scrubbed, request URLs redacted, no headers logged.
 *
 * @example
 * Fastify({ logger: loggerConfig({ level: 'info' }) });
 */
export function loggerConfig(options: false | LoggerOptions): FastifyServerOptions['logger'] {
  if (options === false) return false;
  const target = options.stream ?? process.stdout;
  return {
    level: options.level ?? 'info',
    stream: { write: (line: string) => void target.write(scrubSecrets(line)) },
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
