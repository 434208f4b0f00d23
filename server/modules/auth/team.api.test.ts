// @vitest-environment node
/**
 * Team mode against a real identity provider (oidc-provider on loopback) and a real Postgres: sign-in, sessions,
 * roles enforced on the server. Every forbidden request is sent directly, as a script would, and must be refused with
 * 403 with nothing written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Me, MemberAccess } from '../../../contract/access.ts';
import type { AgentList, ConfigPage } from '../../../contract/agents-api.ts';
import type { HistoryPage } from '../../../contract/history.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import type { TestProvider } from '../../test/oidc-provider.ts';
import { signIn } from '../../test/sign-in.ts';
import { startTeamApp } from '../../test/team-app.ts';

const ADMIN = 'ada@example.com';
const OTHER = 'PROJECT-RIVERSIDE';
const page = (env: string, agent = DEMO_AGENT_ID) => `/v1/agents/${agent}/real-time-configs/${env}`;
let team: Awaited<ReturnType<typeof startTeamApp>>;
let provider: TestProvider;
let app: FastifyInstance;
let replica: FastifyInstance;
let url: string;

/** The main app's log, as JSON lines. */
const logLines: string[] = [];

beforeAll(async () => {
  team = await startTeamApp(inject('postgresUrl'), {
    admin: ADMIN,
    names: { [ADMIN]: 'Ada Admin' },
    options: { logger: { level: 'info', stream: { write: (line: string) => void logLines.push(line) } } },
  });
  ({ app, url, provider } = team);
  // A second replica on the same store (its own emulator file: only sessions and members are shared here).
  replica = await team.replica({ logger: false });
}, 30_000);

afterAll(async () => {
  await replica?.close();
  await team?.close();
});

type Call = { method?: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE'; url: string; payload?: object };
const as = (cookie: string | undefined, { method = 'GET', url: target, payload }: Call, on = app) =>
  on.inject({
    method,
    url: target,
    ...(payload && { payload }),
    headers: { host: new URL(url).host, ...(cookie && { cookie }) },
  });

async function member(email: string, access: MemberAccess['grants'], admin = false): Promise<string> {
  const adminCookie = (await signIn(url, ADMIN)).cookie;
  expect(
    (await as(adminCookie, { method: 'PUT', url: `/api/members/${email}`, payload: { admin, grants: access } }))
      .statusCode,
  ).toBe(200);
  return (await signIn(url, email)).cookie;
}

describe('without a session', () => {
  test.each([
    ['GET', '/v1/agents'],
    ['GET', page('live')],
    ['PATCH', `${page('live')}/variables`],
    ['GET', '/api/me'],
    ['GET', `/api/agents/${DEMO_AGENT_ID}/history`],
    ['GET', '/api/members'],
    ['GET', '/api/runtime'],
    ['GET', '/v1/no-such-endpoint'],
  ] as const)('%s %s → 401, nothing done', async (method, target) => {
    const response = await as(undefined, {
      method,
      url: target,
      ...(method === 'PATCH' && { payload: { variables: { greeting_message: 'x' } } }),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error_code: 'SIGN_IN_REQUIRED' });
  });

  test('the console itself, the probes and signing in need no session', async () => {
    expect((await as(undefined, { url: '/healthz' })).statusCode).toBe(200);
    expect((await as(undefined, { url: '/readyz' })).statusCode).toBe(200);
    const login = await as(undefined, { url: '/api/auth/login' });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toMatch(new RegExp(`^${provider.issuer}/auth\\?.*code_challenge_method=S256`));
  });
});

describe('signing in', () => {
  test('an admin by configuration signs in through the provider and is named as such; the cookie is HttpOnly and SameSite=Lax', async () => {
    const login = await as(undefined, { url: '/api/auth/login' });
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Lax/);
    const { cookie, landedOn } = await signIn(url, ADMIN, `/agents/${DEMO_AGENT_ID}`);
    expect(landedOn).toBe(`/agents/${DEMO_AGENT_ID}`);
    const me = (await as(cookie, { url: '/api/me' })).json<Me>();
    expect(me).toMatchObject({ mode: 'team', email: ADMIN, name: 'Ada Admin', admin: true });
  });

  test('the log names the signed-in member beside the correlation id of each request', async () => {
    const { cookie } = await signIn(url, ADMIN);
    const response = await as(cookie, { url: '/api/me' });
    const completed = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.reqId === response.headers['x-polyai-correlation-id'] && line.msg === 'request completed');
    expect(completed).toMatchObject({ user: ADMIN, res: { statusCode: 200 } });
  });

  test('a session works on any replica of the same store', async () => {
    const { cookie } = await signIn(url, ADMIN);
    expect((await as(cookie, { url: '/api/me' }, replica)).json<Me>()).toMatchObject({ email: ADMIN });
  });

  test('a return address elsewhere is not followed', async () => {
    for (const returnTo of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      '/x\u0000y',
      '/\r\nSet-Cookie: x=1',
      '/日本',
    ]) {
      expect((await signIn(url, ADMIN, returnTo)).landedOn).toBe('/');
    }
  });

  test('a sign-in finished in another browser (without the cookie of the one that started it) is refused', async () => {
    const login = await as(undefined, { url: '/api/auth/login' });
    const state = new URL(String(login.headers.location)).searchParams.get('state')!;
    const callback = await as(undefined, { url: `/api/auth/callback?code=stolen&state=${state}` });
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toMatch(/^\/\?sign-in-error=/);
    expect(callback.headers['set-cookie'] ?? '').not.toMatch(/switchboard-session=[^;]/);
  });

  test('signing out ends the session; an admin can end all of a member’s sessions; removing a member ends them too', async () => {
    const { cookie } = await signIn(url, ADMIN);
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { host: new URL(url).host, cookie, origin: url },
    });
    expect(out.statusCode).toBe(200);
    expect((await as(cookie, { url: '/api/me' })).statusCode).toBe(401);

    const memberCookie = await member('sam@example.com', [{ role: 'viewer' }]);
    const secondDevice = (await signIn(url, 'sam@example.com')).cookie;
    const adminCookie = (await signIn(url, ADMIN)).cookie;
    expect((await as(adminCookie, { method: 'POST', url: '/api/members/sam@example.com/sign-out' })).json()).toEqual({
      ended: 2,
    });
    expect((await as(memberCookie, { url: '/api/me' })).statusCode).toBe(401);
    expect((await as(secondDevice, { url: '/api/me' })).statusCode).toBe(401);

    const again = (await signIn(url, 'sam@example.com')).cookie;
    expect((await as(adminCookie, { method: 'DELETE', url: '/api/members/sam@example.com' })).statusCode).toBe(204);
    expect((await as(again, { url: '/api/me' })).statusCode).toBe(401);
    expect((await as(adminCookie, { method: 'DELETE', url: `/api/members/${ADMIN}` })).statusCode).toBe(409);
  });
});

