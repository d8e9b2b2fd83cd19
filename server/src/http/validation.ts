import { Ajv } from 'ajv';
import type { FastifyInstance } from 'fastify';

/**
 * Validates JSON bodies strictly and query strings leniently. Fastify's default coerces types everywhere, which
 * would turn `{"username": 42}` into the user "42"; a mistyped body field must be a 400 (docs/protocol.md, section
 * 5). Query strings arrive as text, so there `"50"` has to become 50.
 *
 * @example
 * installValidation(app);
 */
export function installValidation(app: FastifyInstance): void {
  const strict = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: true, allErrors: false });
  const lenient = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: true, allErrors: false });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : lenient).compile(schema));
}
