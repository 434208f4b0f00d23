// @vitest-environment node
/**
 * Four eyes on live, each rule as a client would meet it: a direct write under a policy is refused; a request is
 * approved by someone other than its author; an edit resets approvals; applying is done once, conditional on the
 * base version; break glass is an admin's, with a reason, and recorded. Real Postgres, real identity provider.
 */
import { afterAll, beforeAll, beforeEach, expect, inject, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import type { HistoryPage } from '../../../contract/history.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { startTeamApp } from '../../test/team-app.ts';

const ADMIN = 'ada@example.com';
const [AUTHOR, REVIEWER, OTHER_REVIEWER, VIEWER] = [
  'alex@example.com',
  'rui@example.com',
  'sol@example.com',
  'vic@example.com',
];
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
const REQUESTS = `/api/agents/${DEMO_AGENT_ID}/change-requests`;
let team: Awaited<ReturnType<typeof startTeamApp>>;

beforeAll(async () => {
  team = await startTeamApp(inject('postgresUrl'), { admin: ADMIN });
  for (const email of [AUTHOR, REVIEWER, OTHER_REVIEWER]) await team.grant(email, [{ role: 'editor' }]);
  await team.grant(VIEWER, [{ role: 'viewer' }]);
}, 30_000);
afterAll(() => team?.close());

const livePage = async () => (await team.as(ADMIN, { url: LIVE })).json<ConfigPage>();
const setPolicy = (approvals: number) =>
  team.as(ADMIN, {
    method: 'PUT',
    url: '/api/settings/change-policies',
    payload: { policies: [{ clientEnv: 'live', approvals }] },
  });

beforeEach(async () => {
  expect((await setPolicy(1)).statusCode).toBe(200);
});

async function open(variables: object, note = 'Holiday greeting'): Promise<ChangeRequest> {
  const response = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: {
      clientEnv: 'live',
      kind: 'variables',
      body: variables,
      baseVersion: (await livePage()).lastUpdated,
      note,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ChangeRequest>();
}
const act = (email: string, request: ChangeRequest, action: string, payload?: object) =>
  team.as(email, { method: 'POST', url: `${REQUESTS}/${request.id}/${action}`, ...(payload && { payload }) });

test('under a policy a direct write to live is refused with nothing written; other environments are not held', async () => {
  const before = await livePage();
  const direct = await team.as(AUTHOR, {
    method: 'PATCH',
    url: `${LIVE}/variables`,
    payload: { variables: { agent_persona_name: 'Direct' } },
  });
  expect(direct.statusCode).toBe(409);
  expect(direct.json()).toMatchObject({ error_code: 'CHANGE_REQUEST_REQUIRED' });
  expect(await livePage()).toEqual(before);
  const sandbox = await team.as(AUTHOR, {
    method: 'PATCH',
    url: `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox/variables`,
    payload: { variables: { agent_persona_name: 'Fine' } },
  });
  expect(sandbox.statusCode).toBe(200);
  // Connector changes cannot go through a request yet, so they are held too rather than slipping past the policy.
  const connector = await team.as(AUTHOR, {
    method: 'PATCH',
    url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/conn_hv_live_uk`,
    payload: { variantId: null },
  });
  expect(connector.statusCode).toBe(409);
});

test('a rule saved on one replica holds on another at once, and so does lifting it', async () => {
  const replica = await team.replica();
  try {
    const write = {
      method: 'PATCH',
      url: `${LIVE}/variables`,
      payload: { variables: { agent_persona_name: 'Replica' } },
    } as const;
    expect((await team.as(AUTHOR, write, replica)).statusCode).toBe(409);
    // The answer to a save is the rules as saved (even when this replica had just read them).
    expect((await team.as(ADMIN, { url: '/api/settings/change-policies' })).json()).toMatchObject({
      policies: [{ clientEnv: 'live' }],
    });
    expect(
      (await team.as(ADMIN, { method: 'PUT', url: '/api/settings/change-policies', payload: { policies: [] } })).json(),
    ).toEqual({ policies: [] });
    expect((await team.as(AUTHOR, write, replica)).statusCode).toBe(200);
    expect((await setPolicy(2)).statusCode).toBe(200);
    expect((await team.as(AUTHOR, write, replica)).json()).toMatchObject({ error_code: 'CHANGE_REQUEST_REQUIRED' });
  } finally {
    await replica.close();
  }
});

test('the author cannot approve their own request; another editor can, and then it applies once, as the request wrote it', async () => {
  const request = await open({ agent_persona_name: 'Ava (holidays)' });
  expect((await act(AUTHOR, request, 'approve')).json()).toMatchObject({ error_code: 'SELF_APPROVAL' });
  expect((await act(VIEWER, request, 'approve')).statusCode).toBe(403);
  expect((await act(AUTHOR, request, 'apply')).json()).toMatchObject({ error_code: 'APPROVALS_MISSING' });
  expect((await act(REVIEWER, request, 'approve')).json<ChangeRequest>().approvedBy).toEqual([REVIEWER]);

  // Two approvers press Apply at once (here, on two replicas of the same store): one write.
  const replica = await team.replica();
  try {
    const [one, two] = await Promise.all([
      act(REVIEWER, request, 'apply'),
      team.as(AUTHOR, { method: 'POST', url: `${REQUESTS}/${request.id}/apply` }, replica),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
  } finally {
    await replica.close();
  }
  const applied = (await team.as(AUTHOR, { url: `${REQUESTS}/${request.id}` })).json<ChangeRequest>();
  expect(applied.status).toBe('applied');
  const page = await livePage();
  expect(page.variables?.agent_persona_name).toBe('Ava (holidays)');
  expect(applied.appliedVersion).toBe(page.lastUpdated);

  // The history: opened, approved, and the write itself, by the one who applied it, tied to the request.
  const entries = (
    await team.as(ADMIN, { url: `/api/agents/${DEMO_AGENT_ID}/history?clientEnv=live` })
  ).json<HistoryPage>().entries;
  const write = entries.find((entry) => entry.kind === 'variables' && entry.source === `change-request:${request.id}`)!;
  expect(write).toMatchObject({
    note: 'Holiday greeting',
    changes: [{ key: 'agent_persona_name', after: 'Ava (holidays)' }],
  });
  expect(
    entries
      .filter((entry) => entry.kind === 'change-request' && entry.source === `change-request:${request.id}`)
      .map((e) => e.subject),
  ).toEqual([`Change request #${request.id} approved`, `Change request #${request.id} opened`]);
});

test('editing a request starts its approvals again', async () => {
  const request = await open({ agent_persona_name: 'Ava v1' });
  await act(REVIEWER, request, 'approve');
  const edited = await team.as(AUTHOR, {
    method: 'PUT',
    url: `${REQUESTS}/${request.id}`,
    payload: { body: { agent_persona_name: 'Ava v2' }, baseVersion: request.baseVersion, note: 'v2' },
  });
  expect(edited.json<ChangeRequest>()).toMatchObject({ revision: 2, approvedBy: [] });
  expect((await act(REVIEWER, request, 'apply')).json()).toMatchObject({ error_code: 'APPROVALS_MISSING' });
  // Only the author edits.
  expect(
    (
      await team.as(REVIEWER, {
        method: 'PUT',
        url: `${REQUESTS}/${request.id}`,
        payload: { body: {}, baseVersion: request.baseVersion, note: '' },
      })
    ).statusCode,
  ).toBe(403);
  await act(AUTHOR, request, 'decline');
});

test('a request whose page changed since is not applied: it says so, and the author rebases it', async () => {
  await setPolicy(2);
  const request = await open({ agent_persona_name: 'Stale' });
  await act(REVIEWER, request, 'approve');
  await act(OTHER_REVIEWER, request, 'approve');
  // Someone applies another request first.
  const first = await open({ silence_timeout_seconds: 9 });
  await act(REVIEWER, first, 'approve');
  await act(OTHER_REVIEWER, first, 'approve');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>().status).toBe('applied');

  const before = await livePage();
  const stale = (await act(REVIEWER, request, 'apply')).json<ChangeRequest>();
  expect(stale).toMatchObject({ status: 'open', staleAt: before.lastUpdated });
  expect(stale.events.at(-1)).toMatchObject({ kind: 'failed', text: expect.stringMatching(/page changed since/) });
  expect(await livePage()).toEqual(before);

  const rebased = (
    await team.as(AUTHOR, {
      method: 'PUT',
      url: `${REQUESTS}/${request.id}`,
      payload: { body: request.body, baseVersion: before.lastUpdated, note: request.note },
    })
  ).json<ChangeRequest>();
  expect(rebased).toMatchObject({ revision: 2, approvedBy: [] });
  expect(rebased.staleAt).toBeUndefined();
});

test('break glass: only an admin, only with a reason, recorded as such', async () => {
  const request = await open({ agent_persona_name: 'Emergency' });
  expect(
    (await act(AUTHOR, request, 'apply', { breakGlass: { reason: 'Callers hear the wrong hotel name' } })).statusCode,
  ).toBe(403);
  expect((await act(ADMIN, request, 'apply', { breakGlass: { reason: 'short' } })).statusCode).toBe(400);
  const applied = (
    await act(ADMIN, request, 'apply', { breakGlass: { reason: 'Callers hear the wrong hotel name' } })
  ).json<ChangeRequest>();
  expect(applied.status).toBe('applied');
  expect(applied.events.map((e) => e.kind)).toEqual(['opened', 'bypassed', 'applied']);
  const entries = (
    await team.as(ADMIN, { url: `/api/agents/${DEMO_AGENT_ID}/history?kind=change-request` })
  ).json<HistoryPage>().entries;
  expect(entries[0]).toMatchObject({
    author: ADMIN,
    subject: `Change request #${request.id} bypassed`,
    note: 'Callers hear the wrong hotel name',
  });
});

test('policies are an admin’s; the open count answers only for agents the member may view', async () => {
  expect(
    (await team.as(AUTHOR, { method: 'PUT', url: '/api/settings/change-policies', payload: { policies: [] } }))
      .statusCode,
  ).toBe(403);
  await open({ agent_persona_name: 'Counted' });
  expect((await team.as(VIEWER, { url: '/api/change-requests/open' })).json().open[DEMO_AGENT_ID]).toBeGreaterThan(0);
  await team.grant('nobody@example.com', [{ role: 'viewer', agentId: 'PROJECT-RIVERSIDE' }]);
  expect((await team.as('nobody@example.com', { url: '/api/change-requests/open' })).json()).toEqual({ open: {} });
});

test('a schema change is requested and applied the same way; a request for a page without a policy is refused', async () => {
  const page = await livePage();
  const schema = { ...(page.schema as object), title: 'Live, reviewed' };
  const response = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: { clientEnv: 'live', kind: 'schema', body: schema, baseVersion: page.lastUpdated, note: 'Title' },
  });
  const request = response.json<ChangeRequest>();
  await act(REVIEWER, request, 'approve');
  expect((await act(REVIEWER, request, 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect((await livePage()).schema).toMatchObject({ title: 'Live, reviewed' });
  const sandbox = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: { clientEnv: 'sandbox', kind: 'variables', body: {}, baseVersion: page.lastUpdated!, note: '' },
  });
  expect(sandbox.json()).toMatchObject({ error_code: 'NO_CHANGE_POLICY' });
});

const soon = (ms = 400) => new Date(Date.now() + ms).toISOString();
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_200));
const schedule = (email: string, request: ChangeRequest, at: string) =>
  team.as(email, { method: 'PUT', url: `${REQUESTS}/${request.id}/schedule`, payload: { at } });

