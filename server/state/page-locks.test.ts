// @vitest-environment node
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { freshDatabase } from '../test/postgres.ts';
import { inLockedTransaction, LOCKS } from './dialect.ts';
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

test('a replica waits for a page at most the time it is given, then fails; the page is its once let go (Postgres)', async () => {
  // Two connection pools on one database, as two replicas would have. A name no quoting would survive.
  const url = await freshDatabase(inject('postgresUrl'));
  const [a, b] = await Promise.all([openStateStore(url), openStateStore(url)]);
  const name = pageLockName("A'; select pg_sleep(10); --\\é", 'live');
  try {
    let letGo!: () => void;
    const held = inLockedTransaction(a, LOCKS.page, name, async (tx) => {
      await tx.insertInto('settings').values({ name: 'held', value_json: '1' }).execute();
      await new Promise<void>((resolve) => (letGo = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const waited = inLockedTransaction(b, LOCKS.page, name, async () => 'never', 200);
    await expect(waited).rejects.toThrow(/lock timeout/);
    // Another page is not held.
    expect(await inLockedTransaction(b, LOCKS.page, pageLockName('A', 'live'), async () => 'free', 200)).toBe('free');
    letGo();
    await held;
    // What was written under the lock is committed, and the page is free.
    expect(
      await inLockedTransaction(
        b,
        LOCKS.page,
        name,
        (tx) => tx.selectFrom('settings').select('value_json').where('name', '=', 'held').executeTakeFirst(),
        200,
      ),
    ).toEqual({ value_json: '1' });
    // A failure in the work rolls it back and lets the page go.
    await expect(
      inLockedTransaction(a, LOCKS.page, name, async (tx) => {
        await tx.insertInto('settings').values({ name: 'rolled back', value_json: '1' }).execute();
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(
      await b.selectFrom('settings').select('name').where('name', '=', 'rolled back').executeTakeFirst(),
    ).toBeUndefined();
    expect(await inLockedTransaction(b, LOCKS.page, name, async () => 'free again', 200)).toBe('free again');
  } finally {
    await Promise.all([a.destroy(), b.destroy()]);
  }
});
