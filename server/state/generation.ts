/**
 * Members, grants, settings and webhooks are read on nearly every request and change rarely. Each process keeps what
 * it read of them for as long as the store's generation stays where it was: a counter that triggers move in the very
 * transaction of any change to those tables (migration 006), on SQLite and Postgres alike. Every API request learns
 * the generation before it reads anything kept here (with its session in team mode, or with one small query), so a
 * change committed on any replica holds from the next request on, on every replica, as if nothing were kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isShared } from './dialect.ts';
import type { StateDb } from './state-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once this request has told the generation cache where the store's generation is. */
    generationSeen?: boolean;
  }
}

/** The store's generation, as a subquery (to be read along with a query a request makes anyway) or on its own. */
export const generationOf = (db: StateDb) => db.selectFrom('state_generation').select('value').where('id', '=', 1);

export function createGenerationCache(db: StateDb) {
  /** The newest generation any request has seen; -1 until one has, and nothing is kept before that. */
  let known = -1;
  const values = new Map<string, unknown>();
  // A SQLite store is this process's alone: every change to it is made here, and refreshes the cache itself.
  const shared = isShared(db);
  const observe = (generation: number) => {
    if (generation <= known) return;
    known = generation;
    values.clear();
  };
  return {
    observe,
    /** Whether a request must read the generation first: always on a shared store; on SQLite, until one has. */
    needsCheck: () => shared || known < 0,
    /**
     * Reads the generation now: for work outside a request, a request that did not read it with its session, and right
     * after this process changed a table the generation follows (so the request that changed it reads its change).
     */
    async refresh(): Promise<void> {
      observe((await generationOf(db).executeTakeFirstOrThrow()).value);
    },
    /** `name`'s value as kept, or loaded now and kept unless the generation moved while it loaded. */
    async get<T>(name: string, load: () => Promise<T>): Promise<T> {
      if (values.has(name)) return values.get(name) as T;
      const at = known;
      const value = await load();
      if (at >= 0 && known === at) values.set(name, value);
      return value;
    },
  };
}

export type GenerationCache = ReturnType<typeof createGenerationCache>;

/**
 * Every API request reads the generation before its handler (a request whose session lookup read it is spared the
 * query; on SQLite, every request once one has): no API route sees what a replica kept from before a change. Decided by the route matched, not the path as
 * sent. Health checks and static files read nothing kept, and must answer while the store does not. Registered after
 * team mode's own onRequest hook.
 */
export function registerGenerationCheck(app: FastifyInstance, cache: GenerationCache) {
  app.decorateRequest('generationSeen', false);
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const route = req.routeOptions.url ?? '';
    if (req.generationSeen || !cache.needsCheck() || !(route.startsWith('/v1/') || route.startsWith('/api/'))) return;
    await cache.refresh();
    req.generationSeen = true;
  });
}
