import type { FastifyRequest } from 'fastify';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { request } from 'undici';
import { ApiError } from '../errors.ts';
import type { UpstreamOptions } from './upstream-options.ts';

export type UpstreamAnswer = { status: number; contentType: string; body: string };

/**
 * The encodings asked for when an answer may be large (a list of 10,000 connectors is megabytes of JSON); decoded in
 * Node's thread pool, so a large answer does not hold the event loop. One that decodes to more than MAX_DECODED_BYTES
 * is refused.
 */
const DECODERS: Record<string, (data: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  br: promisify(brotliDecompress),
  deflate: promisify(inflate),
};
export const MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * Sends one request to PolyAI with the server's key. `pathAndQuery` is built by the caller from an allowlisted
 * endpoint and checked parameters (never the request target as received); it is resolved against the base URL's own
 * origin and must come out exactly as given, so no parser can turn it into another path or host.
 * Headers are built from scratch: nothing the browser sent (cookies, a key of its own, If-Match…) reaches upstream,
 * only the JSON body and our correlation id. `compressed` asks for a compressed answer: worth it for lists, not for
 * one config page, which costs more CPU to compress and decode than it saves on the wire.
 */
export async function callUpstream(
  upstream: UpstreamOptions,
  req: Pick<FastifyRequest, 'id'>,
  method: string,
  pathAndQuery: string,
  { body, compressed = false }: { body?: unknown; compressed?: boolean } = {},
): Promise<UpstreamAnswer> {
  const base = new URL(upstream.baseUrl);
  const expected = base.pathname.replace(/\/+$/, '') + pathAndQuery;
  const url = new URL(expected, base.origin);
  if (url.origin !== base.origin || url.pathname + url.search !== expected) {
    throw new ApiError(400, 'INVALID_REQUEST', 'The request path cannot be forwarded as written');
  }
  let answer: { status: number; contentType: string; encoding: string; data: Buffer };
  try {
    // undici's request rather than fetch: far less CPU per call (no web streams), and the proxy makes two per write.
    // It follows no redirect (see below) and decodes nothing by itself.
    const response = await request(url, {
      method: method as 'GET',
      headers: {
        'x-api-key': upstream.apiKey,
        'x-polyai-correlation-id': req.id,
        'x-poly-source': 'switchboard',
        accept: 'application/json',
        'accept-encoding': compressed ? Object.keys(DECODERS).join(', ') : 'identity',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(upstream.timeoutMs),
    });
    answer = {
      status: response.statusCode,
      contentType: headerOf(response.headers['content-type']),
      encoding: headerOf(response.headers['content-encoding']).trim().toLowerCase(),
      // Read inside the try: the timeout covers the whole answer, not only its headers.
      data: Buffer.from(await response.body.arrayBuffer()),
    };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new ApiError(504, 'UPSTREAM_TIMEOUT', `PolyAI's API did not answer within ${upstream.timeoutMs / 1000} s`);
    }
    throw new ApiError(502, 'UPSTREAM_UNREACHABLE', `PolyAI's API could not be reached: ${causeOf(error)}`);
  }
  // A redirect is never followed: the key would go wherever it points.
  if (answer.status >= 300 && answer.status < 400) {
    throw new ApiError(
      502,
      'UPSTREAM_INVALID_RESPONSE',
      `PolyAI's API answered ${answer.status}, a redirect: not followed, so nothing was sent on`,
    );
  }
  return {
    status: answer.status,
    contentType: answer.contentType,
    body: redactKey((await decoded(answer.data, answer.encoding)).toString('utf8'), upstream.apiKey),
  };
}

const headerOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : (value ?? ''));

async function decoded(data: Buffer, encoding: string): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity') return data;
  const decode = Object.hasOwn(DECODERS, encoding) ? DECODERS[encoding] : undefined;
  if (!decode)
    throw new ApiError(
      502,
      'UPSTREAM_INVALID_RESPONSE',
      `PolyAI's API answered in an encoding Switchboard did not ask for (${encoding.slice(0, 40)})`,
    );
  try {
    return await decode(data, { maxOutputLength: MAX_DECODED_BYTES });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new ApiError(
      502,
      'UPSTREAM_INVALID_RESPONSE',
      tooLarge
        ? `PolyAI's answer is larger than ${MAX_DECODED_BYTES / 1024 / 1024} MiB once decompressed`
        : `PolyAI's answer could not be decompressed (${encoding})`,
    );
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
