// @vitest-environment node
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStateStore, type StateDb } from '../../state/state-store.ts';
import { createHistoryRepository } from './history.repository.ts';

let db: StateDb;
beforeEach(async () => {
  db = await openStateStore(':memory:');
});
afterEach(() => db.destroy());

const entry = (note: string) => ({ agentId: 'A', clientEnv: 'sandbox' as const, kind: 'variables' as const, outcome: 'applied' as const, note, changes: [{ key: 'k', after: note }] });

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

test('the migrations are versioned: opening the store again applies nothing twice', async () => {
  const rows = await db.selectFrom('kysely_migration' as never).selectAll().execute();
  expect(rows.map((row) => (row as { name: string }).name)).toEqual(['001-history']);
});

test('retention removes older entries, and a page rebuilt from before the cut-off says changes are known only since then', async () => {
  let clock = new Date('2026-01-01T00:00:00.000Z');
  const history = createHistoryRepository(db, { now: () => clock });
  await history.observe('A', 'sandbox', { clientEnv: 'sandbox', lastUpdated: '2026-01-01T00:00:00.000Z', variables: { k: 'first' } });
  await history.record(entry('old'), { version: '2026-01-01T00:00:01.000Z', values: { k: 'old' } });
  clock = new Date('2026-03-01T00:00:00.000Z');
  await history.record(entry('new'), { version: '2026-03-01T00:00:01.000Z', values: { k: 'new' } });
  await history.saveSettings({ requireNoteForLive: false, retentionDays: 30 });
  expect(await history.prune()).toBe(1);
  expect((await history.list('A', {})).entries.map((e) => e.note)).toEqual(['new']);
  const before = await history.pageAt('A', 'sandbox', '2026-01-15T00:00:00.000Z');
  expect(before?.recordedSince).toBe('2026-01-30T00:00:00.000Z');
});
