import type { ApiErrorBody, ConfigPage, FieldError } from '../contract/agents-api.ts';

/** A failure the API reports with its documented envelope; thrown by routes and repositories alike. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly data: ApiErrorBody['data'] = null,
  ) {
    super(message);
  }
}

/** The envelope's `data` for a validation failure: which fields failed and why. */
export const withFieldErrors = (fieldErrors: FieldError[]): ApiErrorBody['data'] =>
  fieldErrors.length > 0 ? { fieldErrors } : null;

export const projectNotFound = (agentId: string) =>
  new ApiError(404, 'PROJECT_NOT_FOUND', `There is no agent '${agentId}'`);

export const unknownClientEnv = (clientEnv: string) =>
  new ApiError(
    400,
    'REAL_TIME_CONFIG_UNKNOWN_CLIENT_ENVIRONMENT',
    `Unknown client environment '${clientEnv}': expected sandbox, pre-release or live`,
  );

/** A write based on a version that is no longer current (our If-Match addition); carries the page as it is now. */
export const preconditionFailed = (currentPage: ConfigPage) =>
  new ApiError(412, 'PRECONDITION_FAILED', 'The config page changed since this version was read', { currentPage });
