// @vitest-environment node
/**
 * Webhooks under two replicas on one Postgres, with real receivers: a slow one (answering just inside the send
 * timeout) gets each delivery exactly once, in order, and holds back no other webhook; the delivery log is pruned.
 */
import { createServer, type Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { CreatedWebhook, WebhookPayload } from '../../../contract/webhooks.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { freePort } from '../../test/free-port.ts';
import { startTeamApp } from '../../test/team-app.ts';

const ADMIN = 'ada@example.com';
const LIVE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live`;
/** The send timeout of these replicas; the slow receiver answers just inside it. */
const SEND_TIMEOUT_MS = 1_000;
const SLOW_MS = 900;
type Arrival = { path: string; delivery: string; summary: string; at: number };
const arrivals: Arrival[] = [];
let receiver: Server;
let receiverUrl: string;
let team: Awaited<ReturnType<typeof startTeamApp>>;
let replica: Awaited<ReturnType<typeof team.replica>>;

beforeAll(async () => {
  const port = await freePort();
  receiverUrl = `http://127.0.0.1:${port}`;
  receiver = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    arrivals.push({
      path: req.url ?? '',
      delivery: String(req.headers['x-switchboard-delivery']),
      summary: (JSON.parse(body) as WebhookPayload).summary,
      at: Date.now(),
    });
    if (req.url === '/slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    res.end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  const webhooks = { everyMs: 50, retryDelaysMs: [100, 100, 100], sendTimeoutMs: SEND_TIMEOUT_MS };
  team = await startTeamApp(inject('postgresUrl'), { admin: ADMIN, options: { team: { webhooks } } });
  replica = await team.replica();
}, 30_000);
afterAll(async () => {
  await replica?.close();
  await team?.close();
  receiver?.close();
});

const addWebhook = async (path: string) => {
  const response = await team.as(ADMIN, {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url: `${receiverUrl}${path}`, format: 'json', events: ['live.changed'] },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CreatedWebhook>();
};
const writeLive = (value: number) =>
  team.as(
    ADMIN,
    { method: 'PATCH', url: `${LIVE}/variables`, payload: { variables: { agent_persona_name: `Ava ${value}` } } },
    value % 2 ? replica : team.app,
  );
const of = (path: string) => arrivals.filter((arrival) => arrival.path === path);
const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(`not within ${ms} ms: ${JSON.stringify(arrivals.map((a) => `${a.path} #${a.delivery}`))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

test('9: a slow receiver gets each delivery once, in order, and no other webhook waits behind it', async () => {
  const slow = await addWebhook('/slow');
  const fast = await addWebhook('/fast');
  const started = Date.now();
  for (let i = 1; i <= 8; i++) expect((await writeLive(20 + i)).statusCode).toBe(200);
  // The fast webhook has all eight while the slow one is still on its first few.
  await until(() => of('/fast').length === 8, 3_000);
  const fastDone = Date.now();
  expect(of('/slow').length).toBeLessThan(5);
  await until(() => of('/slow').length === 8, 8 * SLOW_MS + 5_000);
  // Give a second replica every chance to send one again.
  await new Promise((resolve) => setTimeout(resolve, SEND_TIMEOUT_MS * 2));
  for (const path of ['/slow', '/fast']) {
    const ids = of(path).map((arrival) => Number(arrival.delivery));
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  }
  expect(fastDone - started).toBeLessThan(3_000);
  for (const webhook of [slow, fast])
    await team.as(ADMIN, { method: 'DELETE', url: `/api/webhooks/${webhook.webhook.id}` });
}, 30_000);

test('11: the delivery log keeps a webhook’s newest fifty finished deliveries', async () => {
  const webhook = await addWebhook('/log');
  for (let i = 0; i < 120; i++) expect((await writeLive(100 + i)).statusCode).toBe(200);
  await until(() => of('/log').length === 120, 20_000);
  const client = new pg.Client({ connectionString: team.databaseUrl });
  await client.connect();
  try {
    const count = async () =>
      Number(
        (
          await client.query<{ count: string }>(
            'select count(*) as count from webhook_deliveries where webhook_id = $1',
            [Number(webhook.webhook.id)],
          )
        ).rows[0].count,
      );
    // Pruned once its lane has nothing left to send.
    const end = Date.now() + 5_000;
    while ((await count()) > 50 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await count()).toBe(50);
  } finally {
    await client.end();
  }
  const log = (await team.as(ADMIN, { url: `/api/webhooks/${webhook.webhook.id}/deliveries` })).json<{
    deliveries: { status: string }[];
  }>().deliveries;
  expect(log).toHaveLength(50);
}, 60_000);
