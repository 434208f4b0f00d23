// @vitest-environment node
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { buildApp } from '../../app.ts';
import { createTestApp } from '../../test/test-app.ts';

const path = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.inject({ method: 'PUT', url: `${path}/schema`, payload: { schema: { type: 'object' } } });
});
afterAll(() => ctx.close());

const key = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'greeting_message', 'business_hours'),
  fc.string({ maxLength: 12 }),
);
// Bodies a client might send: mostly well-formed merges, some with forbidden keys or of the wrong shape.
const body = fc.oneof(
  { weight: 6, arbitrary: fc.record({ variables: fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ variables: fc.constant(JSON.parse('{"__proto__":{"x":1}}')) }) },
  {
    weight: 1,
    arbitrary: fc.record({ variables: fc.oneof(fc.array(fc.integer()), fc.string(), fc.integer(), fc.constant(null)) }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const isPlainObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasForbiddenKey = (v: unknown): boolean =>
  isPlainObject(v) || Array.isArray(v)
    ? Object.entries(v).some(
        ([k, child]) =>
          ['__proto__', 'constructor', 'prototype'].includes(k) || k.includes('\u0000') || hasForbiddenKey(child),
      )
    : false;

test('random PATCH bodies never give a 5xx, and the stored variables always equal a shallow-merge model', async () => {
  let model = (await ctx.app.inject(path)).json<ConfigPage>().variables ?? {};
  await fc.assert(
    fc.asyncProperty(body, async (payload) => {
      const response = await ctx.app.inject({
        method: 'PATCH',
        url: `${path}/variables`,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBeLessThan(500);
      const acceptable = isPlainObject(payload) && isPlainObject(payload.variables) && !hasForbiddenKey(payload);
      if (acceptable) {
        expect(response.statusCode).toBe(200);
        model = {
          ...model,
          ...(JSON.parse(JSON.stringify((payload as { variables: JsonObject }).variables)) as JsonObject),
        };
      } else {
        expect(response.statusCode).toBe(400);
      }
      const stored = (await ctx.app.inject(path)).json<ConfigPage>().variables ?? {};
      expect(stored).toEqual(model);
      expect(Object.keys(stored)).toEqual(Object.keys(model));
    }),
    { numRuns: 1000 },
  );
  // What the server holds in memory is exactly what is on disk: a fresh server on the same file answers the same bytes.
  const warm = (await ctx.app.inject(path)).body;
  const cold = await buildApp({ dbFile: ctx.dbFile });
  expect((await cold.inject(path)).body).toBe(warm);
  await cold.close();
}, 120_000);
