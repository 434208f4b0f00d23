// @vitest-environment node
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openStateStore, type StateDb } from '../../state/state-store.ts';
import { createSignInSeal } from './sign-in-cookie.ts';

let db: StateDb;
let clock: Date;
beforeEach(async () => {
  db = await openStateStore(':memory:');
  clock = new Date('2026-05-01T09:00:00.000Z');
});
afterEach(() => db.destroy());

const request = { state: 's1', nonce: 'n1', codeVerifier: 'verifier-that-must-stay-secret', returnTo: '/agents' };

test('a sign-in sealed by one replica is opened by another, within ten minutes only', async () => {
  const value = await createSignInSeal(db, () => clock).seal(request);
  expect(value).not.toContain('verifier');
  expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('verifier');
  const other = createSignInSeal(db, () => clock);
  expect(await other.open(value)).toEqual(request);
  clock = new Date('2026-05-01T09:10:01.000Z');
  expect(await other.open(value)).toBeUndefined();
});

test('a cookie changed by one bit, or not ours, or absurdly long opens to nothing', async () => {
  const seal = createSignInSeal(db, () => clock);
  const value = await seal.seal(request);
  const bytes = Buffer.from(value, 'base64url');
  bytes[bytes.length - 1] ^= 1;
  expect(await seal.open(bytes.toString('base64url'))).toBeUndefined();
  expect(await seal.open('not-a-sealed-value')).toBeUndefined();
  expect(await seal.open('A'.repeat(10_000))).toBeUndefined();
  expect(await seal.open(undefined)).toBeUndefined();
  // A store with another key (another deployment) cannot open it either.
  const elsewhere = await openStateStore(':memory:');
  try {
    expect(await createSignInSeal(elsewhere, () => clock).open(value)).toBeUndefined();
  } finally {
    await elsewhere.destroy();
  }
});