describe('roles, enforced on the server', () => {
  test('someone who signs in without being granted anything may see who they are, and nothing else', async () => {
    const { cookie } = await signIn(url, 'newcomer@example.com');
    expect((await as(cookie, { url: '/api/me' })).json<Me>()).toMatchObject({
      email: 'newcomer@example.com',
      admin: false,
      grants: [],
    });
    expect((await as(cookie, { url: page('sandbox') })).statusCode).toBe(403);
    expect((await as(cookie, { url: '/v1/agents' })).json()).toEqual([]);
  });

  test('a viewer of one agent reads it (and sees only it in lists) but writes nothing', async () => {
    const cookie = await member('vera@example.com', [{ role: 'viewer', agentId: DEMO_AGENT_ID }]);
    expect((await as(cookie, { url: page('live') })).statusCode).toBe(200);
    expect((await as(cookie, { url: '/v1/agents' })).json<AgentList>().map((a) => a.agentId)).toEqual([DEMO_AGENT_ID]);
    expect((await as(cookie, { url: page('live', OTHER) })).statusCode).toBe(403);
    expect((await as(cookie, { url: `/api/agents/${DEMO_AGENT_ID}/history` })).statusCode).toBe(200);
    expect((await as(cookie, { url: `/api/agents/${OTHER}/history` })).statusCode).toBe(403);
  });

  const forbidden: [string, MemberAccess['grants'], Call][] = [
    [
      'viewer: save',
      [{ role: 'viewer' }],
      { method: 'PATCH', url: `${page('sandbox')}/variables`, payload: { variables: { silence_timeout_seconds: 9 } } },
    ],
    [
      'viewer: schema',
      [{ role: 'viewer' }],
      { method: 'PUT', url: `${page('sandbox')}/schema`, payload: { schema: { type: 'object' } } },
    ],
    [
      'sandbox editor: live',
      [{ role: 'editor', clientEnv: 'sandbox' }],
      { method: 'PATCH', url: `${page('live')}/variables`, payload: { variables: { silence_timeout_seconds: 9 } } },
    ],
    [
      'sandbox editor: live schema',
      [{ role: 'editor', clientEnv: 'sandbox' }],
      { method: 'PUT', url: `${page('live')}/schema`, payload: { schema: { type: 'object' } } },
    ],
    [
      'editor of another agent',
      [{ role: 'editor', agentId: OTHER }],
      { method: 'PATCH', url: `${page('sandbox')}/variables`, payload: { variables: { silence_timeout_seconds: 9 } } },
    ],
    [
      'sandbox editor: connector',
      [{ role: 'editor', clientEnv: 'sandbox' }],
      {
        method: 'PATCH',
        url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/conn_hv_live_uk`,
        payload: { variantId: null },
      },
    ],
    [
      'sandbox editor: connector delete',
      [{ role: 'editor', clientEnv: 'sandbox' }],
      { method: 'DELETE', url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/conn_hv_live_uk` },
    ],
    [
      'sandbox editor: number release',
      [{ role: 'editor', clientEnv: 'sandbox' }],
      { method: 'DELETE', url: `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers/+442079460100` },
    ],
    [
      'editor here: move a connector to an agent not granted',
      [{ role: 'editor', agentId: DEMO_AGENT_ID }],
      {
        method: 'PATCH',
        url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/conn_hv_live_uk`,
        payload: { projectId: OTHER },
      },
    ],
    [
      'editor: members',
      [{ role: 'editor' }],
      { method: 'PUT', url: '/api/members/x@example.com', payload: { admin: true, grants: [] } },
    ],
    ['editor: list members', [{ role: 'editor' }], { url: '/api/members' }],
    [
      'editor: settings',
      [{ role: 'editor' }],
      { method: 'PUT', url: '/api/settings/history', payload: { requireNoteForLive: false } },
    ],
  ];

  test.each(forbidden)('%s → 403, nothing written', async (name, grants, call) => {
    const cookie = await member(`${name.replace(/\W+/g, '-')}@example.com`, grants);
    const adminCookie = (await signIn(url, ADMIN)).cookie;
    const snapshot = async () => [
      ...(await Promise.all(
        ['sandbox', 'live'].map(async (env) => (await as(adminCookie, { url: page(env) })).json<ConfigPage>()),
      )),
      (await as(adminCookie, { url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors` })).json(),
      (await as(adminCookie, { url: `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers` })).json(),
      (await as(adminCookie, { url: '/api/members' })).json(),
      (await as(adminCookie, { url: `/api/agents/${DEMO_AGENT_ID}/history` })).json<HistoryPage>().entries.length,
    ];
    const before = await snapshot();
    const response = await as(cookie, call);
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ error_code: 'FORBIDDEN' });
    expect(await snapshot()).toEqual(before);
  });

  test('an editor of sandbox saves there, and the history names them', async () => {
    const cookie = await member('eddie@example.com', [
      { role: 'editor', agentId: DEMO_AGENT_ID, clientEnv: 'sandbox' },
    ]);
    const saved = await as(cookie, {
      method: 'PATCH',
      url: `${page('sandbox')}/variables`,
      payload: { variables: { silence_timeout_seconds: 11 } },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const [entry] = (
      await as(cookie, { url: `/api/agents/${DEMO_AGENT_ID}/history?clientEnv=sandbox` })
    ).json<HistoryPage>().entries;
    expect(entry).toMatchObject({
      author: 'eddie@example.com',
      changes: [{ key: 'silence_timeout_seconds', after: 11 }],
    });
  });

  test('a change of access holds at once, on every replica', async () => {
    const cookie = await member('rita@example.com', [{ role: 'viewer' }]);
    const write = {
      method: 'PATCH',
      url: `${page('sandbox')}/variables`,
      payload: { variables: { silence_timeout_seconds: 12 } },
    } as const;
    expect((await as(cookie, write, replica)).statusCode).toBe(403);
    await member('rita@example.com', [{ role: 'editor', clientEnv: 'sandbox' }]);
    expect((await as(cookie, write, replica)).statusCode).toBe(200);
  });
});
