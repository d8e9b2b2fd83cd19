import type { FastifyError, FastifyInstance } from 'fastify';

/** The REST error codes (docs/protocol.md, section 5). */
export type HttpErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_type'
  | 'limit_reached'
  | 'rate_limited'
  | 'internal_error';

/**
 * An error a route throws to answer `{ error: { code, message } }` with `status`. With `retryAfterMs` (a 429) the
 * error also carries `retry_after_ms` and the answer a `Retry-After` header in whole seconds.
 *
 * @example
 * throw new HttpError(404, 'not_found', 'Chat not found');
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: HttpErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Record<number, HttpErrorCode> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_type',
  429: 'rate_limited',
};

/**
 * Answers every error, Fastify's own included (validation, bad JSON, body too large), in the one documented
 * shape, and 404s without echoing the URL (it may carry a token).
 *
 * @example
 * installErrorHandling(app);
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      const { status, code, message, retryAfterMs } = error;
      if (retryAfterMs === undefined) return reply.status(status).send({ error: { code, message } });
      reply.header('retry-after', String(Math.ceil(retryAfterMs / 1000)));
      return reply.status(status).send({ error: { code, message, retry_after_ms: retryAfterMs } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'internal_error', message: 'Internal server error' } });
    }
    const code = CODE_BY_STATUS[status] ?? 'invalid_request';
    const message = error.validation ? `Invalid request: ${error.message}` : error.message;
    return reply.status(status).send({ error: { code, message } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No route for ${request.method} ${request.routeOptions.url ?? 'this path'}` } });
  });
}