test('a scheduled change applies by itself at its time, once, as the member who scheduled it', async () => {
  const request = await open({ agent_persona_name: 'Ava (night shift)' });
  await act(REVIEWER, request, 'approve');
  expect((await schedule(REVIEWER, request, soon())).json<ChangeRequest>()).toMatchObject({ scheduledBy: REVIEWER });
  await settle();
  const done = (await team.as(AUTHOR, { url: `${REQUESTS}/${request.id}` })).json<ChangeRequest>();
  expect(done.status).toBe('applied');
  expect(done.events.filter((e) => e.kind === 'applied')).toMatchObject([{ actor: REVIEWER }]);
  expect((await livePage()).variables?.agent_persona_name).toBe('Ava (night shift)');
  expect((await schedule(AUTHOR, request, soon())).statusCode).toBe(409);
});

test('a scheduled change does not apply over a change made since, nor before its approvals, and says so', async () => {
  const stale = await open({ agent_persona_name: 'Scheduled, then overtaken' });
  await act(REVIEWER, stale, 'approve');
  await schedule(REVIEWER, stale, soon(600));
  const first = await open({ silence_timeout_seconds: 10 });
  await act(REVIEWER, first, 'approve');
  await act(REVIEWER, first, 'apply');
  const unapproved = await open({ agent_persona_name: 'Never approved' });
  await schedule(AUTHOR, unapproved, soon());
  const before = await livePage();
  await settle();
  expect(await livePage()).toEqual(before);
  const staleNow = (await team.as(AUTHOR, { url: `${REQUESTS}/${stale.id}` })).json<ChangeRequest>();
  expect(staleNow).toMatchObject({ status: 'open', staleAt: before.lastUpdated });
  expect(staleNow.events.at(-1)).toMatchObject({ kind: 'failed', text: expect.stringMatching(/page changed since/) });
  const waiting = (await team.as(AUTHOR, { url: `${REQUESTS}/${unapproved.id}` })).json<ChangeRequest>();
  expect(waiting.events.at(-1)).toMatchObject({ kind: 'failed', text: expect.stringMatching(/before its approvals/) });
  expect(waiting.scheduledAt).toBeUndefined();
  expect((await schedule(AUTHOR, unapproved, '2020-01-01T00:00:00.000Z')).json()).toMatchObject({
    error_code: 'SCHEDULE_INVALID',
  });
});

