/** What differs between the state store's two databases: SQLite (one process) and Postgres (team mode, shared). */
import { PostgresAdapter, sql, type Kysely, type QueryExecutorProvider } from 'kysely';
import type { StateTables } from './state-tables.ts';

/** A Postgres connection string (team mode) rather than a SQLite file. */
export const isDatabaseUrl = (target: string) => /^postgres(?:ql)?:\/\//i.test(target);

/** Whether this store is Postgres, shared with other replicas (or SQLite, owned by this process alone). */
export const isShared = (db: QueryExecutorProvider) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Lock namespaces (the first key of Postgres' two-key advisory locks), one per kind of thing locked. */
export const LOCKS = { page: 1 } as const;

/** A transaction of the state store, or a connection in one (see inLockedTransaction): what queries run in. */
export type StateTx = Kysely<StateTables>;

/**
 * Runs `work` in a transaction that holds the lock `name` in `namespace` until it ends, across every replica on the
 * same Postgres (waiting at most `timeoutMs`, then failing). On SQLite this process is the only one, and Kysely runs
 * its transactions one at a time on its single connection: a plain transaction.
 */
export async function inLockedTransaction<T>(
  db: Kysely<StateTables>,
  namespace: (typeof LOCKS)[keyof typeof LOCKS],
  name: string,
  work: (tx: StateTx) => Promise<T>,
  // Under the store's own time limit (state-store.ts): a page held long elsewhere fails as busy, not as a silent store.
  timeoutMs = 4_000,
): Promise<T> {
  if (!isShared(db)) return db.transaction().execute(work);
  return db.connection().execute(async (connection) => {
    try {
      // The transaction's start, its lock timeout and the lock in one round trip (Kysely's own transaction would take
      // two): several statements go at once only without parameters, so the name is sent as hex, which needs no quoting.
      const hex = Buffer.from(name, 'utf8').toString('hex');
      await sql
        .raw(
          `begin; set local lock_timeout = '${Math.round(timeoutMs)}ms'; select pg_advisory_xact_lock(${namespace}, hashtext(convert_from(decode('${hex}', 'hex'), 'UTF8')))`,
        )
        .execute(connection);
      const result = await work(connection);
      // A statement that failed inside `work` (and was caught there) leaves the transaction aborted: COMMIT says ROLLBACK.
      const { rows } = await sql<{ command?: string }>`commit`.execute(connection);
      if (rows[0]?.command === 'ROLLBACK')
        throw new Error('The transaction was rolled back: a statement in it had failed');
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => {});
      throw error;
    }
  });
}
