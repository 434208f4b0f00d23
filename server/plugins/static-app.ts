import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendError } from './error-envelope.ts';

const API_PREFIX = /^\/(v1|api)(\/|$)/;

/**
 * Serves the built console. Hashed assets are cached for a year; index.html never is, so a deploy shows at once.
 * Any other GET that is not an API path gets index.html, so deep links work.
 */
export async function registerStaticApp(app: FastifyInstance, distDir: string | undefined) {
  const hasBuild = distDir !== undefined && existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: path.resolve(distDir),
      wildcard: false,
      // The build writes .br/.gz beside each asset (scripts/compress-dist.ts): served as they are, no live compression.
      preCompressed: true,
      setHeaders(reply, file) {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = (req.method === 'GET' || req.method === 'HEAD') && !API_PREFIX.test(req.url);
    if (isPage && hasBuild) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    const what = isPage ? 'The console is not built (run npm run build)' : `No route for ${req.method} ${req.url}`;
    return sendError(req, reply, 404, 'NOT_FOUND', what);
  });
}
