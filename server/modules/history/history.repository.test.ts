// @vitest-environment node
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { createGenerationCache } from '../../state/generation.ts';
import { openStateStore, type StateDb } from '../../state/state-store.ts';
import { MIGRATIONS } from '../../state/migrations.ts';
import { freshDatabase } from '../../test/postgres.ts';
import { createHistoryRepository } from './history.repository.ts';

const entry = (note: string) => ({
  agentId: 'A',
  clientEnv: 'sandbox' as const,
  kind: 'variables' as const,
  outcome: 'applied' as const,
  note,
  changes: [{ key: 'k', after: note }],
});

describe.each([
  ['SQLite', async () => ':memory:'],
  ['Postgres', () => freshDatabase(inject('postgresUrl'))],
])('the history on %s', (_name, target) => {
  let db: StateDb;
  beforeEach(async () => {
    db = await openStateStore(await target());
  });
  afterEach(() => db.destroy());

  test('a search reads a bounded window per request and says where to go on, until it has read everything', async () => {
    const history = createHistoryRepository(db, { searchWindow: 3 });
    for (const note of ['needle one', 'a', 'b', 'c', 'd', 'e', 'needle two']) await history.record(entry(note));
    const found: string[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      const page = await history.list('A', { q: 'needle', ...(cursor && { cursor }) });
      found.push(...page.entries.map((e) => e.note!));
      cursor = page.nextCursor ?? undefined;
      requests++;
    } while (cursor);
    expect(found).toEqual(['needle two', 'needle one']);
    expect(requests).toBe(3); // 7 entries, 3 at a time
    // Without words, a page is simply the newest entries.
    expect((await history.list('A', { limit: '2' })).entries.map((e) => e.note)).toEqual(['needle two', 'e']);
  });

  test('a search finds words as written: % _ and \\ are not wildcards', async () => {
    const history = createHistoryRepository(db);
    for (const note of ['100% done', '100 done', 'a_b', 'ab', 'back\\slash']) await history.record(entry(note));
    const found = async (q: string) => (await history.list('A', { q })).entries.map((e) => e.note);
    expect(await found('100%')).toEqual(['100% done']);
    expect(await found('a_b')).toEqual(['a_b']);
    expect(await found('\\')).toEqual(['back\\slash']);
  });

  test('writes recorded together keep each their own changes, in the order written', async () => {
    const history = createHistoryRepository(db);
    const ids = await Promise.all(['one', 'two', 'three'].map((note) => history.record(entry(note))));
    const listed = (await history.list('A', {})).entries;
    expect(listed.map((e) => [e.id, e.note, e.changes[0].after])).toEqual([
      [ids[2], 'three', 'three'],
      [ids[1], 'two', 'two'],
      [ids[0], 'one', 'one'],
    ]);
  });

  test('writes recorded together move each page’s head forward only, with every key they set: the next read finds nothing outside', async () => {
    const history = createHistoryRepository(db);
    const at = (n: number) => `2026-01-0${n}T00:00:00.000Z`;
    const odd = 'k "quoted" \\ back\u2028slash ü 🎛';
    await history.observe('A', 'live', { clientEnv: 'live', lastUpdated: at(1), variables: { k: 1, other: 'x' } });
    const write = (
      note: string,
      version: string,
      values: Record<string, unknown>,
      clientEnv: 'live' | 'sandbox' = 'live',
    ) =>
      history.record(
        { ...entry(note), clientEnv, changes: Object.entries(values).map(([key, after]) => ({ key, after })) },
        { version, values },
      );
    await Promise.all([
      write('two', at(2), { k: 2 }),
      write('three', at(3), { [odd]: { nested: [odd, null] } }),
      write('elsewhere', at(2), { s: 1 }, 'sandbox'),
    ]);
    // A write answered with an older version (it went upstream before the others) does not move the head back.
    await write('late', at(2), { k: 'stale' });
    await history.observe('A', 'live', {
      clientEnv: 'live',
      lastUpdated: at(3),
      variables: { k: 2, other: 'x', [odd]: { nested: [odd, null] } },
    });
    const entries = (await history.list('A', {})).entries;
    expect(entries.map((e) => [e.kind, e.note])).toEqual([
      ['variables', 'late'],
      ['variables', 'elsewhere'],
      ['variables', 'three'],
      ['variables', 'two'],
    ]);
    expect(entries[2].changes).toEqual([{ key: odd, after: { nested: [odd, null] } }]);
  });

  test('the migrations are versioned: opening the store again applies nothing twice', async () => {
    const rows = await db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .execute();
    expect(rows.map((row) => (row as { name: string }).name)).toEqual(Object.keys(MIGRATIONS));
  });

  test('a change outside Switchboard is found key by key, once', async () => {
    const history = createHistoryRepository(db);
    await history.observe('A', 'live', {
      clientEnv: 'live',
      lastUpdated: '2026-01-01T00:00:00.000Z',
      variables: { k: 1, gone: true },
    });
    const later = {
      clientEnv: 'live' as const,
      lastUpdated: '2026-01-02T00:00:00.000Z',
      variables: { k: 2, gone: true, added: 'x' },
    };
    await Promise.all([history.observe('A', 'live', later), history.observe('A', 'live', later)]);
    const [external, ...rest] = (await history.list('A', {})).entries;
    expect(rest).toEqual([]);
    expect(external).toMatchObject({
      kind: 'external',
      changes: [
        { key: 'added', after: 'x' },
        { key: 'k', before: 1, after: 2 },
      ],
    });
  });

  test('retention removes older entries, and a page rebuilt from before the cut-off says changes are known only since then', async () => {
    let clock = new Date('2026-01-01T00:00:00.000Z');
    const history = createHistoryRepository(db, { now: () => clock });
    await history.observe('A', 'sandbox', {
      clientEnv: 'sandbox',
      lastUpdated: '2026-01-01T00:00:00.000Z',
      variables: { k: 'first' },
    });
    await history.record(entry('old'), { version: '2026-01-01T00:00:01.000Z', values: { k: 'old' } });
    clock = new Date('2026-03-01T00:00:00.000Z');
    await history.record(entry('new'), { version: '2026-03-01T00:00:01.000Z', values: { k: 'new' } });
    await history.saveSettings({ requireNoteForLive: false, retentionDays: 30 });
    expect(await history.prune()).toBe(1);
    expect((await history.list('A', {})).entries.map((e) => e.note)).toEqual(['new']);
    const before = await history.pageAt('A', 'sandbox', '2026-01-15T00:00:00.000Z');
    expect(before?.recordedSince).toBe('2026-01-30T00:00:00.000Z');
  });
});

test('on Postgres, a setting saved by one replica holds on the other at once', async () => {
  const url = await freshDatabase(inject('postgresUrl'));
  const [one, two] = await Promise.all([openStateStore(url), openStateStore(url)]);
  try {
    // Each replica keeps the settings between changes; a request reads the store's generation before using them.
    const [seenByA, seenByB] = [createGenerationCache(one), createGenerationCache(two)];
    const [a, b] = [
      createHistoryRepository(one, { generation: seenByA }),
      createHistoryRepository(two, { generation: seenByB }),
    ];
    await seenByB.refresh();
    expect((await b.settings()).requireNoteForLive).toBe(false);
    await a.saveSettings({ requireNoteForLive: true });
    await seenByB.refresh();
    expect((await b.settings()).requireNoteForLive).toBe(true);
  } finally {
    await Promise.all([one.destroy(), two.destroy()]);
  }
});
