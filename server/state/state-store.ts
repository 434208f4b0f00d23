/**
 * Switchboard's own state (history now; members and change requests next), apart from the emulated `/v1` data: in
 * proxy mode there is no emulator, and this state must be there all the same. Queries go through Kysely, which speaks
 * SQLite here and Postgres for team mode; the schema is versioned by the migrations in ./migrations.ts.
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
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
  const db = new Kysely<StateTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Switchboard's state database could not be migrated${failed ? ` (${failed})` : ''}: ${String(error)}`);
  }
  return db;
}
