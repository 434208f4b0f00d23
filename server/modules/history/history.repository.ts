import { sql, type ExpressionBuilder } from 'kysely';
import type { ClientEnv, ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import type {
  HistoryChange,
  HistoryEntry,
  HistoryKind,
  HistoryOutcome,
  HistoryQuery,
  HistorySettings,
  PageAt,
} from '../../../contract/history.ts';
import { inLockedTransaction, isShared, LOCKS, type StateTx } from '../../state/dialect.ts';
import { pageLockName, type LockedWrites, type PageLock } from '../../state/page-locks.ts';
import type { GenerationCache } from '../../state/generation.ts';
import type { StateDb } from '../../state/state-store.ts';
import type { StateTables } from '../../state/state-tables.ts';
import { canonicalJson } from '../../store/canonical-json.ts';
import { storeBatch, upsertKeys, type BatchRows } from './history-batch.ts';

export type NewEntry = {
  agentId: string;
  clientEnv?: ClientEnv;
  kind: HistoryKind;
  outcome: HistoryOutcome;
  author?: string;
  note?: string;
  correlationId?: string;
  version?: string;
  subject?: string;
  source?: string;
  changes: HistoryChange[];
  schema?: { before?: unknown; after: unknown };
};

/** The page version a write made, so later reads compare against it (only the keys it changed are known from it). */
export type WrittenVersion = { version: string; values: JsonObject; schema?: unknown };

const DEFAULT_LIMIT = 100;
/** How many entries one search request reads at most (about 15 ms here at 100,000 entries). */
const SEARCH_WINDOW = 10_000;
const DEFAULT_SETTINGS: HistorySettings = { requireNoteForLive: false };
type EntryRow = StateTables['history_entries'] & { id: number };
type Tx = StateTx;

const toJson = (value: unknown) => (value === undefined ? null : canonicalJson(value));
const fromJson = (text: string | null): unknown => (text === null ? undefined : JSON.parse(text));
const pageKeyOf = (agentId: string, env: string) => `${agentId}\u0000${env}`;
/** A LIKE pattern that finds `text` as it is (its own `%`, `_` and `\` are not wildcards). */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The history of changes, in Switchboard's own store: entries (who, when, why, what) with the before/after of each
 * top-level key, and the last version of each page seen, which the next read is compared with to find changes made
 * outside Switchboard.
 */
export type HistoryOptions = {
  now?: () => Date;
  searchWindow?: number;
  /** Told of each entry once it is recorded (team mode announces changes to live with it). */
  onRecorded?: (entry: NewEntry, id: string) => void;
  /** Keeps the settings between their changes (the server's); without it, they are read at every use. */
  generation?: GenerationCache;
  /**
   * Where intents are committed (see `intend`): on Postgres a pool of their own, so a writer holding a page lock (and
   * its connection) never waits for another connection of the main pool; the store itself by default.
   */
  intents?: StateDb;
};

export function createHistoryRepository(
  db: StateDb,
  { now = () => new Date(), searchWindow = SEARCH_WINDOW, onRecorded, generation, intents = db }: HistoryOptions = {},
) {
  /**
   * Pages whose stored head is complete and at this version: most reads are this, and cost no query. A page version
   * never changes, so what another replica records about it can only be the same.
   */
  const knownHeads = new Map<string, string>();

  const entryRow = (entry: NewEntry, at: string) => ({
    agent_id: entry.agentId,
    client_env: entry.clientEnv ?? null,
    kind: entry.kind,
    outcome: entry.outcome,
    at,
    author: entry.author ?? null,
    note: entry.note ?? null,
    correlation_id: entry.correlationId ?? null,
    version: entry.version ?? null,
    subject: entry.subject ?? null,
    source: entry.source ?? null,
    schema_before: entry.schema ? toJson(entry.schema.before) : null,
    schema_after: entry.schema ? toJson(entry.schema.after) : null,
  });

  /** Entries and their changes as a batch stores them (history-batch.ts). */
  const entryRows = (entries: NewEntry[], at: string): Pick<BatchRows, 'entries' | 'changes'> => ({
    entries: entries.map((entry) => entryRow(entry, at)),
    changes: entries.flatMap((entry, i) =>
      entry.changes.map((change) => ({
        entry: i,
        key: change.key,
        before_json: toJson(change.before),
        after_json: toJson(change.after),
      })),
    ),
  });

  async function insertEntry(tx: Tx, entry: NewEntry): Promise<number> {
    const { id } = await tx
      .insertInto('history_entries')
      .values(entryRow(entry, now().toISOString()))
      .returning('id')
      .executeTakeFirstOrThrow();
    if (entry.changes.length > 0) {
      await tx
        .insertInto('history_changes')
        .values(
          entry.changes.map((change) => ({
            entry_id: id,
            key: change.key,
            before_json: toJson(change.before),
            after_json: toJson(change.after),
          })),
        )
        .execute();
    }
    return id;
  }

  /** The page's entries whose outcome is unknown (a partial index holds just these: migration 007). */
  const unknownOutcomes = (tx: Tx, agentId: string, env: string) =>
    tx
      .selectFrom('history_entries')
      .select('id')
      .where('agent_id', '=', agentId)
      .where('client_env', '=', env)
      .where('outcome', '=', 'unknown');

  /** Unknown outcomes on this page, decided by the page as read now: landed if it holds every value they wrote. */
  async function resolveUnknowns(
    tx: Tx,
    agentId: string,
    env: string,
    page: ConfigPage,
    seen: Map<string, string>,
    unchanged = false,
  ): Promise<Set<string>> {
    const explained = new Set<string>();
    const unknown = await unknownOutcomes(tx, agentId, env).select('schema_after').execute();
    for (const entry of unknown) {
      const changes = await tx
        .selectFrom('history_changes')
        .select(['key', 'after_json'])
        .where('entry_id', '=', entry.id)
        .execute();
      const landed =
        !unchanged &&
        changes.every((change) => seen.get(change.key) === (change.after_json ?? undefined)) &&
        (entry.schema_after === null || entry.schema_after === toJson(page.schema ?? {}));
      await tx
        .updateTable('history_entries')
        .set({ outcome: landed ? 'applied' : 'not-applied', ...(landed && { version: page.lastUpdated ?? null }) })
        .where('id', '=', entry.id)
        .execute();
      if (landed) for (const change of changes) explained.add(change.key);
      if (landed && entry.schema_after !== null) explained.add('\u0000schema');
    }
    return explained;
  }

  const entryFilters =
    (agentId: string, query: HistoryQuery, scanFloor: number | undefined) =>
    (eb: ExpressionBuilder<StateTables, 'history_entries'>) => {
      const and = [eb('agent_id', '=', agentId)];
      if (scanFloor !== undefined) and.push(eb('id', '>=', scanFloor));
      if (query.clientEnv) and.push(eb('client_env', '=', query.clientEnv));
      if (query.kind) and.push(eb('kind', '=', query.kind));
      if (query.author) and.push(eb('author', '=', query.author));
      if (query.since) and.push(eb('at', '>=', query.since));
      if (query.until) and.push(eb('at', '<=', query.until));
      if (query.cursor) and.push(eb('id', '<', Number(query.cursor)));
      if (query.key) {
        // Driven from the key's own index: a rarely changed key costs what its changes cost, not the agent's history.
        and.push(eb('id', 'in', eb.selectFrom('history_changes').select('entry_id').where('key', '=', query.key)));
      }
      if (query.q) {
        const pattern = containing(query.q);
        const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
        and.push(
          eb.or([
            like('note'),
            like('author'),
            like('subject'),
            eb.exists(
              eb
                .selectFrom('history_changes')
                .select('entry_id')
                .whereRef('entry_id', '=', 'history_entries.id')
                .where((inner) => inner.or([like('key'), like('before_json'), like('after_json')])),
            ),
          ]),
        );
      }
      return eb.and(and);
    };

  /** Since when changes are known: the page's first sighting, or the retention cut-off if that is later. */
  async function knownSince(firstSeen: string): Promise<string> {
    const { retentionDays } = await readSettings();
    if (!retentionDays) return firstSeen;
    const cutoff = new Date(now().getTime() - retentionDays * 86_400_000).toISOString();
    return cutoff > firstSeen ? cutoff : firstSeen;
  }

  async function loadSettings(): Promise<HistorySettings> {
    const row = await db.selectFrom('settings').select('value_json').where('name', '=', 'history').executeTakeFirst();
    return { ...DEFAULT_SETTINGS, ...(row ? (JSON.parse(row.value_json) as Partial<HistorySettings>) : {}) };
  }
  const readSettings = () => (generation ? generation.get('history-settings', loadSettings) : loadSettings());

  /** The lowest id a search below `cursor` reads; undefined when the rest of the history fits in one window. */
  async function searchFloor(agentId: string, cursor: string | undefined): Promise<number | undefined> {
    let query = db.selectFrom('history_entries').select('id').where('agent_id', '=', agentId);
    if (cursor) query = query.where('id', '<', Number(cursor));
    const row = await query
      .orderBy('id', 'desc')
      .offset(searchWindow - 1)
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    const older = await db
      .selectFrom('history_entries')
      .select('id')
      .where('agent_id', '=', agentId)
      .where('id', '<', row.id)
      .limit(1)
      .executeTakeFirst();
    return older ? row.id : undefined;
  }

  async function withChanges(rows: EntryRow[]): Promise<HistoryEntry[]> {
    const ids = rows.map((row) => row.id);
    const changes = ids.length
      ? await db
          .selectFrom('history_changes')
          .selectAll()
          .where('entry_id', 'in', ids)
          .orderBy('entry_id')
          .orderBy('key')
          .execute()
      : [];
    const byEntry = new Map<number, HistoryChange[]>();
    for (const change of changes) {
      const list = byEntry.get(change.entry_id) ?? [];
      const item: HistoryChange = { key: change.key };
      if (change.before_json !== null) item.before = fromJson(change.before_json);
      if (change.after_json !== null) item.after = fromJson(change.after_json);
      list.push(item);
      byEntry.set(change.entry_id, list);
    }
    return rows.map((row) => {
      const entry: HistoryEntry = {
        id: String(row.id),
        at: row.at,
        clientEnv: (row.client_env ?? undefined) as ClientEnv | undefined,
        kind: row.kind as HistoryKind,
        outcome: row.outcome as HistoryOutcome,
        changes: byEntry.get(row.id) ?? [],
      };
      if (row.author !== null) entry.author = row.author;
      if (row.note !== null) entry.note = row.note;
      if (row.correlation_id !== null) entry.correlationId = row.correlation_id;
      if (row.version !== null) entry.version = row.version;
      if (row.subject !== null) entry.subject = row.subject;
      if (row.source !== null) entry.source = row.source;
      if (row.schema_after !== null)
        entry.schema = { before: fromJson(row.schema_before), after: fromJson(row.schema_after) };
      return entry;
    });
  }

  /**
   * A write to record: its entry (none when only its intent is withdrawn), the version it made, and the id of its
   * intent (see `intend`), which the entry replaces in the same commit.
   */
  type Write = { entry?: NewEntry; written?: WrittenVersion; replaces?: string };
  type Pending = Write & { resolve: (id: string | undefined) => void; reject: (error: unknown) => void };
  let pending: Pending[] = [];
  let flushing = false;

  /**
   * Commits what is pending now, then whatever arrived meanwhile: an idle server records a write at once, a busy one
   * records the writes that queued during the last commit together.
   */
  async function flush() {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        settle(batch, await db.transaction().execute((tx) => recordBatch(tx, batch)));
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    flushing = false;
  }

  function settle(batch: Pending[], ids: (string | undefined)[]) {
    batch.forEach(({ entry, resolve }, i) => {
      // The next read of the page decides an unknown outcome, so that read must not be skipped as already known.
      if (entry?.outcome === 'unknown' && entry.clientEnv) knownHeads.delete(pageKeyOf(entry.agentId, entry.clientEnv));
      if (entry && ids[i] !== undefined) onRecorded?.(entry, ids[i]!);
      resolve(ids[i]);
    });
  }

  const enqueue = (write: Write) =>
    new Promise<string | undefined>((resolve, reject) => {
      pending.push({ ...write, resolve, reject });
      if (!flushing) void flush();
    });

  /** Per page lock, the writes made under it (several when sent upstream together), by their place among them. */
  const lockedWrites = new WeakMap<LockedWrites, Write[]>();

  function recordUnderLock(write: Write, lock: PageLock) {
    let writes = lockedWrites.get(lock.writes);
    if (!writes) {
      const all: Write[] = [];
      writes = all;
      lockedWrites.set(lock.writes, all);
      lock.writes.beforeRelease(async (tx) => {
        const inOrder = all.filter((each) => each !== undefined);
        if (!tx) {
          await Promise.all(inOrder.map(enqueue));
          return;
        }
        const batch = inOrder.map((each) => ({ ...each, resolve: () => {}, reject: () => {} }));
        settle(batch, await recordBatch(tx, batch));
      });
    }
    writes[lock.index] = write;
  }

  /** One batch of writes: their entries with their changes, and each page's head moved once (history-batch.ts). */
  async function recordBatch(tx: Tx, batch: Pending[]): Promise<(string | undefined)[]> {
    // A write that sent only values the page already held changed nothing worth an entry; its version still counts.
    const kept = batch.map(
      ({ entry, written }) =>
        entry !== undefined && (entry.changes.length > 0 || entry.schema !== undefined || !written),
    );
    const entries = batch.filter((_, i) => kept[i]).map(({ entry }) => entry!);
    const at = now().toISOString();
    const rows: BatchRows = {
      ...entryRows(entries, at),
      heads: [],
      keys: [],
      replaced: batch.flatMap(({ replaces }) => (replaces === undefined ? [] : [Number(replaces)])),
    };
    // Each page's head moves to the newest version written in the batch, with every key those writes set.
    const pages = new Map<string, { agentId: string; env: string; versions: WrittenVersion[] }>();
    for (const { entry, written } of batch) {
      if (!written || !entry?.clientEnv) continue;
      const key = pageKeyOf(entry.agentId, entry.clientEnv);
      const page = pages.get(key) ?? { agentId: entry.agentId, env: entry.clientEnv, versions: [] };
      page.versions.push(written);
      pages.set(key, page);
    }
    const newest = new Map<string, string>();
    for (const [key, { agentId, env, versions }] of pages) {
      versions.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
      const { version } = versions[versions.length - 1];
      newest.set(key, version);
      const schema = versions.findLast((written) => written.schema !== undefined)?.schema;
      // Only forward: a head already past these versions (a later read) stays where it is. Writes sent upstream
      // together share one version: each adds its keys.
      rows.heads.push({
        agent_id: agentId,
        client_env: env,
        last_updated: version,
        schema_json: schema === undefined ? null : toJson(schema),
        first_seen: at,
      });
      const values = new Map<string, string>();
      for (const written of versions)
        for (const [k, value] of Object.entries(written.values)) values.set(k, canonicalJson(value));
      for (const [k, json] of values) rows.keys.push({ agent_id: agentId, client_env: env, key: k, value_json: json });
    }
    const { entryIds, moved } = await storeBatch(tx, rows);
    for (const head of moved) {
      const key = pageKeyOf(head.agent_id, head.client_env);
      if (head.complete) knownHeads.set(key, newest.get(key)!);
    }
    const ids: (string | undefined)[] = batch.map(() => undefined);
    let next = 0;
    kept.forEach((isKept, i) => {
      if (isKept) ids[i] = String(entryIds[next++]);
    });
    return ids;
  }

  return {
    /**
     * Records a write Switchboard served or forwarded; `written` moves the page's head to the version it made. Resolves
     * once committed. Writes recorded in the same turn of the event loop share one transaction and a few statements
     * (group commit): under load the history must not be what limits the server's writes. A write made under a page
     * lock (`held`, the proxy's) is recorded with the others made under it, in their order, just before the lock is let
     * go — in its transaction on Postgres; it resolves at once, and the lock's release resolves once it is committed.
     */
    async record(
      entry: NewEntry,
      written?: WrittenVersion,
      held?: PageLock,
      replaces?: string,
    ): Promise<string | undefined> {
      if (!held) return enqueue({ entry, written, replaces });
      recordUnderLock({ entry, written, replaces }, held);
      return undefined;
    },

    /**
     * Writes about to be sent to PolyAI, recorded first as of unknown outcome and committed at once (apart from any
     * page lock's transaction, through `intents`): if this replica dies before the answer, they stay the members'
     * writes, decided by the page's next read like any lost answer, never mistaken for changes made outside
     * Switchboard. Once answered, each is replaced by its record (`record(…, replaces)`), or withdrawn.
     */
    async intend(entries: NewEntry[]): Promise<string[]> {
      const at = now().toISOString();
      const rows: BatchRows = {
        ...entryRows(
          entries.map((entry) => ({ ...entry, outcome: 'unknown' as const })),
          at,
        ),
        heads: [],
        keys: [],
        replaced: [],
      };
      // One statement on Postgres (its own commit, a round trip); a transaction of a few on SQLite.
      const { entryIds } = isShared(intents)
        ? await storeBatch(intents, rows)
        : await intents.transaction().execute((tx) => storeBatch(tx, rows));
      for (const entry of entries) if (entry.clientEnv) knownHeads.delete(pageKeyOf(entry.agentId, entry.clientEnv));
      return entryIds.map(String);
    },

    /** Takes back an intent whose write was refused (it changed nothing): with the lock's other writes, when held. */
    async withdraw(intent: string, held?: PageLock): Promise<void> {
      if (!held) {
        await enqueue({ replaces: intent });
        return;
      }
      recordUnderLock({ replaces: intent }, held);
    },

    /** Whether `version` is the page's last version seen, with every key known: then a read of it needs no look. */
    isKnown: (agentId: string, env: string, version: string) => knownHeads.get(pageKeyOf(agentId, env)) === version,

    /**
     * A page as read now. The first read of a page is its baseline (nothing before it is invented); a later version
     * Switchboard did not write is recorded as a change made outside it, key by key, after deciding any write whose
     * outcome was unknown.
     */
    async observe(agentId: string, env: ClientEnv, page: ConfigPage, held?: Tx): Promise<void> {
      const key = pageKeyOf(agentId, env);
      if (!page.lastUpdated || knownHeads.get(key) === page.lastUpdated) return;
      const lastUpdated = page.lastUpdated;
      /** A change made outside Switchboard found by this read (told once its transaction is committed). */
      let outside: { entry: NewEntry; id: string } | undefined;
      const compare = async (tx: Tx) => {
        const head = await tx
          .selectFrom('page_heads')
          .selectAll()
          // Whether a write's outcome is undecided here, in the same query: most reads have none to decide.
          .select((eb) => eb.exists(unknownOutcomes(tx, agentId, env)).as('undecided'))
          .where('agent_id', '=', agentId)
          .where('client_env', '=', env)
          .executeTakeFirst();
        if (head && lastUpdated < head.last_updated) return; // an older copy than one already seen
        const seen = new Map(Object.entries(page.variables ?? {}).map(([k, value]) => [k, canonicalJson(value)]));
        const schemaJson = toJson(page.schema ?? {});
        // Decided for good at once: under a writer's page lock (`held`), its transaction would take the decision with it
        // if that writer's replica died before committing, and a later read could then decide an earlier failed write
        // by the values of a later one. The page lock is still held, so nothing else decides meanwhile.
        const decider = held && intents !== db ? intents : tx;
        const decide = (unchanged?: boolean) =>
          head?.undecided
            ? resolveUnknowns(decider, agentId, env, page, seen, unchanged)
            : Promise.resolve(new Set<string>());
        if (head && head.complete && lastUpdated === head.last_updated) {
          // The version did not move: a write whose outcome was unknown did not land.
          await decide(true);
          knownHeads.set(key, lastUpdated);
          return;
        }
        const stored = new Map(
          (
            await tx
              .selectFrom('page_keys')
              .select(['key', 'value_json'])
              .where('agent_id', '=', agentId)
              .where('client_env', '=', env)
              .execute()
          ).map((row) => [row.key, row.value_json]),
        );
        if (head?.complete) {
          const explained = await decide();
          const changes: HistoryChange[] = [];
          for (const k of new Set([...stored.keys(), ...seen.keys()])) {
            const before = stored.get(k);
            const after = seen.get(k);
            if (before === after || explained.has(k)) continue;
            const change: HistoryChange = { key: k };
            if (before !== undefined) change.before = JSON.parse(before);
            if (after !== undefined) change.after = JSON.parse(after);
            changes.push(change);
          }
          const schemaChanged =
            head.schema_json !== null && head.schema_json !== schemaJson && !explained.has('\u0000schema');
          if (changes.length > 0 || schemaChanged) {
            const entry: NewEntry = {
              agentId,
              clientEnv: env,
              kind: 'external',
              outcome: 'applied',
              version: lastUpdated,
              changes,
              ...(schemaChanged && { schema: { before: JSON.parse(head.schema_json!), after: page.schema ?? {} } }),
            };
            outside = { entry, id: String(await insertEntry(tx, entry)) };
          }
        }
        // The page as read becomes the head: every key now known.
        const removed = [...stored.keys()].filter((k) => !seen.has(k));
        for (let i = 0; i < removed.length; i += 500) {
          await tx
            .deleteFrom('page_keys')
            .where('agent_id', '=', agentId)
            .where('client_env', '=', env)
            .where('key', 'in', removed.slice(i, i + 500))
            .execute();
        }
        await upsertKeys(
          tx,
          [...seen]
            .filter(([k, json]) => stored.get(k) !== json)
            .map(([k, json]) => ({ agent_id: agentId, client_env: env, key: k, value_json: json })),
        );
        await tx
          .insertInto('page_heads')
          .values({
            agent_id: agentId,
            client_env: env,
            last_updated: lastUpdated,
            schema_json: schemaJson,
            complete: 1,
            first_seen: now().toISOString(),
          })
          .onConflict((oc) =>
            oc
              .columns(['agent_id', 'client_env'])
              .doUpdateSet({ last_updated: lastUpdated, schema_json: schemaJson, complete: 1 }),
          )
          .execute();
        knownHeads.set(key, lastUpdated);
      };
      if (held) await compare(held);
      else {
        // On a shared store, after any write to the page in flight on another replica has been recorded (page-locks.ts):
        // until then its change would look like one made outside Switchboard.
        await inLockedTransaction(db, LOCKS.page, pageLockName(agentId, env), compare);
      }
      if (outside) onRecorded?.(outside.entry, outside.id);
    },

    /** Newest first, `limit` at a time; `nextCursor` continues after the last one. */
    async list(agentId: string, query: HistoryQuery): Promise<{ entries: HistoryEntry[]; nextCursor: string | null }> {
      const limit = query.limit ? Number(query.limit) : DEFAULT_LIMIT;
      // Words are found by reading entries one by one: one request reads at most SEARCH_WINDOW of them (a search that
      // matches little must not hold the server for the whole history) and says where the next one continues.
      const scanFloor = query.q ? await searchFloor(agentId, query.cursor) : undefined;
      const rows = (await db
        .selectFrom('history_entries')
        .selectAll()
        .where(entryFilters(agentId, query, scanFloor))
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute()) as EntryRow[];
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const nextCursor = more ? String(page[page.length - 1].id) : scanFloor ? String(scanFloor) : null;
      return { entries: await withChanges(page), nextCursor };
    },

    /** Every entry of an agent, oldest first, a slice at a time (for the JSON Lines export). */
    async *all(agentId: string): AsyncGenerator<HistoryEntry> {
      let after = 0;
      for (;;) {
        const rows = (await db
          .selectFrom('history_entries')
          .selectAll()
          .where('agent_id', '=', agentId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(1_000)
          .execute()) as EntryRow[];
        if (rows.length === 0) return;
        yield* await withChanges(rows);
        after = rows[rows.length - 1].id;
      }
    },

    /**
     * The page's variables (and schema) as they were at `at`: the head as last seen, with every recorded change made
     * after `at` taken back. Undefined when the page was never seen.
     */
    async pageAt(agentId: string, env: ClientEnv, at: string): Promise<PageAt | undefined> {
      const head = await db
        .selectFrom('page_heads')
        .selectAll()
        .where('agent_id', '=', agentId)
        .where('client_env', '=', env)
        .executeTakeFirst();
      if (!head) return undefined;
      const values = new Map(
        (
          await db
            .selectFrom('page_keys')
            .select(['key', 'value_json'])
            .where('agent_id', '=', agentId)
            .where('client_env', '=', env)
            .execute()
        ).map((row) => [row.key, row.value_json as string | null]),
      );
      const later = await db
        .selectFrom('history_changes as c')
        .innerJoin('history_entries as e', 'e.id', 'c.entry_id')
        .select(['c.key', 'c.before_json', 'e.id'])
        .where('e.agent_id', '=', agentId)
        .where('e.client_env', '=', env)
        .where('e.outcome', '=', 'applied')
        .where('e.at', '>', at)
        .orderBy('e.id', 'desc')
        .execute();
      // Newest first: each older change overwrites, so the earliest change after `at` decides the value.
      for (const change of later) values.set(change.key, change.before_json);
      const schemaChange = await db
        .selectFrom('history_entries')
        .select('schema_before')
        .where('agent_id', '=', agentId)
        .where('client_env', '=', env)
        .where('outcome', '=', 'applied')
        .where('at', '>', at)
        .where('schema_after', 'is not', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      const variables: JsonObject = {};
      for (const [key, json] of values) if (json !== null) variables[key] = JSON.parse(json);
      const schemaJson = schemaChange ? schemaChange.schema_before : head.schema_json;
      return {
        clientEnv: env,
        at,
        variables,
        ...(schemaJson !== null && { schema: JSON.parse(schemaJson) }),
        recordedSince: await knownSince(head.first_seen),
        ...(!head.complete && { partial: true }),
      };
    },

    settings: readSettings,

    async saveSettings(next: HistorySettings): Promise<HistorySettings> {
      const json = JSON.stringify(next);
      await db
        .insertInto('settings')
        .values({ name: 'history', value_json: json })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value_json: json }))
        .execute();
      await generation?.refresh();
      return next;
    },

    /** Removes entries older than the retention setting; returns how many went. */
    async prune(): Promise<number> {
      const { retentionDays } = await loadSettings();
      if (!retentionDays) return 0;
      const cutoff = new Date(now().getTime() - retentionDays * 86_400_000).toISOString();
      const result = await db.deleteFrom('history_entries').where('at', '<', cutoff).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type HistoryRepository = ReturnType<typeof createHistoryRepository>;
