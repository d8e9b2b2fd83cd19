import { Ajv, type ErrorObject } from 'ajv';
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
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema);
    const validate = lenient.compile(schema);
    const check = (data: unknown): boolean => {
      if (!validate(data)) {
        check.errors = validate.errors;
        return false;
      }
      // Ajv coerces "Infinity" or "1e400" to Infinity and then skips its integer, minimum and maximum checks, and a
      // number past 2^53 is no seq or offset either (SQLite refuses it: a 500). Every query number is a whole one.
      const key = Object.keys(data as object).find((name) => {
        const value = (data as Record<string, unknown>)[name];
        return typeof value === 'number' && !Number.isSafeInteger(value);
      });
      if (key === undefined) return true;
      const error = { instancePath: `/${key}`, schemaPath: '#', keyword: 'maximum', params: {}, message: 'must be a whole number below 2^53' };
      check.errors = [error] satisfies ErrorObject[];
      return false;
    };
    check.errors = null as ErrorObject[] | null | undefined;
    return check;
  });
}
