/**
 * Sign-in sessions, in Switchboard's own store, so any replica can serve any request. The cookie carries a random
 * token; the store keeps only its SHA-256, so reading the table does not let anyone in. (A sign-in still on its way
 * through the identity provider is kept in the browser: sign-in-cookie.ts.)
 */
import { createHash, randomBytes } from 'node:crypto';
import { generationOf } from '../../state/generation.ts';
import type { StateDb } from '../../state/state-store.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
/** How often a session's last use is written (every request would be a write per request). */
const TOUCH_EVERY_MS = 60_000;

type Session = { email: string; expiresAt: string; generation: number };
type Lookup = { idHash: string; resolve: (session: Session | undefined) => void; reject: (error: unknown) => void };

export function createSessionsRepository(
  db: StateDb,
  { lifetimeMs, now = () => new Date() }: { lifetimeMs: number; now?: () => Date },
) {
  const waiting: Lookup[] = [];

  async function lookUp() {
    // At most a thousand at a time: a flood of requests must not build a query past the databases' parameter limits.
    const lookups = waiting.splice(0, 1_000);
    if (waiting.length > 0) setImmediate(lookUp);
    try {
      const at = now();
      const rows = await db
        .selectFrom('sessions')
        .select(['id_hash', 'email', 'expires_at', 'last_seen_at', generationOf(db).as('generation')])
        .where('id_hash', 'in', [...new Set(lookups.map((lookup) => lookup.idHash))])
        .where('expires_at', '>', at.toISOString())
        .execute();
      const stale = rows
        .filter((row) => at.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS)
        .map((row) => row.id_hash);
      if (stale.length > 0)
        await db
          .updateTable('sessions')
          .set({ last_seen_at: at.toISOString() })
          .where('id_hash', 'in', stale)
          .execute();
      const found = new Map(
        rows.map((row) => [
          row.id_hash,
          { email: row.email, expiresAt: row.expires_at, generation: Number(row.generation) },
        ]),
      );
      for (const lookup of lookups) lookup.resolve(found.get(lookup.idHash));
    } catch (error) {
      for (const lookup of lookups) lookup.reject(error);
    }
  }

  return {
    /** A new session for `email`; the token goes in the cookie and nowhere else. */
    async create(email: string): Promise<{ token: string; expiresAt: string }> {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const expiresAt = new Date(at.getTime() + lifetimeMs).toISOString();
      await db
        .insertInto('sessions')
        .values({
          id_hash: hashOf(token),
          email,
          created_at: at.toISOString(),
          expires_at: expiresAt,
          last_seen_at: at.toISOString(),
        })
        .execute();
      return { token, expiresAt };
    },

    /**
     * The session's member, if the token is one of a session that has neither expired nor been revoked, with the
     * store's generation read in the same query (the request needs it: ../../state/generation.ts). Lookups asked for in
     * the same turn of the event loop are read together, in one query: under load, one per busy moment, not per request.
     */
    find(token: string): Promise<Session | undefined> {
      return new Promise((resolve, reject) => {
        waiting.push({ idHash: hashOf(token), resolve, reject });
        if (waiting.length === 1) setImmediate(lookUp);
      });
    },

    async revoke(token: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', hashOf(token)).execute();
    },

    /** Signs a member out everywhere; returns how many sessions ended. */
    async revokeAll(email: string): Promise<number> {
      const result = await db.deleteFrom('sessions').where('email', '=', email).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** Removes expired sessions (at start and then hourly). */
    async purge(): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now().toISOString()).execute();
    },
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;