test('a connector change is requested like a page change; its base is the fields it changes, as they were', async () => {
  const CONNECTORS = `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors`;
  const connector = async (id: string) =>
    (await team.as(ADMIN, { url: `${CONNECTORS}/${id}` })).json<{ voiceName: string; clientEnv: string }>();
  const openFor = async (changes: object, note: string) => {
    const response = await team.as(AUTHOR, {
      method: 'POST',
      url: REQUESTS,
      payload: {
        clientEnv: 'live',
        kind: 'connector',
        body: { connectorId: 'conn_hv_live_uk', changes },
        baseVersion: 'current',
        note,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ChangeRequest>();
  };
  // Held: a live connector; not held: a sandbox one (the rule is for live); a batch, if one of its connectors is held.
  expect((await team.as(AUTHOR, { method: 'DELETE', url: `${CONNECTORS}/conn_hv_live_uk` })).statusCode).toBe(409);
  const batch = (ids: string[]) =>
    team.as(AUTHOR, {
      method: 'PATCH',
      url: `${CONNECTORS}/batch`,
      payload: { updates: ids.map((connectorId) => ({ connectorId, asrLangCode: 'en-GB' })) },
    });
  expect((await batch(['conn_hv_sbx_main', 'conn_hv_live_us'])).json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
    error_message: expect.stringMatching(/request the batch edit/),
  });
  expect((await batch(['conn_hv_sbx_main', 'conn_hv_pre_uk'])).statusCode).toBe(200);
  expect(
    (
      await team.as(AUTHOR, {
        method: 'PATCH',
        url: `${CONNECTORS}/conn_hv_sbx_main`,
        payload: { voiceName: 'en-GB-Neural2-D' },
      })
    ).statusCode,
  ).toBe(200);

  const first = await openFor({ voiceName: 'en-GB-Neural2-B' }, 'Warmer voice');
  const second = await openFor({ voiceName: 'en-GB-Neural2-D' }, 'Another voice');
  for (const request of [first, second]) await act(REVIEWER, request, 'approve');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect((await connector('conn_hv_live_uk')).voiceName).toBe('en-GB-Neural2-B');
  // The second was made against the voice as it was before the first: it does not apply.
  const stale = (await act(REVIEWER, second, 'apply')).json<ChangeRequest>();
  expect(stale).toMatchObject({ status: 'open', staleAt: 'changed' });
  expect((await connector('conn_hv_live_uk')).voiceName).toBe('en-GB-Neural2-B');
  // A body that is not a connector change is refused when the request is opened.
  const bad = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: {
      clientEnv: 'live',
      kind: 'connector',
      body: { connectorId: 'conn_hv_live_uk', changes: { name: 'x' } },
      baseVersion: 'x',
      note: '',
    },
  });
  expect(bad.statusCode).toBe(400);
});

