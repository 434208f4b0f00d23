import type { ApiErrorBody, FieldError } from '../contract/agents-api.ts';

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
  new ApiError(404, 'PROJECT_NOT_FOUND', `Project '${agentId}' does not exist`);

export const unknownClientEnv = (clientEnv: string) =>
  new ApiError(
    400,
    'REAL_TIME_CONFIG_UNKNOWN_CLIENT_ENVIRONMENT',
    `Unknown client environment '${clientEnv}': expected sandbox, pre-release or live`,
  );
