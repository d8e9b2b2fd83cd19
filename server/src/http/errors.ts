import type { FastifyError, FastifyInstance } from 'fastify';

/** The REST error codes (docs/protocol.md, section 5). */
export type HttpErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_type'
  | 'internal_error';

/**
 * An error a route throws to answer `{ error: { code, message } }` with `status`.
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
      return reply.status(error.status).send({ error: { code: error.code, message: error.message } });
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