test('text with control characters is refused with 400 (never stored, never a 500)', async () => {
  const page = await livePage();
  const nul = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: {
      clientEnv: 'live',
      kind: 'variables',
      body: { a: 1 },
      baseVersion: page.lastUpdated,
      note: 'bad\u0000note',
    },
  });
  expect(nul.statusCode).toBe(400);
  const request = await open({ agent_persona_name: 'Ok' }, 'line one\nline two');
  expect((await act(REVIEWER, request, 'comments', { text: 'esc\u001b[31m' })).statusCode).toBe(400);
  expect((await act(REVIEWER, request, 'comments', { text: 'fine\tthanks' })).statusCode).toBe(200);
  await act(AUTHOR, request, 'decline');
});

test('deleting a connector under a rule is requested too; its base is the whole connector, as it was', async () => {
  const CONNECTORS = `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors`;
  const url = `${CONNECTORS}/conn_hv_live_es`;
  const direct = await team.as(AUTHOR, { method: 'DELETE', url });
  expect(direct.json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
    error_message: expect.stringMatching(/request the deletion/),
  });
  const openDeletion = async (body: object = { connectorId: 'conn_hv_live_es' }) =>
    team.as(AUTHOR, {
      method: 'POST',
      url: REQUESTS,
      payload: {
        clientEnv: 'live',
        kind: 'connector-delete',
        body,
        baseVersion: 'current',
        note: 'The Spanish line closes',
      },
    });
  expect((await openDeletion({ connectorId: 'conn_hv_live_es', changes: {} })).statusCode).toBe(400);
  expect((await openDeletion({ connectorId: 'conn_nowhere' })).statusCode).toBe(404);
  const [first, second] = [(await openDeletion()).json<ChangeRequest>(), (await openDeletion()).json<ChangeRequest>()];
  for (const request of [first, second]) await act(REVIEWER, request, 'approve');

  // The connector changes meanwhile (through a request of its own): a deletion reviewed before that is not applied.
  const change = await team.as(AUTHOR, {
    method: 'POST',
    url: REQUESTS,
    payload: {
      clientEnv: 'live',
      kind: 'connector',
      body: { connectorId: 'conn_hv_live_es', changes: { voiceName: 'es-ES-Neural2-C' } },
      baseVersion: 'current',
      note: 'Voice',
    },
  });
  await act(REVIEWER, change.json<ChangeRequest>(), 'approve');
  expect((await act(REVIEWER, change.json<ChangeRequest>(), 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>()).toMatchObject({
    status: 'open',
    staleAt: 'changed',
  });
  expect((await team.as(ADMIN, { url })).statusCode).toBe(200);

  // Rebased by its author onto the connector as it is, approved again, applied: the connector and its number are gone.
  const rebased = await team.as(AUTHOR, {
    method: 'PUT',
    url: `${REQUESTS}/${first.id}`,
    payload: { body: first.body, baseVersion: 'current', note: first.note },
  });
  expect(rebased.json<ChangeRequest>().approvedBy).toEqual([]);
  await act(REVIEWER, first, 'approve');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect((await team.as(ADMIN, { url })).statusCode).toBe(404);
  expect(
    (await team.as(ADMIN, { url: `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers/%2B34910123456` })).statusCode,
  ).toBe(404);
  const [entry] = (
    await team.as(ADMIN, { url: `/api/agents/${DEMO_AGENT_ID}/history?kind=connector` })
  ).json<HistoryPage>().entries;
  expect(entry).toMatchObject({
    subject: 'Deleted connector conn_hv_live_es',
    author: REVIEWER,
    source: `change-request:${first.id}`,
  });
  // The second one finds nothing left to delete.
  expect((await act(REVIEWER, second, 'apply')).json<ChangeRequest>()).toMatchObject({
    status: 'open',
    staleAt: 'gone',
  });
});

test('phone numbers are held where their calls would change under a rule, and a move is requested like any change', async () => {
  const NUMBERS = `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers`;
  const number = async (n: string) =>
    (await team.as(ADMIN, { url: `${NUMBERS}/${encodeURIComponent(n)}` })).json<{ connectorId?: string }>();
  const move = (n: string, connectorId: string) =>
    team.as(AUTHOR, { method: 'PATCH', url: `${NUMBERS}/${encodeURIComponent(n)}`, payload: { connectorId } });
  // The rule is for live: sandbox numbers move freely; a number leaving or joining live is held.
  expect((await move('+442079460199', 'conn_hv_sbx_de')).statusCode).toBe(200);
  expect((await move('+442079460199', 'conn_hv_live_us')).json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
    error_message: expect.stringMatching(/request the move/),
  });
  expect((await move('+442079460101', 'conn_hv_sbx_main')).json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
  });
  // Releasing a live number, or importing into live (PolyAI's default), cannot be requested: refused; sandbox is free.
  expect((await team.as(AUTHOR, { method: 'DELETE', url: `${NUMBERS}/%2B442079460101` })).json()).toMatchObject({
    error_code: 'CHANGE_REQUEST_REQUIRED',
  });
  expect(
    (
      await team.as(AUTHOR, {
        method: 'DELETE',
        url: NUMBERS,
        payload: { phoneNumbers: ['+442079460199', '+442079460101'] },
      })
    ).statusCode,
  ).toBe(409);
  expect(
    (await team.as(AUTHOR, { method: 'POST', url: NUMBERS, payload: { phoneNumbers: ['+442079460777'] } })).statusCode,
  ).toBe(409);
  expect(
    (
      await team.as(AUTHOR, {
        method: 'POST',
        url: NUMBERS,
        payload: { phoneNumbers: ['+442079460777'], clientEnv: 'sandbox' },
      })
    ).statusCode,
  ).toBe(201);
  expect((await team.as(AUTHOR, { method: 'DELETE', url: `${NUMBERS}/%2B442079460777` })).statusCode).toBe(200);

  const openMove = (clientEnv: string, body: object) =>
    team.as(AUTHOR, {
      method: 'POST',
      url: REQUESTS,
      payload: {
        clientEnv,
        kind: 'phone-number-move',
        body,
        baseVersion: 'current',
        note: 'Test line for the UK number',
      },
    });
  const body = { phoneNumber: '+442079460101', connectorId: 'conn_hv_sbx_main' };
  // Filed under the environment of its strictest rule (live), not under sandbox, which has none.
  expect((await openMove('sandbox', body)).json()).toMatchObject({
    error_code: 'INVALID_REQUEST',
    error_message: expect.stringMatching(/under live/),
  });
  expect((await openMove('live', { phoneNumber: '+442079460101' })).statusCode).toBe(400);
  expect((await openMove('live', { ...body, phoneNumber: '+449999999999' })).statusCode).toBe(404);
  const [first, second] = [
    (await openMove('live', body)).json<ChangeRequest>(),
    (await openMove('live', { ...body, connectorId: 'conn_hv_sbx_de' })).json<ChangeRequest>(),
  ];
  for (const request of [first, second]) await act(REVIEWER, request, 'approve');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect((await number('+442079460101')).connectorId).toBe('conn_hv_sbx_main');
  const [entry] = (
    await team.as(ADMIN, { url: `/api/agents/${DEMO_AGENT_ID}/history?kind=phone-number` })
  ).json<HistoryPage>().entries;
  expect(entry).toMatchObject({
    subject: 'Moved +442079460101',
    author: REVIEWER,
    source: `change-request:${first.id}`,
  });
  // The second was made while the number was still on the live line: it does not apply.
  expect((await act(REVIEWER, second, 'apply')).json<ChangeRequest>()).toMatchObject({
    status: 'open',
    staleAt: 'changed',
  });
  expect((await number('+442079460101')).connectorId).toBe('conn_hv_sbx_main');
});

