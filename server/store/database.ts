import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS agents (
  agent_id   TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS config_pages (
  agent_id       TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
  client_env     TEXT NOT NULL,
  schema_json    TEXT NOT NULL DEFAULT '{}',
  last_updated   TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (agent_id, client_env)
);
-- One row per variable: a PATCH writes only the keys it sends (the API merges shallowly). Row order is key order.
CREATE TABLE IF NOT EXISTS config_variables (
  agent_id   TEXT NOT NULL,
  client_env TEXT NOT NULL,
  key        TEXT NOT NULL,
  value_json TEXT NOT NULL,
  PRIMARY KEY (agent_id, client_env, key),
  FOREIGN KEY (agent_id, client_env) REFERENCES config_pages(agent_id, client_env) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS connectors (
  connector_id    TEXT PRIMARY KEY,
  agent_id        TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
  account_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  client_env      TEXT NOT NULL,
  variant_id      TEXT NOT NULL DEFAULT '',
  asr_lang_code   TEXT NOT NULL,
  tts_lang_code   TEXT NOT NULL,
  voice_name      TEXT NOT NULL,
  disable_handoff INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS connectors_by_agent ON connectors(agent_id, name);
CREATE TABLE IF NOT EXISTS phone_numbers (
  number       TEXT PRIMARY KEY,
  agent_id     TEXT NOT NULL REFERENCES agents(agent_id) ON DELETE CASCADE,
  account_id   TEXT NOT NULL,
  client_env   TEXT NOT NULL,
  connector_id TEXT REFERENCES connectors(connector_id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS phone_numbers_by_agent ON phone_numbers(agent_id, number);
`;

/** Opens (creating if needed) the emulator's database. WAL lets reads proceed while a write commits. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

// One transaction wrapper per database: better-sqlite3 builds four wrapped functions per `db.transaction()` call,
// which cost as much as a small write.
const transactionRunners = new WeakMap<Db, Database.Transaction<(work: () => unknown) => unknown>>();

/** Runs `work` inside BEGIN IMMEDIATE, so a read-modify-write never interleaves with another writer. */
export function inWriteTransaction<T>(db: Db, work: () => T): T {
  let run = transactionRunners.get(db);
  if (!run) {
    run = db.transaction((task: () => unknown) => task());
    transactionRunners.set(db, run);
  }
  return run.immediate(work) as T;
}
