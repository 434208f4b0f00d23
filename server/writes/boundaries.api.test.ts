// @vitest-environment node
/**
 * The promises of team mode, tried as an attacker with real accounts would: every request sent directly, each write
 * checked for everything it reaches (every batch item, a connector's new agent, both environments of a move), and
 * roles re-checked at every step of a change request's life. Real Postgres, real identity provider.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Connector } from '../../contract/agents-api.ts';
import type { ChangeRequest } from '../../contract/change-requests.ts';
import type { ChangePolicy } from '../../contract/change-request-values.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { startTeamApp } from '../test/team-app.ts';

const A = DEMO_AGENT_ID;
const B = 'PROJECT-RIVERSIDE';
const ADMIN = 'ada@example.com';
const EDITOR_A = 'ann@example.com';
const EDITOR_A2 = 'abe@example.com';
const EDITOR_AB = 'bea@example.com';
const SANDBOX_ONLY = 'sam@example.com';
const CONNECTORS = (agentId: string) => `/v1/agents/${agentId}/telephony/connectors`;
const REQUESTS = `/api/agents/${A}/change-requests`;
let team: Awaited<ReturnType<typeof startTeamApp>>;

beforeAll(async () => {
  team = await startTeamApp(inject('postgresUrl'), { admin: ADMIN });
  await team.grant(EDITOR_A, [{ role: 'editor', agentId: A }]);
  await team.grant(EDITOR_A2, [{ role: 'editor', agentId: A }]);
  await team.grant(EDITOR_AB, [
    { role: 'editor', agentId: A },
    { role: 'editor', agentId: B },
  ]);
  await team.grant(SANDBOX_ONLY, [{ role: 'editor', agentId: A, clientEnv: 'sandbox' }]);
}, 30_000);
afterAll(() => team?.close());

const rules = async (policies: ChangePolicy[]) =>
  expect(
    (await team.as(ADMIN, { method: 'PUT', url: '/api/settings/change-policies', payload: { policies } })).statusCode,
  ).toBe(200);
const agentOf = async (connectorId: string) => {
  for (const agentId of [A, B])
    if ((await team.as(ADMIN, { url: `${CONNECTORS(agentId)}/${connectorId}` })).statusCode === 200) return agentId;
  return undefined;
};
const openRequest = (email: string, payload: object) =>
  team.as(email, {
    method: 'POST',
    url: REQUESTS,
    payload: { baseVersion: 'current', note: 'Boundary test', ...payload },
  });
const act = (email: string, request: ChangeRequest, action: string, payload?: object) =>
  team.as(email, { method: 'POST', url: `${REQUESTS}/${request.id}/${action}`, ...(payload && { payload }) });

test('1: a batch item moving a connector into an agent its author has no role on is refused, nothing moved', async () => {
  await rules([]);
  const move = await team.as(EDITOR_A, {
    method: 'PATCH',
    url: `${CONNECTORS(A)}/batch`,
    payload: { updates: [{ connectorId: 'conn_hv_sbx_de', projectId: B }] },
  });
  expect(move.statusCode, move.body).toBe(403);
  expect(move.json().error_message).toContain(B);
  // The single-connector route, and a move hidden after a harmless item, are refused the same way.
  const single = await team.as(EDITOR_A, {
    method: 'PATCH',
    url: `${CONNECTORS(A)}/conn_hv_sbx_de`,
    payload: { projectId: B },
  });
  expect(single.statusCode).toBe(403);
  const hidden = await team.as(EDITOR_A, {
    method: 'PATCH',
    url: `${CONNECTORS(A)}/batch`,
    payload: {
      updates: [
        { connectorId: 'conn_hv_sbx_main', asrLangCode: 'en-GB' },
        { connectorId: 'conn_hv_sbx_de', projectId: B },
      ],
    },
  });
  expect(hidden.statusCode).toBe(403);
  expect(await agentOf('conn_hv_sbx_de')).toBe(A);
  // A body Switchboard cannot read is refused, never guessed at.
  const odd = await team.as(EDITOR_A, {
    method: 'PATCH',
    url: `${CONNECTORS(A)}/batch`,
    payload: { updates: 'conn_hv_sbx_de' },
  });
  expect(odd.statusCode).toBe(400);
});

test('2: a request that moves a connector to another agent needs a role there to open, approve and apply', async () => {
  await rules([{ clientEnv: 'live', approvals: 1 }]);
  const body = { updates: [{ connectorId: 'conn_hv_live_es', projectId: B }] };
  expect((await openRequest(EDITOR_A, { clientEnv: 'live', kind: 'connector-batch', body })).statusCode).toBe(403);
  const opened = await openRequest(EDITOR_AB, { clientEnv: 'live', kind: 'connector-batch', body });
  expect(opened.statusCode, opened.body).toBe(201);
  const request = opened.json<ChangeRequest>();
  expect(request.reach.places).toEqual([
    { agentId: A, clientEnv: 'live' },
    { agentId: B, clientEnv: 'live' },
  ]);
  // Another editor of A alone cannot approve it: it changes B too.
  const approval = await act(EDITOR_A2, request, 'approve');
  expect(approval.statusCode).toBe(403);
  expect(approval.json().error_message).toContain(`live of ${B}`);
  expect(
    (await act(EDITOR_A2, request, 'apply', { breakGlass: { reason: 'I should not be able to' } })).statusCode,
  ).toBe(403);
  expect(await agentOf('conn_hv_live_es')).toBe(A);
  await act(EDITOR_AB, request, 'decline');
});

test('3: a connector moved into another agent’s environment meets that environment’s rule', async () => {
  await rules([{ agentId: B, clientEnv: 'sandbox', approvals: 1 }]);
  const move = await team.as(EDITOR_AB, {
    method: 'PATCH',
    url: `${CONNECTORS(A)}/batch`,
    payload: { updates: [{ connectorId: 'conn_hv_sbx_de', projectId: B }] },
  });
  expect(move.json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
    error_message: expect.stringContaining(`sandbox of ${B}`),
  });
  expect(
    (await team.as(EDITOR_AB, { method: 'PATCH', url: `${CONNECTORS(A)}/conn_hv_sbx_de`, payload: { projectId: B } }))
      .statusCode,
  ).toBe(409);
  expect(await agentOf('conn_hv_sbx_de')).toBe(A);
  // The same change inside A, where no rule holds, goes straight through.
  expect(
    (
      await team.as(EDITOR_AB, {
        method: 'PATCH',
        url: `${CONNECTORS(A)}/conn_hv_sbx_de`,
        payload: { asrLangCode: 'de-DE' },
      })
    ).statusCode,
  ).toBe(200);
});

test('4: a request’s environments are what its body writes: approving it needs the role on every one', async () => {
  await rules([
    { clientEnv: 'sandbox', approvals: 1 },
    { clientEnv: 'live', approvals: 1 },
  ]);
  const body = {
    updates: [
      { connectorId: 'conn_hv_sbx_main', asrLangCode: 'en-US' },
      { connectorId: 'conn_hv_live_us', asrLangCode: 'en-GB' },
    ],
  };
  const opened = await openRequest(EDITOR_A, { clientEnv: 'sandbox', kind: 'connector-batch', body });
  expect(opened.statusCode, opened.body).toBe(201);
  const request = opened.json<ChangeRequest>();
  expect(request.reach.places.map((place) => place.clientEnv)).toEqual(['live', 'sandbox']);
  const approval = await act(SANDBOX_ONLY, request, 'approve');
  expect(approval.statusCode).toBe(403);
  expect(approval.json().error_message).toContain(`live of ${A}`);
  const live = await team.as(ADMIN, { url: `${CONNECTORS(A)}/conn_hv_live_us` });
  expect(live.json<Connector>().asrLangCode).toBe('en-US');
  await act(EDITOR_A, request, 'decline');
});

test('5: an author demoted since opening a request can no longer edit it', async () => {
  await rules([{ clientEnv: 'live', approvals: 1 }]);
  const demoted = 'dee@example.com';
  await team.grant(demoted, [{ role: 'editor', agentId: A }]);
  const page = (await team.as(ADMIN, { url: `/v1/agents/${A}/real-time-configs/live` })).json<{
    lastUpdated: string;
  }>();
  const opened = await openRequest(demoted, {
    clientEnv: 'live',
    kind: 'variables',
    body: { agent_persona_name: 'Dee' },
    baseVersion: page.lastUpdated,
  });
  expect(opened.statusCode).toBe(201);
  const request = opened.json<ChangeRequest>();
  await team.grant(demoted, [{ role: 'viewer', agentId: A }]);
  const edit = await team.as(demoted, {
    method: 'PUT',
    url: `${REQUESTS}/${request.id}`,
    payload: { body: { agent_persona_name: 'Dee 2' }, baseVersion: page.lastUpdated, note: 'Still me' },
  });
  expect(edit.statusCode).toBe(403);
  expect((await team.as(ADMIN, { url: `${REQUESTS}/${request.id}` })).json<ChangeRequest>()).toMatchObject({
    revision: 1,
    body: { agent_persona_name: 'Dee' },
  });
  // Withdrawing their own request changes nothing anyone hears: still theirs to do.
  expect((await act(demoted, request, 'decline')).json<ChangeRequest>().status).toBe('declined');
});

test('6: an approval stops counting when its approver loses the role or leaves, and the request says so', async () => {
  await rules([{ clientEnv: 'live', approvals: 1 }]);
  const [approver, leaver] = ['pat@example.com', 'lee@example.com'];
  for (const email of [approver, leaver]) await team.grant(email, [{ role: 'editor', agentId: A }]);
  const page = (await team.as(ADMIN, { url: `/v1/agents/${A}/real-time-configs/live` })).json<{
    lastUpdated: string;
  }>();
  const open = async () =>
    (
      await openRequest(EDITOR_A, {
        clientEnv: 'live',
        kind: 'variables',
        body: { agent_persona_name: 'Approved once' },
        baseVersion: page.lastUpdated,
      })
    ).json<ChangeRequest>();
  const [first, second] = [await open(), await open()];
  expect((await act(approver, first, 'approve')).json<ChangeRequest>().approvedBy).toEqual([approver]);
  expect((await act(leaver, second, 'approve')).json<ChangeRequest>().approvedBy).toEqual([leaver]);

  await team.grant(approver, [{ role: 'viewer', agentId: A }]);
  expect((await team.as(ADMIN, { method: 'DELETE', url: `/api/members/${leaver}` })).statusCode).toBe(204);
  const [seenFirst, seenSecond] = [
    (await team.as(EDITOR_A, { url: `${REQUESTS}/${first.id}` })).json<ChangeRequest>(),
    (await team.as(EDITOR_A, { url: `${REQUESTS}/${second.id}` })).json<ChangeRequest>(),
  ];
  expect(seenFirst).toMatchObject({
    approvedBy: [],
    approvalsWithdrawn: [{ by: approver, why: expect.stringContaining('editor role') }],
  });
  expect(seenSecond).toMatchObject({
    approvedBy: [],
    approvalsWithdrawn: [{ by: leaver, why: 'no longer a member of the team' }],
  });
  const applied = await act(EDITOR_A, first, 'apply');
  expect(applied.json()).toMatchObject({
    error_code: 'APPROVALS_MISSING',
    error_message: expect.stringContaining(`${approver}'s no longer counts`),
  });
  expect(
    (await team.as(ADMIN, { url: `/v1/agents/${A}/real-time-configs/live` })).json<{ lastUpdated: string }>()
      .lastUpdated,
  ).toBe(page.lastUpdated);
});

test('5: a scheduled change runs with its scheduler’s role as it is when its time comes', async () => {
  await rules([{ clientEnv: 'live', approvals: 1 }]);
  const scheduler = 'sid@example.com';
  await team.grant(scheduler, [{ role: 'editor', agentId: A }]);
  const page = (await team.as(ADMIN, { url: `/v1/agents/${A}/real-time-configs/live` })).json<{
    lastUpdated: string;
  }>();
  const opened = await openRequest(scheduler, {
    clientEnv: 'live',
    kind: 'variables',
    body: { agent_persona_name: 'Scheduled by Sid' },
    baseVersion: page.lastUpdated,
  });
  const request = opened.json<ChangeRequest>();
  expect((await act(EDITOR_A, request, 'approve')).statusCode).toBe(200);
  const at = new Date(Date.now() + 1_500).toISOString();
  expect(
    (await team.as(scheduler, { method: 'PUT', url: `${REQUESTS}/${request.id}/schedule`, payload: { at } }))
      .statusCode,
  ).toBe(200);
  await team.grant(scheduler, [{ role: 'viewer', agentId: A }]);
  const seen = async () => (await team.as(ADMIN, { url: `${REQUESTS}/${request.id}` })).json<ChangeRequest>();
  await expect.poll(async () => (await seen()).events.at(-1)?.kind, { timeout: 10_000 }).toBe('failed');
  expect(await seen()).toMatchObject({
    status: 'open',
    events: expect.arrayContaining([
      expect.objectContaining({ text: expect.stringContaining('may no longer make it') }),
    ]),
  });
  expect(
    (await team.as(ADMIN, { url: `/v1/agents/${A}/real-time-configs/live` })).json<{ lastUpdated: string }>()
      .lastUpdated,
  ).toBe(page.lastUpdated);
});
