import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import type { ApiErrorBody, FieldError } from '../../contract/agents-api.ts';
import { toFieldErrors } from '../../contract/config-validation.ts';
import { ApiError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The `error_code` this route reports for a request body or parameter that fails its schema. */
    badRequestCode?: string;
  }
}

/** Fastify's own 4xx errors, given the codes our clients can act on. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
};

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  fieldErrors?: FieldError[],
) {
  const body: ApiErrorBody = {
    success: false,
    error: message,
    error_id: req.id,
    error_code: code,
    error_message: message,
    data: fieldErrors && fieldErrors.length > 0 ? { fieldErrors } : null,
  };
  return reply.status(status).type('application/json').send(body);
}

/** Every failure leaves as the documented envelope; bad input is always a 4xx, and no stack trace ever leaks. */
export function registerErrorEnvelope(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ApiError) {
      return sendError(req, reply, error.statusCode, error.code, error.message, error.fieldErrors);
    }
    if (error.validation) {
      const fieldErrors = toFieldErrors(error.validation as ErrorObject[]).map((fe) => ({
        ...fe,
        path: `${error.validationContext ?? ''}${fe.path}`,
      }));
      const code = req.routeOptions.config.badRequestCode ?? 'INVALID_REQUEST';
      return sendError(req, reply, 400, code, `Invalid request: ${error.message}`, fieldErrors);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(req, reply, status, FRAMEWORK_CODES[error.code] ?? 'INVALID_REQUEST', error.message);
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendError(req, reply, 500, 'INTERNAL_ERROR', 'The server could not complete this request');
  });
}
