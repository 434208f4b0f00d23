/**
 * The state database's versions, applied in name order by Kysely's migrator (recorded in `kysely_migration`). Never
 * change a migration that has shipped: add the next one. Written with Kysely's schema builder so they also run on
 * Postgres (team mode).
 */
import type { Kysely, Migration } from 'kysely';
import { isShared } from './dialect.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('history_entries')
        .addColumn('id', 'integer', (col) => (isShared(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement()))
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('client_env', 'text')
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('outcome', 'text', (col) => col.notNull())
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('author', 'text')
        .addColumn('note', 'text')
        .addColumn('correlation_id', 'text')
        .addColumn('version', 'text')
        .addColumn('subject', 'text')
        .addColumn('source', 'text')
        .addColumn('schema_before', 'text')
        .addColumn('schema_after', 'text')
        .execute();
      // Newest first per agent, optionally per environment: the history page's and the cursor's order.
      await db.schema.createIndex('history_by_agent').on('history_entries').columns(['agent_id', 'id']).execute();
      await db.schema.createIndex('history_by_page').on('history_entries').columns(['agent_id', 'client_env', 'id']).execute();
      await db.schema
        .createTable('history_changes')
        .addColumn('entry_id', 'integer', (col) => col.notNull().references('history_entries.id').onDelete('cascade'))
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addPrimaryKeyConstraint('history_changes_pk', ['entry_id', 'key'])
        .execute();
      // A key's blame: its changes, newest first.
      await db.schema.createIndex('history_changes_by_key').on('history_changes').columns(['key', 'entry_id']).execute();
      await db.schema
        .createTable('page_heads')
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('client_env', 'text', (col) => col.notNull())
        .addColumn('last_updated', 'text', (col) => col.notNull())
        .addColumn('schema_json', 'text')
        .addColumn('complete', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('first_seen', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('page_heads_pk', ['agent_id', 'client_env'])
        .execute();
      await db.schema
        .createTable('page_keys')
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('client_env', 'text', (col) => col.notNull())
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('value_json', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('page_keys_pk', ['agent_id', 'client_env', 'key'])
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('name', 'text', (col) => col.primaryKey())
        .addColumn('value_json', 'text', (col) => col.notNull())
        .execute();
    },
  },
};
