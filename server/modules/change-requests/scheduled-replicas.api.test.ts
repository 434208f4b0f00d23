// @vitest-environment node
/**
 * A scheduled change with two replicas (two server processes on one Postgres, proxying to an emulator that stands in
 * for PolyAI, signing in through a real identity provider): both look for due changes; it is applied once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import type { HistoryPage } from '../../../contract/history.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { startReplicaCluster, type ReplicaCluster } from '../../test/replica-cluster.ts';

const ADMIN = 'ada@example.com';
const EDITOR = 'eve@example.com';
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
const REQUESTS = `/api/agents/${DEMO_AGENT_ID}/change-requests`;
let cluster: ReplicaCluster;

beforeAll(async () => {
  cluster = await startReplicaCluster({ count: 2, admin: ADMIN });
}, 60_000);
afterAll(() => cluster?.stop());

test('a change scheduled through one replica is applied once, whichever replica gets to it', async () => {
  const { call } = cluster;
  const [a, b] = cluster.replicas;
  const admin = ADMIN;
  expect(
    (await call(a, admin, `/api/members/${EDITOR}`, 'PUT', { admin: false, grants: [{ role: 'editor' }] })).status,
  ).toBe(200);
  expect(
    (await call(b, admin, '/api/settings/change-policies', 'PUT', { policies: [{ clientEnv: 'live', approvals: 1 }] }))
      .status,
  ).toBe(200);
  const editor = EDITOR;
  const page = (await call(b, editor, LIVE)).json as ConfigPage;
  const opened = await call(b, editor, REQUESTS, 'POST', {
    clientEnv: 'live',
    kind: 'variables',
    body: { agent_persona_name: 'Ava (scheduled)' },
    baseVersion: page.lastUpdated,
    note: 'Night change',
  });
  const request = opened.json as ChangeRequest;
  expect(opened.status).toBe(201);
  expect((await call(a, admin, `${REQUESTS}/${request.id}/approve`, 'POST')).status).toBe(200);
  expect(
    (
      await call(b, editor, `${REQUESTS}/${request.id}/schedule`, 'PUT', {
        at: new Date(Date.now() + 1_000).toISOString(),
      })
    ).status,
  ).toBe(200);

  // Each replica looks every 5 s.
  let done: ChangeRequest | undefined;
  for (let i = 0; i < 60 && done?.status !== 'applied'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    done = (await call(a, admin, `${REQUESTS}/${request.id}`)).json as ChangeRequest;
  }
  expect(done?.status).toBe('applied');
  expect(done?.events.filter((event) => event.kind === 'applied')).toHaveLength(1);
  expect(done?.events.filter((event) => event.kind === 'failed')).toEqual([]);
  expect((await cluster.upstreamCall({ url: LIVE })).json<ConfigPage>().variables?.agent_persona_name).toBe(
    'Ava (scheduled)',
  );
  const history = (await call(a, admin, `/api/agents/${DEMO_AGENT_ID}/history?clientEnv=live&limit=500`))
    .json as HistoryPage;
  expect(
    history.entries.filter((entry) => entry.kind === 'variables' && entry.source === `change-request:${request.id}`),
  ).toMatchObject([{ author: EDITOR }]);
}, 60_000);
