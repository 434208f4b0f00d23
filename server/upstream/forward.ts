import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import type { UpstreamOptions } from './upstream-options.ts';

export type UpstreamAnswer = { status: number; contentType: string; body: string };

/**
 * Sends one request to PolyAI with the server's key. Headers are built from scratch: nothing the browser sent
 * (cookies, a key of its own, If-Match…) reaches upstream, only the JSON body and our correlation id.
 */
export async function callUpstream(
  upstream: UpstreamOptions,
  req: FastifyRequest,
  method: string,
  path: string,
  body?: unknown,
): Promise<UpstreamAnswer> {
  try {
    const response = await fetch(upstream.baseUrl + path, {
      method,
      headers: {
        'x-api-key': upstream.apiKey,
        'x-polyai-correlation-id': req.id,
        'x-poly-source': 'switchboard',
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(upstream.timeoutMs),
      redirect: 'error',
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? 'application/json',
      // Read inside the try: the timeout covers the whole answer, not only its headers.
      body: await response.text(),
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new ApiError(504, 'UPSTREAM_TIMEOUT', `PolyAI's API did not answer within ${upstream.timeoutMs / 1000} s`);
    }
    throw new ApiError(502, 'UPSTREAM_UNREACHABLE', `PolyAI's API could not be reached: ${causeOf(error)}`);
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
