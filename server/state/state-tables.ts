/** The state database's tables as Kysely sees them (kept in step with ./migrations.ts). */
import type { Generated } from 'kysely';

export type StateTables = {
  history_entries: {
    id: Generated<number>;
    agent_id: string;
    client_env: string | null;
    kind: string;
    outcome: string;
    /** ISO 8601, UTC: sorts as it reads. */
    at: string;
    author: string | null;
    note: string | null;
    correlation_id: string | null;
    version: string | null;
    subject: string | null;
    source: string | null;
    schema_before: string | null;
    schema_after: string | null;
  };
  /** One row per top-level key an entry changed; a NULL side means the key was absent. */
  history_changes: {
    entry_id: number;
    key: string;
    before_json: string | null;
    after_json: string | null;
  };
  /** The last version of each page Switchboard saw: what the next read is compared with to find outside changes. */
  page_heads: {
    agent_id: string;
    client_env: string;
    last_updated: string;
    schema_json: string | null;
    /** 1 once every key of the page was seen; a page first met through a write knows only the keys it changed. */
    complete: number;
    first_seen: string;
  };
  page_keys: {
    agent_id: string;
    client_env: string;
    key: string;
    value_json: string;
  };
  settings: {
    name: string;
    value_json: string;
  };
};
