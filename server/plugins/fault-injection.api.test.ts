// @vitest-environment node
import { afterEach, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { createTestApp } from '../test/test-app.ts';

const page = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;
afterEach(() => ctx?.close());

const patch = (value: number) =>
  ctx!.app.inject({
    method: 'PATCH',
    url: `${page}/variables`,
    payload: { variables: { silence_timeout_seconds: value } },
  });
const stored = async () => (await ctx!.app.inject(page)).json<ConfigPage>().variables?.silence_timeout_seconds;
const faults = (payload: object) => ctx!.app.inject({ method: 'POST', url: '/__emulator/faults', payload });

test('fault injection is off unless the server is started with it', async () => {
  ctx = await createTestApp();
  expect((await faults({ fail: { count: 1 } })).statusCode).toBe(404);
  expect((await patch(11)).statusCode).toBe(200);
});

test('a failure before the write leaves the data untouched; the next write succeeds', async () => {
  ctx = await createTestApp({ faultInjection: true });
  await faults({ fail: { count: 1, status: 500 } });
  const failed = await patch(11);
  expect(failed.statusCode).toBe(500);
  expect(failed.json().error_code).toBe('INJECTED_FAULT');
  expect(await stored()).toBe(10);
  expect((await ctx.app.inject(page)).statusCode).toBe(200); // reads are not affected by a write fault
  expect((await patch(12)).statusCode).toBe(200);
  expect(await stored()).toBe(12);
});

test('a failure after the write stores it but loses the answer (outcome unknown to the client)', async () => {
  ctx = await createTestApp({ faultInjection: true });
  await faults({ fail: { count: 1, when: 'after', status: 503 } });
  expect((await patch(13)).statusCode).toBe(503);
  expect(await stored()).toBe(13);
});

test('latency is added to API requests, and a hung request is released when faults are cleared', async () => {
  ctx = await createTestApp({ faultInjection: true });
  await faults({ latencyMs: 150 });
  const started = performance.now();
  await ctx.app.inject(page);
  expect(performance.now() - started).toBeGreaterThanOrEqual(140);

  await faults({ latencyMs: 0, hang: { count: 1, match: 'writes' } });
  let answered = false;
  const hung = patch(14).then((r) => {
    answered = true;
    return r;
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(answered).toBe(false);
  await ctx.app.inject({ method: 'DELETE', url: '/__emulator/faults' });
  expect((await hung).statusCode).toBe(503);
  expect(await stored()).toBe(10);
});
