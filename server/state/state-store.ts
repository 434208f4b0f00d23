/**
 * Switchboard's own state (history now; members and change requests next), apart from the emulated `/v1` data: in
 * proxy mode there is no emulator, and this state must be there all the same. Queries go through Kysely, which speaks
 * SQLite here and Postgres for team mode; the schema is versioned by the migrations in ./migrations.ts.
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { MIGRATIONS } from './migrations.ts';
import type { StateTables } from './state-tables.ts';

export type StateDb = Kysely<StateTables>;

/** Opens (creating and migrating if needed) the state database in `file` (`:memory:` for tests). */
export async function openStateStore(file: string): Promise<StateDb> {
  const sqlite = new Database(file);
  // WAL: an acknowledged write survives the process being killed; reads never wait for a write.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<StateTables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Switchboard's state database could not be migrated${failed ? ` (${failed})` : ''}: ${String(error)}`);
  }
  return db;
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
