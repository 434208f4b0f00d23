/**
 * Switchboard's own state (history, members, sessions, settings), apart from the emulated `/v1` data: in proxy mode
 * there is no emulator, and this state must be there all the same. Queries go through Kysely, which speaks both
 * SQLite (one process, a file in DATA_DIR) and Postgres (team mode: `DATABASE_URL`, shared by several replicas); the
 * schema is versioned by the migrations in ./migrations.ts, run at start (Kysely takes an advisory lock on Postgres, so
 * replicas starting together migrate once).
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { isDatabaseUrl } from './dialect.ts';
import { MIGRATIONS } from './migrations.ts';
import type { StateTables } from './state-tables.ts';

export type StateDb = Kysely<StateTables>;

export type StateStoreOptions = {
  /** Postgres connections per replica. */
  poolSize?: number;
  /** How long one statement, or getting a connection, may take before the request fails with 503 (5 s). */
  timeoutMs?: number;
};

/**
 * Every store call has a time limit: a database that stops answering (frozen, cut off) must cost a request a few
 * seconds and a plain 503, never a hang. The page lock waits less than this (dialect.ts), so a busy page is told
 * apart from a silent database.
 */
export const STORE_TIMEOUT_MS = 5_000;

/**
 * Opens (creating and migrating if needed) the state store: a SQLite file (`:memory:` for tests) or a Postgres URL.
 */
export async function openStateStore(
  target: string,
  { poolSize = 10, timeoutMs = STORE_TIMEOUT_MS }: StateStoreOptions = {},
): Promise<StateDb> {
  const db = isDatabaseUrl(target) ? openPostgres(target, poolSize, timeoutMs) : openSqlite(target, timeoutMs);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(
      `Switchboard's state database could not be migrated${failed ? ` (${failed})` : ''}: ${String(error)}`,
    );
  }
  return db;
}

/**
 * A small pool of its own on the same Postgres (undefined on SQLite, which is one process): for the few statements
 * that must commit apart from a transaction their caller holds open (a write's intent, under its page lock), without
 * waiting for a connection of the main pool, whose every connection may be held that way.
 */
export function openSidePool(target: string, timeoutMs = STORE_TIMEOUT_MS): StateDb | undefined {
  // Never waited on while holding anything else, so a few connections are enough, and none can deadlock the main pool.
  return isDatabaseUrl(target) ? openPostgres(target, 4, timeoutMs) : undefined;
}

function openPostgres(url: string, poolSize: number, timeoutMs: number): StateDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: timeoutMs,
    // On the server (a slow statement) and here (a server that does not answer at all: stopped, frozen, cut off).
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 500,
    application_name: 'switchboard',
  });
  // A connection the server closes (a restart, a failover, a shutdown) must not crash the process, idle or in use: the
  // pool replaces an idle one, and the statement running on one in use fails with it (a 503: store-errors.ts).
  pool.on('error', (error) =>
    console.error(`Postgres: an idle connection failed (${error.message}); it will be replaced`),
  );
  // In use, its statement fails with the error (and is answered 503): the listener only keeps the error from being
  // unhandled. Idle, the pool's own listener above says so.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<StateTables>({ dialect: new PostgresDialect({ pool }) });
}

function openSqlite(file: string, timeoutMs: number): StateDb {
  const sqlite = new Database(file);
  // WAL: an acknowledged write survives the process being killed; reads never wait for a write.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.round(timeoutMs)}`);
  return new Kysely<StateTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** How many prepared statements are kept (a multi-row insert is one statement per row count). */
const CACHED_STATEMENTS = 256;

/**
 * Kysely's SQLite driver prepares every query again; preparing costs more than running a small one, and the history
 * writes a few on every PATCH. Statements are kept by their SQL text (least recently used goes first).
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
