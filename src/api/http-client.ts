/** The only code that speaks HTTP to the Agents API (our server: emulator or proxy). No UI effects here. */
import type { ConfigPage, FieldError } from '../../contract/agents-api.ts';

/** A failed request. `status` 0 means no answer at all (offline, refused, aborted by a timeout). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly correlationId?: string,
    readonly fieldErrors: FieldError[] = [],
    /** With a 412: the page as it is now on the server. */
    readonly currentPage?: ConfigPage,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the server may or may not have applied a write: it never told us. */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

type RequestOptions = { method?: string; body?: unknown; signal?: AbortSignal; headers?: Record<string, string> };

export async function request<T>(
  path: string,
  { method = 'GET', body, signal, headers = {} }: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('The server could not be reached. Check your connection and try again.', 0, 'NETWORK_ERROR');
  }
  const correlationId = response.headers.get('x-polyai-correlation-id') ?? undefined;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw toApiError(response, payload, correlationId);
  return payload as T;
}

/** Reads both documented error shapes: the envelope and the older `{message, errors[]}`. */
function toApiError(response: Response, payload: unknown, correlationId?: string): ApiError {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const message =
    (typeof body.error_message === 'string' && body.error_message) ||
    (typeof body.message === 'string' && body.message) ||
    `The server answered ${response.status} ${response.statusText}`.trim();
  const code = typeof body.error_code === 'string' ? body.error_code : `HTTP_${response.status}`;
  const data = body.data as { fieldErrors?: FieldError[]; currentPage?: ConfigPage } | null | undefined;
  const legacy = Array.isArray(body.errors)
    ? (body.errors as { field?: string; message?: string }[]).map((e) => ({
        path: `/${e.field ?? ''}`,
        message: e.message ?? '',
      }))
    : [];
  const errorId = typeof body.error_id === 'string' ? body.error_id : correlationId;
  return new ApiError(message, response.status, code, errorId, data?.fieldErrors ?? legacy, data?.currentPage);
}

export const enc = encodeURIComponent;
