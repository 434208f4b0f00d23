/**
 * Stores one batch of history writes: their entries, the entries' changes, and each page's head moved forward with the
 * keys the writes set. On Postgres this is one statement (data-modifying CTEs): the proxy records a batch while it holds
 * the page lock that every writer of the page waits for, so each round trip there is time all of them wait. On SQLite
 * (one process, no round trips) it is a statement per table.
 */
import { sql, type Insertable } from 'kysely';
import { isShared, type StateTx } from '../../state/dialect.ts';
import type { StateTables } from '../../state/state-tables.ts';

type Row<T extends keyof StateTables> = Insertable<StateTables[T]>;

export type BatchRows = {
  /** In the order written: the i-th takes the i-th smallest id. */
  entries: Row<'history_entries'>[];
  /** `entry` is the place of the change's entry in `entries`. */
  changes: (Omit<Row<'history_changes'>, 'entry_id'> & { entry: number })[];
  /** One per page; a null schema_json leaves the head's schema as it is. Moved only forward (last_updated). */
  heads: Omit<Row<'page_heads'>, 'complete'>[];
  /** Set only on pages whose head moved; at most one per page and key. */
  keys: Row<'page_keys'>[];
  /** Entries (a write's intent: history.repository.ts) removed in the same commit: each is replaced or withdrawn. */
  replaced: number[];
};

/** The new entries' ids (in `entries` order) and the heads that moved, with whether each has every key of its page. */
export type StoredBatch = { entryIds: number[]; moved: { agent_id: string; client_env: string; complete: number }[] };

export function storeBatch(tx: StateTx, rows: BatchRows): Promise<StoredBatch> {
  return isShared(tx) ? storeInOneStatement(tx, rows) : storeStatementByStatement(tx, rows);
}

async function storeInOneStatement(tx: StateTx, rows: BatchRows): Promise<StoredBatch> {
  const json = (value: unknown) => JSON.stringify(value);
  // Rows are inserted in `ord` order, so their ids rise in it (other replicas may take ids in between: ranked, not
  // counted). Every CTE runs once and to the end, read or not.
  const { rows: out } = await sql<{
    id: number | null;
    agent_id: string | null;
    client_env: string | null;
    complete: number | null;
  }>`
    with replaced as (
      delete from history_entries where id in (select value::int from json_array_elements_text(${json(rows.replaced)}::json))
    ),
    new_entries as (
      insert into history_entries (agent_id, client_env, kind, outcome, at, author, note, correlation_id, version, subject, source, schema_before, schema_after)
      select agent_id, client_env, kind, outcome, at, author, note, correlation_id, version, subject, source, schema_before, schema_after
      from json_to_recordset(${json(rows.entries.map((entry, ord) => ({ ...entry, ord })))}::json) as e(
        ord int, agent_id text, client_env text, kind text, outcome text, at text, author text, note text, correlation_id text,
        version text, subject text, source text, schema_before text, schema_after text)
      order by ord
      returning id
    ),
    ranked as (select id, (row_number() over (order by id))::int - 1 as ord from new_entries),
    new_changes as (
      insert into history_changes (entry_id, key, before_json, after_json)
      select ranked.id, c.key, c.before_json, c.after_json
      from json_to_recordset(${json(rows.changes)}::json) as c(entry int, key text, before_json text, after_json text)
      join ranked on ranked.ord = c.entry
    ),
    moved as (
      insert into page_heads (agent_id, client_env, last_updated, schema_json, complete, first_seen)
      select agent_id, client_env, last_updated, schema_json, 0, first_seen
      from json_to_recordset(${json(rows.heads)}::json) as h(agent_id text, client_env text, last_updated text, schema_json text, first_seen text)
      on conflict (agent_id, client_env) do update
        set last_updated = excluded.last_updated, schema_json = coalesce(excluded.schema_json, page_heads.schema_json)
        where page_heads.last_updated <= excluded.last_updated
      returning agent_id, client_env, complete
    ),
    new_keys as (
      insert into page_keys (agent_id, client_env, key, value_json)
      select k.agent_id, k.client_env, k.key, k.value_json
      from json_to_recordset(${json(rows.keys)}::json) as k(agent_id text, client_env text, key text, value_json text)
      join moved on moved.agent_id = k.agent_id and moved.client_env = k.client_env
      on conflict (agent_id, client_env, key) do update set value_json = excluded.value_json
    )
    select id, null as agent_id, null as client_env, null::int as complete from ranked
    union all
    select null, agent_id, client_env, complete from moved`.execute(tx);
  return {
    entryIds: out
      .filter((row) => row.id !== null)
      .map((row) => row.id!)
      .sort((a, b) => a - b),
    moved: out
      .filter((row) => row.agent_id !== null)
      .map((row) => ({ agent_id: row.agent_id!, client_env: row.client_env!, complete: row.complete! })),
  };
}

async function storeStatementByStatement(tx: StateTx, rows: BatchRows): Promise<StoredBatch> {
  if (rows.replaced.length > 0) await tx.deleteFrom('history_entries').where('id', 'in', rows.replaced).execute();
  let entryIds: number[] = [];
  if (rows.entries.length > 0) {
    // One INSERT: its rows take ids in the order written (RETURNING's own order is not guaranteed).
    entryIds = (await tx.insertInto('history_entries').values(rows.entries).returning('id').execute())
      .map((row) => row.id)
      .sort((a, b) => a - b);
    const changes = rows.changes.map(({ entry, ...change }) => ({ ...change, entry_id: entryIds[entry] }));
    // In slices: SQLite takes at most 32,766 bound values per statement.
    for (let i = 0; i < changes.length; i += 1_000)
      await tx
        .insertInto('history_changes')
        .values(changes.slice(i, i + 1_000))
        .execute();
  }
  const moved: StoredBatch['moved'] = [];
  for (const head of rows.heads) {
    const row = await tx
      .insertInto('page_heads')
      .values({ ...head, complete: 0 })
      .onConflict((oc) =>
        oc
          .columns(['agent_id', 'client_env'])
          .doUpdateSet((eb) => ({
            last_updated: eb.ref('excluded.last_updated'),
            schema_json: eb.fn.coalesce(eb.ref('excluded.schema_json'), eb.ref('page_heads.schema_json')),
          }))
          .where('page_heads.last_updated', '<=', head.last_updated),
      )
      .returning('complete')
      .executeTakeFirst();
    if (!row) continue;
    moved.push({ agent_id: head.agent_id, client_env: head.client_env, complete: row.complete });
    await upsertKeys(
      tx,
      rows.keys.filter((key) => key.agent_id === head.agent_id && key.client_env === head.client_env),
    );
  }
  return { entryIds, moved };
}

/** Sets the last value seen of each key (a statement per slice: SQLite takes at most 32,766 bound values in one). */
export async function upsertKeys(tx: StateTx, keys: Row<'page_keys'>[]) {
  for (let i = 0; i < keys.length; i += 2_000) {
    await tx
      .insertInto('page_keys')
      .values(keys.slice(i, i + 2_000))
      .onConflict((oc) =>
        oc
          .columns(['agent_id', 'client_env', 'key'])
          .doUpdateSet((eb) => ({ value_json: eb.ref('excluded.value_json') })),
      )
      .execute();
  }
}
