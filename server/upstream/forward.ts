import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import type { UpstreamOptions } from './upstream-options.ts';

export type UpstreamAnswer = { status: number; contentType: string; body: string };

/**
 * Sends one request to PolyAI with the server's key. `pathAndQuery` is built by the caller from an allowlisted
 * endpoint and checked parameters (never the request target as received); it is resolved against the base URL's own
 * origin and must come out exactly as given, so no parser can turn it into another path or host.
 * Headers are built from scratch: nothing the browser sent (cookies, a key of its own, If-Match…) reaches upstream,
 * only the JSON body and our correlation id.
 */
export async function callUpstream(
  upstream: UpstreamOptions,
  req: FastifyRequest,
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<UpstreamAnswer> {
  const base = new URL(upstream.baseUrl);
  const expected = base.pathname.replace(/\/+$/, '') + pathAndQuery;
  const url = new URL(expected, base.origin);
  if (url.origin !== base.origin || url.pathname + url.search !== expected) {
    throw new ApiError(400, 'INVALID_REQUEST', 'The request path cannot be forwarded as written');
  }
  try {
    const response = await fetch(url, {
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
      contentType: response.headers.get('content-type') ?? '',
      // Read inside the try: the timeout covers the whole answer, not only its headers.
      body: redactKey(await response.text(), upstream.apiKey),
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new ApiError(504, 'UPSTREAM_TIMEOUT', `PolyAI's API did not answer within ${upstream.timeoutMs / 1000} s`);
    }
    throw new ApiError(502, 'UPSTREAM_UNREACHABLE', `PolyAI's API could not be reached: ${causeOf(error)}`);
  }
}

/**
 * An upstream that echoes the request (a 401 quoting its headers, a debug page) must not hand the key to the browser:
 * every spelling of it that JSON or a URL could carry is replaced before anything is relayed.
 */
export function redactKey(text: string, apiKey: string): string {
  let redacted = text;
  for (const form of new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)])) {
    redacted = redacted.replaceAll(form, '[redacted]');
  }
  return redacted;
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
