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
  await fetch(`${origin}${path}/schema`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ schema: { type: 'object' } }) });
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
  const expected = { ...before.variables, ...Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`concurrent_${i}`, i])) };
  expect(after.variables).toEqual(expected);
});
