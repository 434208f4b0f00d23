/** The state database's tables as Kysely sees them (kept in step with ./migrations.ts). */
import type { Generated } from 'kysely';

export type StateTables = {
  /** One row: moved by triggers on every change to the tables replicas keep copies of (generation.ts). */
  state_generation: { id: number; value: number };
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
  members: {
    /** Lower case: the identity provider's verified email is the member's name here. */
    email: string;
    name: string | null;
    admin: number;
    created_at: string;
    last_seen_at: string | null;
  };
  /** '' in agent_id / client_env: every agent / every environment. */
  member_grants: {
    email: string;
    agent_id: string;
    client_env: string;
    role: string;
  };
  sessions: {
    /** SHA-256 of the cookie's value. */
    id_hash: string;
    email: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  };
  change_requests: {
    id: Generated<number>;
    agent_id: string;
    client_env: string;
    kind: string;
    body_json: string;
    base_version: string;
    note: string;
    author: string;
    status: string;
    revision: number;
    created_at: string;
    updated_at: string;
    applied_version: string | null;
    stale_at: string | null;
    /** When to apply it by itself (if approved by then), and as whom. */
    scheduled_at: string | null;
    scheduled_by: string | null;
    /** What its write reaches (a Reach as JSON); NULL for a request of an earlier version: its own environment. */
    reach_json: string | null;
    /** While `applying`: until when the replica applying it holds it. */
    lease_until: string | null;
  };
  change_request_events: {
    id: Generated<number>;
    request_id: number;
    at: string;
    actor: string | null;
    kind: string;
    revision: number;
    text: string | null;
  };
  webhooks: {
    id: Generated<number>;
    url: string;
    /** The HMAC key deliveries are signed with (shown once, when the webhook is added). */
    secret: string;
    format: string;
    events_json: string;
    created_at: string;
  };
  webhook_deliveries: {
    id: Generated<number>;
    webhook_id: number;
    event: string;
    body: string;
    /** `pending` (to send, or to retry at next_attempt_at), `delivered`, or `failed` (given up). */
    status: string;
    attempts: number;
    next_attempt_at: string;
    /** A replica sending it now holds it until then. */
    claimed_until: string | null;
    last_status: number | null;
    last_error: string | null;
    created_at: string;
    delivered_at: string | null;
  };
};
