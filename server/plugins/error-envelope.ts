import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { ApiErrorBody } from '../../contract/agents-api.ts';
import { toFieldErrors } from '../../contract/config-validation.ts';
import { ApiError, withFieldErrors } from '../errors.ts';
import { storeFailure } from '../state/store-errors.ts';

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
};

export function sendError(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  data: ApiErrorBody['data'] = null,
) {
  const body: ApiErrorBody = {
    success: false,
    error: message,
    error_id: req.id,
    error_code: code,
    error_message: message,
    data,
  };
  return reply.status(status).type('application/json').send(body);
}

/** Errors the router raises before any route runs (a malformed or over-long URL), in the same envelope. */
export function sendFrameworkError(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const message = tooLong ? 'A path segment of the URL is too long' : 'The URL is malformed';
  return sendError(req, reply, tooLong ? 414 : 400, tooLong ? 'URI_TOO_LONG' : 'INVALID_REQUEST', message);
}

/** Every failure leaves as the documented envelope; bad input is always a 4xx, and no stack trace ever leaks. */
export function registerErrorEnvelope(app: FastifyInstance) {
  // Every API route declares the envelope for its errors: documented in OpenAPI and serialised by the contract.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/') || !route.schema) return;
    route.schema.response = { ...(route.schema.response as object), '4xx': ApiErrorBody, '5xx': ApiErrorBody };
  });
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof ApiError) {
      return sendError(req, reply, error.statusCode, error.code, error.message, error.data);
    }
    if (error.validation) {
      const fieldErrors = toFieldErrors(error.validation as ErrorObject[]).map((fe) => ({
        ...fe,
        path: `${error.validationContext ?? ''}${fe.path}`,
      }));
      const code = req.routeOptions.config.badRequestCode ?? 'INVALID_REQUEST';
      return sendError(req, reply, 400, code, `Invalid request: ${error.message}`, withFieldErrors(fieldErrors));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(req, reply, status, FRAMEWORK_CODES[error.code] ?? 'INVALID_REQUEST', error.message);
    }
    const unavailable = storeFailure(error);
    if (unavailable) {
      req.log.error({ err: error }, 'the state store failed');
      return sendError(req, reply, unavailable.statusCode, unavailable.code, unavailable.message);
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendError(req, reply, 500, 'INTERNAL_ERROR', 'The server could not complete this request');
  });
}
