import type { FastifyInstance } from 'fastify';
import { sendError } from './error-envelope.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses writes that a browser sent on behalf of another site (CSRF): the console and its API share one origin,
 * so any other Origin, or a Sec-Fetch-Site other than same-origin/none, is an attack or a mistake.
 */
export function registerSameOriginWrites(app: FastifyInstance) {
  app.addHook('onRequest', async (req, reply) => {
    if (SAFE_METHODS.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    const foreignOrigin = origin !== undefined && hostOf(origin) !== req.headers.host;
    if (crossSite || foreignOrigin) {
      return sendError(req, reply, 403, 'CROSS_ORIGIN_REQUEST_REFUSED', 'Cross-origin writes are not allowed');
    }
  });
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
