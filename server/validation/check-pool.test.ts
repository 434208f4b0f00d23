// @vitest-environment node
import { afterEach, expect, test } from 'vitest';
import { CheckPool, CheckTooCostly } from './check-pool.ts';

let pool: CheckPool;
afterEach(() => pool.close());

const costly = JSON.stringify({
  type: 'object',
  properties: { a: { enum: Array.from({ length: 60_000 }, (_, i) => `v${i}`) } },
});

test('a check over budget fails as too costly, its worker is replaced, and the next check is answered', async () => {
  pool = new CheckPool({ size: 1, budgetMs: 300 });
  await expect(pool.run({ kind: 'schema', schemaJson: costly })).rejects.toBeInstanceOf(CheckTooCostly);
  const answer = await pool.run({
    kind: 'page',
    schemaJson: '{"properties":{"n":{"type":"number"}}}',
    variables: new TextEncoder().encode('{"n":1}'),
    patchJson: '{"n":"x"}',
  });
  expect(answer).toMatchObject({
    kind: 'page',
    check: { valid: false, errors: [{ path: '/n', message: 'Must be a number.' }] },
  });
});

test('checks queue for a free worker; one slow check does not hold the others when there are two workers', async () => {
  pool = new CheckPool({ size: 2, budgetMs: 2_000 });
  let slowSettled = false;
  const slow = pool.run({ kind: 'schema', schemaJson: costly }).finally(() => (slowSettled = true));
  const quick = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      pool.run({
        kind: 'keys',
        schemaJson: `{"properties":{"k${i}":{"type":"string"}}}`,
        patchJson: JSON.stringify({ [`k${i}`]: 'v' }),
      }),
    ),
  );
  expect(quick.map((answer) => answer.kind === 'keys' && answer.keepsValid)).toEqual([true, true, true, true, true]);
  expect(slowSettled).toBe(false);
  await expect(slow).rejects.toBeInstanceOf(CheckTooCostly);
});

test('a closed pool refuses new checks and fails the waiting ones', async () => {
  pool = new CheckPool({ size: 1, budgetMs: 1_000 });
  const waiting = Promise.allSettled([
    pool.run({ kind: 'schema', schemaJson: costly }),
    pool.run({ kind: 'schema', schemaJson: '{}' }),
  ]);
  await pool.close();
  expect((await waiting).map((outcome) => outcome.status === 'rejected' && String(outcome.reason))).toEqual([
    'Error: The server is shutting down',
    'Error: The server is shutting down',
  ]);
  await expect(pool.run({ kind: 'schema', schemaJson: '{}' })).rejects.toThrow(/closed/);
});
