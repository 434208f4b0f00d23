import type { FastifyInstance } from 'fastify';
import type { Audience } from './security.ts';
import { sendError } from './error-envelope.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses writes that a browser sent on behalf of another site (CSRF): the console and its API share one origin,
 * so any other Origin, or a Sec-Fetch-Site other than same-origin/none, is an attack or a mistake. An Origin is
 * compared whole (scheme, host and port): `https://host` is another origin than the `http://host` this server is.
 */
export function registerSameOriginWrites(app: FastifyInstance, audience: Audience | undefined) {
  app.addHook('onRequest', async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin?.toLowerCase();
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin =
      origin !== undefined && !isOwnOrigin(origin, (req.headers.host ?? '').toLowerCase(), audience);
    if (crossSite || foreignOrigin) {
      return sendError(req, reply, 403, 'CROSS_ORIGIN_REQUEST_REFUSED', 'Cross-origin writes are not allowed');
    }
  });
}

/**
 * The request's own origin: one of the server's origins whose host is the Host the request was sent to (so an https
 * origin only where the operator named it, behind a TLS-terminating proxy). Without a known audience (in-process
 * tests), plain http on the request's Host.
 */
function isOwnOrigin(origin: string, host: string, audience: Audience | undefined): boolean {
  if (!audience) return origin === `http://${host}`;
  return audience.origins.has(origin) && new URL(origin).host === host;
}
