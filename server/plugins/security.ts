import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
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

/** Security headers on every response, in both modes. */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    return payload;
  });
}

/**
 * DNS rebinding defence: a page on another site that re-points its own hostname at 127.0.0.1 still sends its own
 * name as Host, so only the server's own names are served.
 */
export function registerAllowedHosts(app: FastifyInstance, allowedHosts: string[]) {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  app.addHook('onRequest', async (req, reply) => {
    if (!allowed.has((req.headers.host ?? '').toLowerCase())) {
      return sendError(req, reply, 403, 'HOST_NOT_ALLOWED', 'This server does not answer for that host name');
    }
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
