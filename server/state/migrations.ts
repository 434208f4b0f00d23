/**
 * The state database's versions, applied in name order by Kysely's migrator (recorded in `kysely_migration`). Never
 * change a migration that has shipped: add the next one. Written with Kysely's schema builder so they also run on
 * Postgres (team mode).
 */
import { sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { isShared } from './dialect.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '001-history': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('history_entries')
        .addColumn('id', 'integer', (col) =>
          isShared(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
        )
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
      await db.schema
        .createIndex('history_by_page')
        .on('history_entries')
        .columns(['agent_id', 'client_env', 'id'])
        .execute();
      await db.schema
        .createTable('history_changes')
        .addColumn('entry_id', 'integer', (col) => col.notNull().references('history_entries.id').onDelete('cascade'))
        .addColumn('key', 'text', (col) => col.notNull())
        .addColumn('before_json', 'text')
        .addColumn('after_json', 'text')
        .addPrimaryKeyConstraint('history_changes_pk', ['entry_id', 'key'])
        .execute();
      // A key's blame: its changes, newest first.
      await db.schema
        .createIndex('history_changes_by_key')
        .on('history_changes')
        .columns(['key', 'entry_id'])
        .execute();
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
  '002-team': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('members')
        .addColumn('email', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text')
        .addColumn('admin', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('last_seen_at', 'text')
        .execute();
      // '' for every agent / every environment (a real id is never empty).
      await db.schema
        .createTable('member_grants')
        .addColumn('email', 'text', (col) => col.notNull().references('members.email').onDelete('cascade'))
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('client_env', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('member_grants_pk', ['email', 'agent_id', 'client_env'])
        .execute();
      // A session is found by the hash of its cookie: the table alone cannot be used to sign in.
      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('email', 'text', (col) => col.notNull().references('members.email').onDelete('cascade'))
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .addColumn('last_seen_at', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('sessions_by_member').on('sessions').column('email').execute();
      // A sign-in on its way through the identity provider, so its return can land on any replica.
      await db.schema
        .createTable('sign_in_requests')
        .addColumn('state', 'text', (col) => col.primaryKey())
        .addColumn('code_verifier', 'text', (col) => col.notNull())
        .addColumn('nonce', 'text', (col) => col.notNull())
        .addColumn('return_to', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  '003-change-requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('change_requests')
        .addColumn('id', 'integer', (col) =>
          isShared(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
        )
        .addColumn('agent_id', 'text', (col) => col.notNull())
        .addColumn('client_env', 'text', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('body_json', 'text', (col) => col.notNull())
        .addColumn('base_version', 'text', (col) => col.notNull())
        .addColumn('note', 'text', (col) => col.notNull())
        .addColumn('author', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addColumn('applied_version', 'text')
        .addColumn('stale_at', 'text')
        .execute();
      await db.schema
        .createIndex('change_requests_by_agent')
        .on('change_requests')
        .columns(['agent_id', 'status', 'id'])
        .execute();
      await db.schema
        .createTable('change_request_events')
        .addColumn('id', 'integer', (col) =>
          isShared(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement(),
        )
        .addColumn('request_id', 'integer', (col) => col.notNull().references('change_requests.id').onDelete('cascade'))
        .addColumn('at', 'text', (col) => col.notNull())
        .addColumn('actor', 'text')
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('revision', 'integer', (col) => col.notNull())
        .addColumn('text', 'text')
        .execute();
      await db.schema
        .createIndex('change_request_events_by_request')
        .on('change_request_events')
        .columns(['request_id', 'id'])
        .execute();
    },
  },
  '004-change-request-schedules': {
    async up(db: Kysely<unknown>) {
      // One column per statement: SQLite adds one at a time.
      await db.schema.alterTable('change_requests').addColumn('scheduled_at', 'text').execute();
      await db.schema.alterTable('change_requests').addColumn('scheduled_by', 'text').execute();
      await db.schema
        .createIndex('change_requests_due')
        .on('change_requests')
        .columns(['status', 'scheduled_at'])
        .execute();
    },
  },
  '005-webhooks': {
    async up(db: Kysely<unknown>) {
      const id = (col: ColumnDefinitionBuilder) =>
        isShared(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
      await db.schema
        .createTable('webhooks')
        .addColumn('id', 'integer', id)
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('secret', 'text', (col) => col.notNull())
        .addColumn('format', 'text', (col) => col.notNull())
        .addColumn('events_json', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull())
        .execute();
      // The outbox: every event for every webhook, until delivered or given up (the delivery log).
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'integer', id)
        .addColumn('webhook_id', 'integer', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
        .addColumn('event', 'text', (col) => col.notNull())
        .addColumn('body', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (col) => col.notNull())
        .addColumn('claimed_until', 'text')
        .addColumn('last_status', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (col) => col.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_due')
        .on('webhook_deliveries')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('webhook_deliveries_by_webhook')
        .on('webhook_deliveries')
        .columns(['webhook_id', 'id'])
        .execute();
    },
  },
  '006-generation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('state_generation')
        .addColumn('id', 'integer', (col) => col.primaryKey())
        .addColumn('value', 'integer', (col) => col.notNull())
        .execute();
      await sql`insert into state_generation (id, value) values (1, 0)`.execute(db);
      // Every change to these tables moves the generation in its own transaction (./generation.ts): no code path can
      // change them and leave another replica's copy in use.
      if (isShared(db)) {
        await sql`create function bump_state_generation() returns trigger language plpgsql as $$
          begin update state_generation set value = value + 1 where id = 1; return null; end $$`.execute(db);
      }
      for (const table of GENERATION_TABLES) {
        if (isShared(db)) {
          await sql`create trigger ${sql.id(`${table}_generation`)} after insert or update or delete on ${sql.table(table)}
            for each statement execute function bump_state_generation()`.execute(db);
          continue;
        }
        for (const change of ['insert', 'update', 'delete']) {
          await sql`create trigger ${sql.id(`${table}_${change}_generation`)} after ${sql.raw(change)} on ${sql.table(table)}
            begin update state_generation set value = value + 1 where id = 1; end`.execute(db);
        }
      }
    },
  },
  '007-unknown-outcomes': {
    async up(db: Kysely<unknown>) {
      // Writes whose outcome is unknown are few, and the page's next read decides them; every read of a version this
      // replica has not seen looks for them (history.repository.ts), which without this index reads the page's whole
      // history: 15 ms at 100,000 entries on Postgres, under the page lock.
      await db.schema
        .createIndex('history_unknown_outcomes')
        .on('history_entries')
        .columns(['agent_id', 'client_env'])
        .where(sql.ref('outcome'), '=', sql.lit('unknown'))
        .execute();
    },
  },
  '008-change-request-reach': {
    async up(db: Kysely<unknown>) {
      // What the request's write reaches (contract/reach.ts), worked out when it is opened or edited; a request of an
      // earlier version has none and reaches its own environment. While one replica applies it, its lease: past it,
      // the replica is taken to be gone and whoever looks decides from the page what happened.
      await db.schema.alterTable('change_requests').addColumn('reach_json', 'text').execute();
      await db.schema.alterTable('change_requests').addColumn('lease_until', 'text').execute();
      // Requests left `applying` by an earlier version (which had no lease) are decided by the next look.
      await sql`update change_requests set lease_until = updated_at where status = 'applying'`.execute(db);
    },
  },
  '009-sign-ins-in-cookies': {
    async up(db: Kysely<unknown>) {
      // A sign-in in progress is kept in a sealed cookie now (server/modules/auth/sign-in-cookie.ts): a flood of
      // anonymous visitors once filled this table.
      await db.schema.dropTable('sign_in_requests').ifExists().execute();
    },
  },
};

/** The tables the generation follows: read on every request, changed rarely (members, grants, settings, webhooks). */
export const GENERATION_TABLES = ['members', 'member_grants', 'settings', 'webhooks'] as const;
