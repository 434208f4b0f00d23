// @vitest-environment node
/**
 * Switchboard's store failing under two running replicas (team mode, proxying to an emulator that stands in for
 * PolyAI): frozen (every Postgres process stopped with SIGSTOP), then stopped. Every request gets a plain 503 within
 * seconds — never a hang, never a 500 — nothing is forwarded, and a thawed store is used again without a restart.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { freezePostgres } from '../test/freeze-postgres.ts';
import { startPostgres, type PostgresServer } from '../test/postgres.ts';
import { startTeamApp } from '../test/team-app.ts';
import { createTestApp } from '../test/test-app.ts';

const KEY = 'sk-test-outage-0123456789';
const ADMIN = 'ada@example.com';
const PAGE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let postgres: PostgresServer;
let upstream: Awaited<ReturnType<typeof createTestApp>>;
let team: Awaited<ReturnType<typeof startTeamApp>>;
let replica: Awaited<ReturnType<typeof team.replica>>;

beforeAll(async () => {
  // A Postgres of this test's own: freezing the shared one would stall every other test file.
  postgres = await startPostgres();
  upstream = await createTestApp({ requireApiKey: KEY });
  const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  team = await startTeamApp(postgres.url, {
    admin: ADMIN,
    options: { upstream: { apiKey: KEY, baseUrl, readOnly: false, timeoutMs: 5_000 } },
  });
  replica = await team.replica();
  await team.cookieOf(ADMIN);
}, 60_000);
afterAll(async () => {
  await replica?.close().catch(() => undefined);
  await team?.close().catch(() => undefined);
  await upstream?.close();
  await postgres?.stop();
});

const upstreamPage = async () =>
  (await upstream.app.inject({ url: PAGE, headers: { 'x-api-key': KEY } })).json<ConfigPage>();
const timed = async <T>(call: () => Promise<T>) => {
  const started = Date.now();
  return { answer: await call(), ms: Date.now() - started };
};

test('12: a frozen store costs each request a few seconds and a 503 that says so; thawed, it is used again', async () => {
  const before = await upstreamPage();
  const frozen = await freezePostgres(postgres.url);
  try {
    const [me, other, write, ready] = await Promise.all([
      timed(() => team.as(ADMIN, { url: '/api/me' })),
      timed(() => team.as(ADMIN, { url: '/api/me' }, replica)),
      timed(() =>
        team.as(
          ADMIN,
          { method: 'PATCH', url: `${PAGE}/variables`, payload: { variables: { greeting: 'While frozen' } } },
          replica,
        ),
      ),
      timed(() => team.as(undefined, { url: '/readyz' })),
    ]);
    for (const { answer, ms } of [me, other, write]) {
      expect(answer.json()).toMatchObject({
        error_code: 'STORE_UNAVAILABLE',
        error_message: expect.stringContaining('not answering'),
      });
      expect(answer.statusCode).toBe(503);
      expect(ms).toBeLessThan(10_000);
    }
    expect(ready.answer.statusCode).toBe(503);
    expect(ready.answer.json()).toEqual({ ok: false, reason: "Switchboard's state database does not answer" });
    expect(ready.ms).toBeLessThan(10_000);
  } finally {
    frozen.thaw();
  }
  expect((await upstreamPage()).lastUpdated).toBe(before.lastUpdated);
  // Thawed: the same replicas answer again, with nothing restarted.
  await expect
    .poll(async () => (await team.as(ADMIN, { url: '/api/me' }, replica)).statusCode, { timeout: 15_000 })
    .toBe(200);
  expect((await team.as(ADMIN, { url: '/api/me' })).statusCode).toBe(200);
}, 60_000);

test('13: a stopped store is a 503 that says so, at once, and nothing is forwarded', async () => {
  const before = await upstreamPage();
  await postgres.stop();
  const [me, write] = await Promise.all([
    timed(() => team.as(ADMIN, { url: '/api/me' })),
    timed(() =>
      team.as(
        ADMIN,
        { method: 'PATCH', url: `${PAGE}/variables`, payload: { variables: { greeting: 'While stopped' } } },
        replica,
      ),
    ),
  ]);
  for (const { answer, ms } of [me, write]) {
    expect(answer.json()).toMatchObject({ error_code: 'STORE_UNAVAILABLE' });
    expect(answer.statusCode).toBe(503);
    expect(ms).toBeLessThan(10_000);
  }
  expect((await upstreamPage()).lastUpdated).toBe(before.lastUpdated);
}, 60_000);
