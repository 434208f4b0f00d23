// @vitest-environment node
/**
 * Word where the team talks: a webhook receiver started by the test checks what arrives — signed with the webhook's
 * secret, retried after a failure, in Switchboard's JSON and as a Slack message with a readable per-key diff.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { ChangeRequest } from '../../../contract/change-requests.ts';
import type { CreatedWebhook, WebhookDeliveryList, WebhookPayload } from '../../../contract/webhooks.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { freePort } from '../../test/free-port.ts';
import { startTeamApp } from '../../test/team-app.ts';

const ADMIN = 'ada@example.com';
const EDITOR = 'eve@example.com';
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
type Received = { path: string; headers: Record<string, string | string[] | undefined>; body: string };
const received: Received[] = [];
/** Answers 500 to this many requests first (a receiver having a bad moment). */
let failNext = 0;
let receiver: Server;
let receiverUrl: string;
let team: Awaited<ReturnType<typeof startTeamApp>>;

beforeAll(async () => {
  const port = await freePort();
  receiverUrl = `http://127.0.0.1:${port}`;
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (failNext > 0) {
      failNext--;
      res.statusCode = 500;
      return res.end('busy');
    }
    received.push({ path: req.url ?? '', headers: req.headers, body });
    res.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  team = await startTeamApp(inject('postgresUrl'), { admin: ADMIN, options: {} });
  await team.grant(EDITOR, [{ role: 'editor' }]);
}, 30_000);
afterAll(async () => {
  await team?.close();
  receiver?.close();
});

const addWebhook = async (path: string, format: 'json' | 'slack', events: string[]) => {
  const response = await team.as(ADMIN, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url: `${receiverUrl}${path}`, format, events },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CreatedWebhook>();
};
const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(
        `not received within ${ms} ms: ${JSON.stringify(received.map((r) => r.path + ' ' + r.body.slice(0, 120)))}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const verify = (delivery: Received, secret: string) => {
  const expected = `sha256=${createHmac('sha256', secret).update(`${delivery.headers['x-switchboard-timestamp']}.${delivery.body}`).digest('hex')}`;
  expect(delivery.headers['x-switchboard-signature']).toBe(expected);
};

test('a change request’s steps and the change to live arrive signed, with the keys that change', async () => {
  const { secret, webhook } = await addWebhook('/json', 'json', [
    'request.opened',
    'request.approved',
    'request.applied',
    'live.changed',
  ]);
  const slack = await addWebhook('/slack', 'slack', ['live.changed']);
  expect(
    (
      await team.as(ADMIN, {
        method: 'PUT',
        url: '/api/settings/change-policies',
        payload: { policies: [{ clientEnv: 'live', approvals: 1 }] },
      })
    ).statusCode,
  ).toBe(200);
  const page = (await team.as(ADMIN, { url: LIVE })).json<ConfigPage>();
  const opened = await team.as(EDITOR, {
    method: 'POST',
    url: `/api/agents/${DEMO_AGENT_ID}/change-requests`,
    payload: {
      clientEnv: 'live',
      kind: 'variables',
      body: { agent_persona_name: 'Ava <3' },
      baseVersion: page.lastUpdated,
      note: 'Friendlier',
    },
  });
  const request = opened.json<ChangeRequest>();
  await team.as(ADMIN, { method: 'POST', url: `/api/agents/${DEMO_AGENT_ID}/change-requests/${request.id}/approve` });
  await team.as(ADMIN, { method: 'POST', url: `/api/agents/${DEMO_AGENT_ID}/change-requests/${request.id}/apply` });

  const json = () => received.filter((r) => r.path === '/json');
  await until(() => json().length >= 4);
  const events = json().map((r) => JSON.parse(r.body) as WebhookPayload);
  expect(events.map((e) => e.event).sort()).toEqual([
    'live.changed',
    'request.applied',
    'request.approved',
    'request.opened',
  ]);
  for (const delivery of json()) verify(delivery, secret);
  expect(events.find((e) => e.event === 'request.opened')).toMatchObject({
    actor: EDITOR,
    note: 'Friendlier',
    changes: [{ key: 'agent_persona_name', after: 'Ava <3' }],
    request: { id: request.id, url: `${team.url}/agents/${DEMO_AGENT_ID}/change-requests/${request.id}` },
  });
  expect(events.find((e) => e.event === 'live.changed')).toMatchObject({
    actor: ADMIN,
    changes: [{ key: 'agent_persona_name', before: page.variables?.agent_persona_name, after: 'Ava <3' }],
  });

  // Slack: a readable line per key, Slack's markup characters escaped.
  await until(() => received.some((r) => r.path === '/slack'));
  const message = JSON.parse(received.find((r) => r.path === '/slack')!.body) as { text: string };
  expect(message.text).toContain(`• \`agent_persona_name\`: "${page.variables?.agent_persona_name}" → "Ava &lt;3"`);
  expect(message.text).toContain('by ada@example.com');
  expect(slack.webhook.format).toBe('slack');
  const log = (await team.as(ADMIN, { url: `/api/webhooks/${webhook.id}/deliveries` })).json<WebhookDeliveryList>()
    .deliveries;
  expect(log.every((d) => d.status === 'delivered' && d.lastStatus === 200)).toBe(true);
  await team.as(ADMIN, { method: 'PUT', url: '/api/settings/change-policies', payload: { policies: [] } });
});

test('a delivery that fails is tried again, and the log says how it went', async () => {
  const { webhook, secret } = await addWebhook('/retry', 'json', ['live.changed']);
  failNext = 1;
  await team.as(ADMIN, { method: 'POST', url: `/api/webhooks/${webhook.id}/test` });
  await until(() => received.some((r) => r.path === '/retry'));
  verify(
    received.find((r) => r.path === '/retry')!,
    secret,
  );
  const [delivery] = (
    await team.as(ADMIN, { url: `/api/webhooks/${webhook.id}/deliveries` })
  ).json<WebhookDeliveryList>().deliveries;
  expect(delivery).toMatchObject({ event: 'test', status: 'delivered', attempts: 2, lastStatus: 200 });
});

test('webhooks are an admin’s, and go only to https (or this machine)', async () => {
  expect((await team.as(EDITOR, { url: '/api/webhooks' })).statusCode).toBe(403);
  const plain = await team.as(ADMIN, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url: 'http://hooks.example.com/x', format: 'json', events: ['live.changed'] },
  });
  expect(plain.json()).toMatchObject({ error_code: 'WEBHOOK_URL_INVALID' });
  const file = await team.as(ADMIN, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url: 'file:///etc/passwd', format: 'json', events: ['live.changed'] },
  });
  expect(file.statusCode).toBe(400);
});
