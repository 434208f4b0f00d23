// @vitest-environment node
/**
 * A replica killed (SIGKILL) while it applies a change request, three server processes on one Postgres proxying to
 * an emulator that stands in for PolyAI: the request is never stuck — once its lease runs out, the next look decides
 * from the page whether the write landed — and the write stays its member's in the history, decided like a lost
 * answer, never taken for a change made outside Switchboard.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import type { ChangeRequest } from '../../contract/change-requests.ts';
import type { HistoryPage } from '../../contract/history.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { startReplicaCluster, type ReplicaCluster } from '../test/replica-cluster.ts';

const ADMIN = 'ada@example.com';
const AUTHOR = 'eve@example.com';
const REVIEWER = 'rui@example.com';
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
const REQUESTS = `/api/agents/${DEMO_AGENT_ID}/change-requests`;
let cluster: ReplicaCluster;

beforeAll(async () => {
  cluster = await startReplicaCluster({
    count: 3,
    admin: ADMIN,
    // Long enough that a replica is killed while it waits, never giving up by itself.
    env: { UPSTREAM_TIMEOUT_MS: '60000', CHANGE_REQUEST_LEASE_SECONDS: '2' },
    upstream: { faultInjection: true },
  });
}, 90_000);
afterAll(() => cluster?.stop());

const faults = (payload: object) => cluster.upstreamCall({ method: 'POST', url: '/__emulator/faults', payload });
const clearFaults = () => cluster.upstreamCall({ method: 'DELETE', url: '/__emulator/faults' });
const upstreamLive = async () => (await cluster.upstreamCall({ url: LIVE })).json<ConfigPage>();
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

test('7 and 8: an apply whose replica is killed is decided after its lease, from the page, and stays its member’s write', async () => {
  const { call } = cluster;
  const [first, second, survivor] = cluster.replicas;
  for (const email of [AUTHOR, REVIEWER])
    expect(
      (await call(first, ADMIN, `/api/members/${email}`, 'PUT', { admin: false, grants: [{ role: 'editor' }] })).status,
    ).toBe(200);
  expect(
    (
      await call(first, ADMIN, '/api/settings/change-policies', 'PUT', {
        policies: [{ clientEnv: 'live', approvals: 1 }],
      })
    ).status,
  ).toBe(200);
  const page = (await call(survivor, ADMIN, LIVE)).json as ConfigPage;
  const opened = await call(first, AUTHOR, REQUESTS, 'POST', {
    clientEnv: 'live',
    kind: 'variables',
    body: { agent_persona_name: 'Ava (crash)' },
    baseVersion: page.lastUpdated,
    note: 'Crash test',
  });
  expect(opened.status).toBe(201);
  const request = opened.json as ChangeRequest;
  expect((await call(survivor, REVIEWER, `${REQUESTS}/${request.id}/approve`, 'POST')).status).toBe(200);
  const look = async () => (await call(survivor, REVIEWER, `${REQUESTS}/${request.id}`)).json as ChangeRequest;

  // 1. Killed before PolyAI applied anything (its write hangs on the way in): back to open, nothing written.
  await faults({ hang: { count: 1, match: 'writes' } });
  void call(first, REVIEWER, `${REQUESTS}/${request.id}/apply`, 'POST').catch(() => undefined);
  await until(
    async () => (await cluster.upstreamCall({ url: '/__emulator/faults' })).json<{ hung: number }>().hung,
    (hung) => hung === 1,
  );
  expect((await look()).status).toBe('applying');
  await first.stop('SIGKILL');
  await clearFaults();
  const reopened = await until(look, (seen) => seen.status !== 'applying');
  expect(reopened).toMatchObject({ status: 'open', approvedBy: [REVIEWER] });
  expect(reopened.events.at(-1)).toMatchObject({
    kind: 'failed',
    text: expect.stringContaining('nothing was written'),
  });
  expect((await upstreamLive()).lastUpdated).toBe(page.lastUpdated);

  // 2. Killed after PolyAI applied it, before the answer came back: applied, and the history says whose it was.
  await faults({ hang: { count: 1, match: 'writes', when: 'after' } });
  void call(second, REVIEWER, `${REQUESTS}/${request.id}/apply`, 'POST').catch(() => undefined);
  const written = await until(upstreamLive, (live) => live.variables?.agent_persona_name === 'Ava (crash)');
  await second.stop('SIGKILL');
  await clearFaults();
  const applied = await until(look, (seen) => seen.status !== 'applying');
  expect(applied).toMatchObject({ status: 'applied', appliedVersion: written.lastUpdated });

  const history = (await call(survivor, ADMIN, `/api/agents/${DEMO_AGENT_ID}/history?clientEnv=live`))
    .json as HistoryPage;
  const writes = history.entries.filter((entry) => entry.kind !== 'change-request');
  // The first apply's write never landed, the second's did; neither is a change made outside Switchboard.
  expect(writes.map((entry) => [entry.kind, entry.author, entry.outcome])).toEqual([
    ['variables', REVIEWER, 'applied'],
    ['variables', REVIEWER, 'not-applied'],
  ]);
  expect(writes[0]).toMatchObject({
    source: `change-request:${request.id}`,
    version: written.lastUpdated,
    changes: [{ key: 'agent_persona_name', after: 'Ava (crash)' }],
  });
}, 90_000);
