/** What differs between the state store's two databases: SQLite (one process) and Postgres (team mode, shared). */
import { PostgresAdapter, sql, type QueryExecutorProvider } from 'kysely';

/** A Postgres connection string (team mode) rather than a SQLite file. */
export const isDatabaseUrl = (target: string) => /^postgres(?:ql)?:\/\//i.test(target);

/** Whether this store is Postgres, shared with other replicas (or SQLite, owned by this process alone). */
export const isShared = (db: QueryExecutorProvider) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Lock namespaces (the first key of Postgres' two-key advisory locks), one per kind of thing locked. */
export const LOCKS = { page: 1 } as const;

/**
 * Holds a lock named `name` in `namespace` until the transaction `tx` ends, across every replica on the same Postgres
 * (waiting at most `timeoutMs`, then the statement fails). On SQLite this process is the only one, and Kysely runs its
 * transactions one at a time on its single connection: nothing to do.
 */
export async function lockUntilCommit(tx: QueryExecutorProvider, namespace: number, name: string, timeoutMs = 20_000): Promise<void> {
  if (!isShared(tx)) return;
  // One round trip: the timeout is set (for this transaction) by the subquery before the lock is asked for.
  await sql`select pg_advisory_xact_lock(${namespace}::int, hashtext(${name})) from (select set_config('lock_timeout', ${`${timeoutMs}ms`}, true)) as timeout`.execute(tx);
}

