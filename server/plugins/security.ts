import { randomUUID, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER } from '../../contract/agents-api.ts';
import { sendError } from './error-envelope.ts';

/**
 * As strict as the console allows. ajv compiles validators at run time (new Function), hence 'unsafe-eval' in
 * script-src; nothing else is loosened: no inline scripts, no other origins, no framing, no <base>, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const API_PATH = /^\/(v1|api)(\/|$|\?)/;

/**
 * The headers every answer carries, in both modes, whoever produced it (a route, a hook's refusal, or the router's own
 * error for a malformed URL). API answers are never stored by a cache: they are live config, some of it personal.
 */
export function setCommonHeaders(req: FastifyRequest, reply: FastifyReply) {
  reply.header(CORRELATION_HEADER, req.id);
  reply.headers(FIXED_HEADERS);
  if (API_PATH.test(req.raw.url ?? '') || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

const FIXED_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * Requests Node's parser refuses before Fastify sees them (a header section over 16 kB, Content-Length with
 * Transfer-Encoding, a malformed request line, a timeout) are answered here, on the bare socket, in the same envelope
 * and with the same headers as everything else.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'REQUEST_TIMEOUT', 'The request was not received in time']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'HEADERS_TOO_LARGE', 'The request headers are larger than 16 kB']
        : [400, 'INVALID_REQUEST', 'The request is not well-formed HTTP'];
  if (socket.writable) {
    const id = randomUUID();
    const body = JSON.stringify({
      success: false,
      error: message,
      error_id: id,
      error_code: code,
      error_message: message,
      data: null,
    });
    const headers = {
      ...FIXED_HEADERS,
      [CORRELATION_HEADER]: id,
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    };
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n')}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export function registerCommonHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply, payload) => {
    setCommonHeaders(req, reply);
    return payload;
  });
}

/** The names and origins a server answers to, from its own address and the operator's ALLOWED_HOSTS. */
export type Audience = { hosts: Set<string>; origins: Set<string> };

/**
 * `host:port` entries are served over plain http; an entry written as an origin (`https://console.example`) is a
 * name served through a TLS-terminating proxy, and writes from that exact origin are accepted.
 */
export function audienceOf(entries: string[]): Audience {
  const hosts = new Set<string>();
  const origins = new Set<string>();
  for (const entry of entries.map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const url = entry.includes('://') ? new URL(entry) : new URL(`http://${entry}`);
    hosts.add(url.host);
    origins.add(url.origin);
  }
  return { hosts, origins };
}

export type Refusal = { status: number; code: string; message: string };

/**
 * What every request must pass before anything else looks at it, including the router (whose own errors answer
 * through the same check). Browsers never send what these refuse; a hand-written request might:
 * - an absolute-form target (`GET http://elsewhere/v1/agents`): only paths are served;
 * - more than one Host header, which two layers could read differently;
 * - (when the audience is known) a Host that is not one of this server's names: DNS rebinding.
 */
export function requestGuard(audience: Audience | undefined) {
  return (req: FastifyRequest): Refusal | undefined => {
    if (!(req.raw.url ?? '').startsWith('/')) {
      return { status: 400, code: 'INVALID_REQUEST', message: 'The request target must be a path' };
    }
    const raw = req.raw.rawHeaders;
    let hostHeaders = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === 'host') hostHeaders++;
    if (hostHeaders > 1)
      return { status: 400, code: 'INVALID_REQUEST', message: 'A request must carry one Host header' };
    if (audience && !audience.hosts.has((req.headers.host ?? '').toLowerCase())) {
      return { status: 403, code: 'HOST_NOT_ALLOWED', message: 'This server does not answer for that host name' };
    }
    return undefined;
  };
}
export type RequestGuard = ReturnType<typeof requestGuard>;

export function registerRequestGuard(app: FastifyInstance, guard: RequestGuard) {
  app.addHook('onRequest', async (req, reply) => {
    const refusal = guard(req);
    if (refusal) return sendError(req, reply, refusal.status, refusal.code, refusal.message);
  });
}

/** The names a server listening on host:port answers to: loopback aliases, plus the host it was bound to. */
export function ownHostNames(host: string, port: number): string[] {
  const names = ['127.0.0.1', 'localhost', '[::1]', host.includes(':') ? `[${host}]` : host];
  return [...new Set(names)].flatMap((name) => [`${name}:${port}`, ...(port === 80 ? [name] : [])]);
}

/** Emulator only: demand an API key, as PolyAI does, so the emulator can stand in as the proxy's upstream in tests. */
export function registerRequiredApiKey(app: FastifyInstance, apiKey: string) {
  const expected = Buffer.from(apiKey);
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return;
    const sent = Buffer.from(String(req.headers['x-api-key'] ?? ''));
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      return sendError(req, reply, 401, 'AUTH_USER_UNAUTHORISED', 'Missing or invalid API key');
    }
  });
}
