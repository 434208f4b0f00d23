// @vitest-environment node
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStateStore, type StateDb } from '../../state/state-store.ts';
import { createGenerationCache } from '../../state/generation.ts';
import { createMembersRepository } from './members.repository.ts';
import { createSessionsRepository } from './sessions.repository.ts';

let db: StateDb;
let clock: Date;
beforeEach(async () => {
  db = await openStateStore(':memory:');
  clock = new Date('2026-05-01T09:00:00.000Z');
  await createMembersRepository(db, { generation: createGenerationCache(db) }).signedIn('sam@example.com', 'Sam');
});
afterEach(() => db.destroy());

test('a session ends when its lifetime is over, and the store keeps only a hash of its token', async () => {
  const sessions = createSessionsRepository(db, { lifetimeMs: 3_600_000, now: () => clock });
  const { token, expiresAt } = await sessions.create('sam@example.com');
  expect(expiresAt).toBe('2026-05-01T10:00:00.000Z');
  expect(JSON.stringify(await db.selectFrom('sessions').selectAll().execute())).not.toContain(token);
  clock = new Date('2026-05-01T09:59:59.000Z');
  expect(await sessions.find(token)).toMatchObject({ email: 'sam@example.com', expiresAt });
  clock = new Date('2026-05-01T10:00:00.000Z');
  expect(await sessions.find(token)).toBeUndefined();
  await sessions.purge();
  expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
});

test('lookups made at once are each answered with their own session (or none), and the last use is written', async () => {
  const sessions = createSessionsRepository(db, { lifetimeMs: 3_600_000, now: () => clock });
  await createMembersRepository(db, { generation: createGenerationCache(db) }).signedIn('kim@example.com', 'Kim');
  const [sam, kim] = [await sessions.create('sam@example.com'), await sessions.create('kim@example.com')];
  clock = new Date('2026-05-01T09:05:00.000Z');
  const found = await Promise.all([
    sessions.find(sam.token),
    sessions.find('not-a-token'),
    sessions.find(kim.token),
    sessions.find(sam.token),
  ]);
  expect(found.map((session) => session?.email)).toEqual([
    'sam@example.com',
    undefined,
    'kim@example.com',
    'sam@example.com',
  ]);
  const seen = await db.selectFrom('sessions').select('last_seen_at').execute();
  expect(seen.map((row) => row.last_seen_at)).toEqual(['2026-05-01T09:05:00.000Z', '2026-05-01T09:05:00.000Z']);
});

test('a flood of lookups at once is answered, each on its own (no query past the database’s parameter limit)', async () => {
  const sessions = createSessionsRepository(db, { lifetimeMs: 3_600_000, now: () => clock });
  const { token } = await sessions.create('sam@example.com');
  const tokens = [...Array.from({ length: 40_000 }, (_, i) => `bogus-${i}`), token];
  const found = await Promise.all(tokens.map((t) => sessions.find(t)));
  expect(found.filter((session) => session !== undefined).map((session) => session!.email)).toEqual([
    'sam@example.com',
  ]);
});