test('a batch edit that reaches live is requested as one; its base is each connector’s fields it changes', async () => {
  const CONNECTORS = `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors`;
  const connector = async (id: string) =>
    (await team.as(ADMIN, { url: `${CONNECTORS}/${id}` })).json<{ asrLangCode: string }>();
  const updates = [
    { connectorId: 'conn_hv_live_us', asrLangCode: 'en-GB' },
    { connectorId: 'conn_hv_sbx_de', asrLangCode: 'en-GB' },
  ];
  const openBatch = (clientEnv: string, body: object) =>
    team.as(AUTHOR, {
      method: 'POST',
      url: REQUESTS,
      payload: { clientEnv, kind: 'connector-batch', body, baseVersion: 'current', note: 'British English everywhere' },
    });
  expect((await openBatch('sandbox', { updates })).json()).toMatchObject({
    error_code: 'INVALID_REQUEST',
    error_message: expect.stringMatching(/under live/),
  });
  expect((await openBatch('sandbox', { updates: [updates[1]] })).json()).toMatchObject({
    error_code: 'NO_CHANGE_POLICY',
  });
  expect((await openBatch('live', { updates: [updates[0], updates[0]] })).statusCode).toBe(400);
  expect((await openBatch('live', { updates: [{ connectorId: 'conn_hv_live_us' }] })).statusCode).toBe(400);
  expect(
    (await openBatch('live', { updates: [...updates, { connectorId: 'conn_nowhere', asrLangCode: 'en-GB' }] }))
      .statusCode,
  ).toBe(404);
  const [first, second] = [
    (await openBatch('live', { updates })).json<ChangeRequest>(),
    (await openBatch('live', { updates })).json<ChangeRequest>(),
  ];
  for (const request of [first, second]) await act(REVIEWER, request, 'approve');
  expect((await act(REVIEWER, first, 'apply')).json<ChangeRequest>().status).toBe('applied');
  expect([(await connector('conn_hv_live_us')).asrLangCode, (await connector('conn_hv_sbx_de')).asrLangCode]).toEqual([
    'en-GB',
    'en-GB',
  ]);
  // The second was reviewed against the languages as they were: they moved, so it does not apply.
  expect((await act(REVIEWER, second, 'apply')).json<ChangeRequest>()).toMatchObject({
    status: 'open',
    staleAt: 'changed',
  });
});
