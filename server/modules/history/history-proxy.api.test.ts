// @vitest-environment node
/**
 * History in proxy mode, with a real emulator as PolyAI: writes forwarded through the proxy are recorded with their
 * exact before values; writes made directly upstream (another console, a script) are found on the next read; a write
 * whose answer never came is recorded as unknown and decided by the next read.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { HistoryPage } from '../../../contract/history.ts';
import { buildApp } from '../../app.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp } from '../../test/test-app.ts';

const KEY = 'sk-test-1f2e3d4c5b6a';
const page = (env = 'sandbox') => `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/${env}`;
let upstream: Awaited<ReturnType<typeof createTestApp>>;
let proxy: Awaited<ReturnType<typeof buildApp>>;

beforeEach(async () => {
  upstream = await createTestApp({ requireApiKey: KEY, faultInjection: true });
  const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  proxy = await buildApp({
    dbFile: ':memory:',
    author: 'dana',
    upstream: { apiKey: KEY, baseUrl, readOnly: false, timeoutMs: 1000 },
  });
});
afterEach(async () => {
  await proxy.close();
  await upstream.close();
});

/** A write straight to the upstream, as PolyAI Studio or a script would make it: Switchboard never sees it. */
const writeElsewhere = (variables: object) =>
  upstream.app.inject({
    method: 'PATCH',
    url: `${page()}/variables`,
    payload: { variables },
    headers: { 'x-api-key': KEY },
  });
const history = async () => (await proxy.inject(`/api/agents/${DEMO_AGENT_ID}/history`)).json<HistoryPage>().entries;
const faults = (payload: object) =>
  upstream.app.inject({ method: 'POST', url: '/__emulator/faults', payload, headers: { 'x-api-key': KEY } });

test('a change made outside Switchboard is found on the next read, key by key, with no author', async () => {
  const seen = (await proxy.inject(page())).json<ConfigPage>();
  expect(await history()).toEqual([]); // the first read is only the baseline: nothing before it is invented
  expect((await writeElsewhere({ silence_timeout_seconds: 17, added_elsewhere: 'yes' })).statusCode).toBe(200);

  await proxy.inject(page());
  const [external] = await history();
  expect(external).toMatchObject({ kind: 'external', clientEnv: 'sandbox', outcome: 'applied' });
  expect(external.author).toBeUndefined();
  expect(external.changes).toEqual([
    { key: 'added_elsewhere', after: 'yes' },
    { key: 'silence_timeout_seconds', before: seen.variables?.silence_timeout_seconds, after: 17 },
  ]);
  // Reading the same version again records nothing more.
  await proxy.inject(page());
  expect(await history()).toHaveLength(1);
});

test('asking for the history reads the agent’s pages first: it is current up to that moment', async () => {
  await proxy.inject(page());
  await writeElsewhere({ speaking_rate: 1.4 });
  const [external] = await history();
  expect(external).toMatchObject({ kind: 'external', changes: [{ key: 'speaking_rate', after: 1.4 }] });
  // A later page of the same list does not read again.
  await writeElsewhere({ speaking_rate: 1.5 });
  expect(
    (await proxy.inject(`/api/agents/${DEMO_AGENT_ID}/history?cursor=999`)).json<HistoryPage>().entries,
  ).toHaveLength(1);
});

test('a page list read through the proxy finds outside changes too', async () => {
  await proxy.inject(`/v1/agents/${DEMO_AGENT_ID}/real-time-configs`);
  await writeElsewhere({ speaking_rate: 1.3 });
  await proxy.inject(`/v1/agents/${DEMO_AGENT_ID}/real-time-configs`);
  expect((await history()).map((e) => [e.kind, e.changes.map((c) => c.key)])).toEqual([
    ['external', ['speaking_rate']],
  ]);
});

test('a forwarded write records what it replaced; an outside change just before it is told apart', async () => {
  await proxy.inject(page());
  await writeElsewhere({ silence_timeout_seconds: 17 });
  const saved = await proxy.inject({
    method: 'PATCH',
    url: `${page()}/variables`,
    payload: { variables: { silence_timeout_seconds: 21 } },
  });
  expect(saved.statusCode).toBe(200);
  const [mine, theirs] = await history();
  expect(theirs).toMatchObject({ kind: 'external', changes: [{ key: 'silence_timeout_seconds', after: 17 }] });
  expect(mine).toMatchObject({
    kind: 'variables',
    author: 'dana',
    changes: [{ key: 'silence_timeout_seconds', before: 17, after: 21 }],
  });
  expect(mine.version).toBe(saved.json<ConfigPage>().lastUpdated);
});

test('a write with no answer is recorded as unknown, then decided by the next read', async () => {
  await proxy.inject(page());
  // The upstream applies the write and never answers; the proxy gives up after a second.
  await faults({ hang: { count: 1, when: 'after', match: 'writes' } });
  const lost = await proxy.inject({
    method: 'PATCH',
    url: `${page()}/variables`,
    payload: { variables: { silence_timeout_seconds: 22 } },
  });
  expect(lost.json()).toMatchObject({ error_code: 'UPSTREAM_TIMEOUT' });
  // As recorded (a later page of the list does not read the pages first):
  const recorded = (await proxy.inject(`/api/agents/${DEMO_AGENT_ID}/history?cursor=999999`)).json<HistoryPage>()
    .entries;
  expect(recorded[0]).toMatchObject({
    outcome: 'unknown',
    changes: [{ key: 'silence_timeout_seconds', before: 10, after: 22 }],
  });

  await proxy.inject(page());
  const entries = await history();
  expect(entries).toHaveLength(1); // landed: the read explains the change, so no outside change is recorded
  expect(entries[0]).toMatchObject({ outcome: 'applied', kind: 'variables' });

  // A write that failed before applying anything is decided the other way.
  await faults({ fail: { count: 1, when: 'before', match: 'writes' } });
  await proxy.inject({
    method: 'PATCH',
    url: `${page()}/variables`,
    payload: { variables: { silence_timeout_seconds: 23 } },
  });
  await proxy.inject(page());
  expect((await history())[0]).toMatchObject({
    outcome: 'not-applied',
    changes: [{ key: 'silence_timeout_seconds', after: 23 }],
  });
});

test('writes sent upstream together with no answer are each recorded as unknown, with what each replaced', async () => {
  await proxy.inject(page());
  // The upstream is slow enough that the second write arrives while the first re-reads the page: one PATCH for both,
  // applied, never answered.
  await faults({ latencyMs: 100, hang: { count: 1, when: 'after', match: 'writes' } });
  const patch = (variables: object) =>
    proxy.inject({ method: 'PATCH', url: `${page()}/variables`, payload: { variables } });
  const answers = await Promise.all([
    patch({ silence_timeout_seconds: 31 }),
    patch({ silence_timeout_seconds: 32, speaking_rate: 1.2 }),
  ]);
  expect(answers.map((answer) => answer.json().error_code)).toEqual(['UPSTREAM_TIMEOUT', 'UPSTREAM_TIMEOUT']);
  const recorded = (await proxy.inject(`/api/agents/${DEMO_AGENT_ID}/history?cursor=999999`)).json<HistoryPage>()
    .entries;
  expect(recorded.map((entry) => [entry.outcome, entry.changes])).toEqual([
    [
      'unknown',
      [
        { key: 'silence_timeout_seconds', before: 31, after: 32 },
        { key: 'speaking_rate', before: 1.1, after: 1.2 },
      ],
    ],
    ['unknown', [{ key: 'silence_timeout_seconds', before: 10, after: 31 }]],
  ]);
});
