// @vitest-environment node
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AgentList, ApiErrorBody, ConnectorList } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract } from '../../test/test-app.ts';

let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

test('GET /v1/agents answers a bare array with the demo agent in it', async () => {
  const agents = expectContract(await ctx.app.inject('/v1/agents'), 200, 'AgentList') as AgentList;
  expect(agents.length).toBeGreaterThanOrEqual(2);
  expect(agents.map((a) => a.agentId)).toContain(DEMO_AGENT_ID);
});

test('connectors cover all three environments, including one with no variant', async () => {
  const response = await ctx.app.inject(`/v1/agents/${DEMO_AGENT_ID}/telephony/connectors`);
  const { connectors } = expectContract(response, 200, 'ConnectorList') as ConnectorList;
  expect(connectors.length).toBeGreaterThanOrEqual(6);
  expect(new Set(connectors.map((c) => c.clientEnv))).toEqual(new Set(['sandbox', 'pre-release', 'live']));
  expect(connectors.some((c) => c.variantId === '')).toBe(true);
  for (const c of connectors) expect(c.voiceName.startsWith(c.ttsLangCode)).toBe(true);
});

test('every response echoes a sane client correlation id and invents one otherwise', async () => {
  const echoed = await ctx.app.inject({
    url: '/v1/agents',
    headers: { 'x-polyai-correlation-id': 'switchboard-abc123' },
  });
  expect(echoed.headers['x-polyai-correlation-id']).toBe('switchboard-abc123');
  const hostile = await ctx.app.inject({ url: '/v1/agents', headers: { 'x-polyai-correlation-id': '<script>' } });
  expect(hostile.headers['x-polyai-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('unknown API paths are 404 in the envelope, not the app shell', async () => {
  const response = await ctx.app.inject('/v1/nothing-here');
  expect((expectContract(response, 404, 'ApiErrorBody') as ApiErrorBody).error_code).toBe('NOT_FOUND');
});

test('a write from another site is refused before it reaches the data', async () => {
  const url = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live/variables`;
  const payload = { variables: { silence_timeout_seconds: 4 } };
  for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]) {
    const response = await ctx.app.inject({ method: 'PATCH', url, payload, headers });
    expect((expectContract(response, 403, 'ApiErrorBody') as ApiErrorBody).error_code).toBe(
      'CROSS_ORIGIN_REQUEST_REFUSED',
    );
  }
  const live = (await ctx.app.inject(`/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`)).json<{
    variables: object;
  }>();
  expect(live.variables).toMatchObject({ silence_timeout_seconds: 8 });
});
