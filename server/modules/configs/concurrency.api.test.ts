// @vitest-environment node
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp } from '../../test/test-app.ts';

const path = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
let origin: string;
beforeAll(async () => {
  ctx = await createTestApp();
  origin = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  // Open the page to any keys, so the test is about concurrency and not about the demo schema.
  await fetch(`${origin}${path}/schema`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schema: { type: 'object' } }),
  });
});
afterAll(() => ctx.close());

test('200 concurrent PATCHes of distinct keys over HTTP all succeed and all survive', async () => {
  const before = (await (await fetch(`${origin}${path}`)).json()) as ConfigPage;
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      fetch(`${origin}${path}/variables`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { [`concurrent_${i}`]: i } }),
      }),
    ),
  );
  expect(responses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  const after = (await (await fetch(`${origin}${path}`)).json()) as ConfigPage;
  const expected = {
    ...before.variables,
    ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`concurrent_${i}`, i])),
  };
  expect(after.variables).toEqual(expected);
});

test('among concurrent PATCHes, refused ones change nothing and the rest all land, each answered with its own version', async () => {
  await fetch(`${origin}${path}/schema`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schema: { type: 'object', patternProperties: { '^mixed_': { type: 'integer' } } } }),
  });
  const before = (await (await fetch(`${origin}${path}`)).json()) as ConfigPage;
  // Writes of one moment share a transaction (group commit): every fifth is invalid, one is based on a stale version.
  const bodies = Array.from({ length: 40 }, (_, i) => ({ [`mixed_${i}`]: i % 5 === 4 ? 'not an integer' : i }));
  const responses = await Promise.all(
    bodies.map((variables, i) =>
      fetch(`${origin}${path}/variables`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...(i === 7 ? { 'if-match': '"stale"' } : {}) },
        body: JSON.stringify({ variables }),
      }),
    ),
  );
  expect(responses.map((r) => r.status)).toEqual(bodies.map((_, i) => (i === 7 ? 412 : i % 5 === 4 ? 400 : 200)));
  const landed = bodies.filter((_, i) => i !== 7 && i % 5 !== 4);
  const answered = await Promise.all(
    responses.filter((r) => r.status === 200).map((r) => r.json() as Promise<ConfigPage>),
  );
  // Each answer is the page right after its own write: one after another, each holds one more key than the one before.
  const sizes = answered.map((page) => Object.keys(page.variables ?? {}).length).sort((a, b) => a - b);
  expect(sizes).toEqual(landed.map((_, i) => Object.keys(before.variables ?? {}).length + i + 1));
  const after = (await (await fetch(`${origin}${path}`)).json()) as ConfigPage;
  expect(after.variables).toEqual(Object.assign({}, before.variables, ...landed));
});
