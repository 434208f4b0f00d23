// @vitest-environment node
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { freshDatabase } from '../test/postgres.ts';
import { lockUntilCommit, LOCKS } from './dialect.ts';
import { createPageLocks, pageLockName, shareLock } from './page-locks.ts';
import { openStateStore, type StateDb } from './state-store.ts';

describe.each([
  ['SQLite', async () => ':memory:'],
  ['Postgres', () => freshDatabase(inject('postgresUrl'))],
])('page locks on %s', (_name, target) => {
  let db: StateDb;
  beforeAll(async () => {
    db = await openStateStore(await target());
  });
  afterAll(() => db.destroy());

  test('writes sharing a lock: the page is let go once all of them are, after the work each asked for, in their order', async () => {
    const locks = createPageLocks(db);
    const lock = await locks.acquire('A', 'live');
    const [first, second, third] = shareLock(lock, 3);
    const done: string[] = [];
    third.writes.beforeRelease(async () => void done.push('third'));
    first.writes.beforeRelease(async () => void done.push('first'));
    let nextHasIt = false;
    const next = locks.acquire('A', 'live').then((lock) => ((nextHasIt = true), lock));
    const released = [third.release(), first.release()];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(nextHasIt).toBe(false);
    expect(done).toEqual([]);
    await Promise.all([...released, second.release(), second.release()]);
    expect(done).toEqual(['third', 'first']);
    await (await next).release();
    expect(nextHasIt).toBe(true);
  });
});

test('a replica waits for a page at most the time it is given, then fails (Postgres)', async () => {
  // Two connection pools on one database, as two replicas would have.
  const url = await freshDatabase(inject('postgresUrl'));
  const [a, b] = await Promise.all([openStateStore(url), openStateStore(url)]);
  try {
    let letGo!: () => void;
    const held = a.transaction().execute(async (tx) => {
      await lockUntilCommit(tx, LOCKS.page, pageLockName('A', 'live'));
      await new Promise<void>((resolve) => (letGo = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waited = b.transaction().execute((tx) => lockUntilCommit(tx, LOCKS.page, pageLockName('A', 'live'), 200));
    await expect(waited).rejects.toThrow(/lock timeout/);
    letGo();
    await held;
  } finally {
    await Promise.all([a.destroy(), b.destroy()]);
  }
});
