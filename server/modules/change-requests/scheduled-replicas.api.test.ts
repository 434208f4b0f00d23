// @vitest-environment node
/**
 * A scheduled change with two replicas (two server processes on one Postgres, proxying to an emulator that stands in
 * for PolyAI, signing in through a real identity provider): both look for due changes; it is applied once.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import type { HistoryPage } from '../../../contract/history.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { freePort } from '../../test/free-port.ts';
import { startOidcProvider, type TestProvider } from '../../test/oidc-provider.ts';
import { freshDatabase } from '../../test/postgres.ts';
import { startServerProcess, type ServerProcess } from '../../test/server-process.ts';
import { signIn } from '../../test/sign-in.ts';
import { createTestApp } from '../../test/test-app.ts';

const KEY = 'sk-test-scheduled-0123456789';
const ADMIN = 'ada@example.com';
const EDITOR = 'eve@example.com';
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
const REQUESTS = `/api/agents/${DEMO_AGENT_ID}/change-requests`;
let upstream: Awaited<ReturnType<typeof createTestApp>>;
let provider: TestProvider;
let replicas: ServerProcess[] = [];

beforeAll(async () => {
  upstream = await createTestApp({ requireApiKey: KEY });
  const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  const portA = await freePort();
  const publicUrl = `http://127.0.0.1:${portA}`;
  provider = await startOidcProvider([`${publicUrl}/api/auth/callback`]);
  const env = {
    DATABASE_URL: await freshDatabase(inject('postgresUrl')),
    POLYAI_API_KEY: KEY,
    POLYAI_BASE_URL: baseUrl,
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    PUBLIC_URL: publicUrl,
    ADMIN_EMAILS: ADMIN,
  };
  replicas = await Promise.all([startServerProcess({ ...env, PORT: String(portA) }), startServerProcess(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await provider?.stop();
  await upstream?.close();
});

const call = async (replica: ServerProcess, cookie: string, path: string, method = 'GET', body?: object) => {
  const response = await fetch(replica.url + path, { method, headers: { cookie, ...(body && { 'content-type': 'application/json' }) }, ...(body && { body: JSON.stringify(body) }) });
  return { status: response.status, json: (await response.json()) as unknown };
};

test('a change scheduled through one replica is applied once, whichever replica gets to it', async () => {
  const [a, b] = replicas;
  const admin = (await signIn(a.url, ADMIN)).cookie;
  expect((await call(a, admin, `/api/members/${EDITOR}`, 'PUT', { admin: false, grants: [{ role: 'editor' }] })).status).toBe(200);
  expect((await call(b, admin, '/api/settings/change-policies', 'PUT', { policies: [{ clientEnv: 'live', approvals: 1 }] })).status).toBe(200);
  const editor = (await signIn(a.url, EDITOR)).cookie;
  const page = (await call(b, editor, LIVE)).json as ConfigPage;
  const opened = await call(b, editor, REQUESTS, 'POST', { clientEnv: 'live', kind: 'variables', body: { agent_persona_name: 'Ava (scheduled)' }, baseVersion: page.lastUpdated, note: 'Night change' });
  const request = opened.json as ChangeRequest;
  expect(opened.status).toBe(201);
  expect((await call(a, admin, `${REQUESTS}/${request.id}/approve`, 'POST')).status).toBe(200);
  expect((await call(b, editor, `${REQUESTS}/${request.id}/schedule`, 'PUT', { at: new Date(Date.now() + 1_000).toISOString() })).status).toBe(200);

  // Each replica looks every 5 s.
  let done: ChangeRequest | undefined;
  for (let i = 0; i < 60 && done?.status !== 'applied'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    done = (await call(a, admin, `${REQUESTS}/${request.id}`)).json as ChangeRequest;
  }
  expect(done?.status).toBe('applied');
  expect(done?.events.filter((event) => event.kind === 'applied')).toHaveLength(1);
  expect(done?.events.filter((event) => event.kind === 'failed')).toEqual([]);
  expect((await upstream.app.inject({ url: LIVE, headers: { 'x-api-key': KEY } })).json<ConfigPage>().variables?.agent_persona_name).toBe('Ava (scheduled)');
  const history = (await call(a, admin, `/api/agents/${DEMO_AGENT_ID}/history?clientEnv=live&limit=500`)).json as HistoryPage;
  expect(history.entries.filter((entry) => entry.kind === 'variables' && entry.source === `change-request:${request.id}`)).toMatchObject([{ author: EDITOR }]);
}, 60_000);
