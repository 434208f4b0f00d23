/**
 * Word of changes where the team talks: events become deliveries in the outbox (webhooks.repository.ts); each replica
 * sends the due ones it claims, signed with HMAC-SHA256, retried with backoff, in Switchboard's JSON or as a Slack
 * incoming-webhook message with a readable per-key diff.
 */
import { createHmac } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import {
  CreatedWebhook,
  NewWebhook,
  WEBHOOK_HEADERS,
  WebhookDeliveryList,
  WebhookList,
  type WebhookEvent,
  type WebhookPayload,
} from '../../../contract/webhooks.ts';
import { plural } from '../../../contract/plural.ts';
import { ApiError } from '../../errors.ts';
import { registerPeriodicTask } from '../../plugins/periodic-task.ts';
import type { NewEntry } from '../history/history.repository.ts';
import type { Claimed, WebhooksRepository } from './webhooks.repository.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Waits between attempts; after the last, the delivery is given up (and says so in the log). */
const DEFAULT_RETRY_DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000];
const SEND_TIMEOUT_MS = 10_000;
/** A claimed delivery is held this much longer than a send may take: no other replica sends it meanwhile. */
const LEASE_MARGIN_MS = 5_000;

export type Announce = (event: WebhookEvent, payload: Omit<WebhookPayload, 'event' | 'at'>) => Promise<void>;

/** Queues an event for every webhook that wants it; never throws (word of a change must not undo the change). */
export function createAnnouncer(webhooks: WebhooksRepository, log: FastifyInstance['log']): Announce {
  return async (event, payload) => {
    try {
      await webhooks.enqueue(
        event,
        JSON.stringify({ event, at: new Date().toISOString(), ...payload } satisfies WebhookPayload),
      );
    } catch (error) {
      log.error({ err: error, event }, 'webhooks: an event could not be queued');
    }
  };
}

const short = (value: unknown) => {
  const text = value === undefined ? 'not set' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};
/** Slack's mrkdwn treats these three as markup. */
const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The Slack-compatible message: the summary, who and why, then one line per key, old → new. */
export function slackText(payload: WebhookPayload): string {
  const lines = [`*${escapeSlack(payload.summary)}*`];
  if (payload.actor) lines.push(`by ${escapeSlack(payload.actor)}`);
  if (payload.note) lines.push(`> ${escapeSlack(payload.note).replace(/\n/g, '\n> ')}`);
  for (const change of payload.changes.slice(0, 20))
    lines.push(
      `• \`${escapeSlack(change.key)}\`: ${escapeSlack(short(change.before))} → ${escapeSlack(short(change.after))}`,
    );
  if (payload.changes.length > 20) lines.push(`…and ${payload.changes.length - 20} more`);
  if (payload.schemaChanged) lines.push('• the schema changed');
  if (payload.request) lines.push(`<${payload.request.url}|View the change request>`);
  return lines.join('\n');
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

async function send(delivery: Claimed, timeoutMs: number): Promise<{ ok: boolean; status?: number; error?: string }> {
  const payload = JSON.parse(delivery.body) as WebhookPayload;
  const body = delivery.format === 'slack' ? JSON.stringify({ text: slackText(payload) }) : delivery.body;
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      // Never followed: a redirect could lead the server somewhere the admin did not name.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Switchboard-Webhooks',
        [WEBHOOK_HEADERS.event]: delivery.event,
        [WEBHOOK_HEADERS.delivery]: String(delivery.id),
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: signature(delivery.secret, timestamp, body),
      },
      body,
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok
      ? { ok: true, status: response.status }
      : { ok: false, status: response.status, error: `answered ${response.status}` };
  } catch (error) {
    return {
      ok: false,
      error:
        (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (error as Error).message,
    };
  }
}

export type WebhookOptions = {
  everyMs?: number;
  retryDelaysMs?: number[];
  /** How long a receiver may take to answer (10 s). */ sendTimeoutMs?: number;
};

/**
 * The admin API and the sender. Every replica runs one; each webhook is a lane of its own — its deliveries one at a
 * time, in order, each claimed with a lease longer than a send may take — so a slow or dead receiver holds only its
 * own lane, and no delivery is sent twice.
 */
export function registerWebhooks(app: FastifyInstance, webhooks: WebhooksRepository, options: WebhookOptions = {}) {
  const retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  /** Lanes this replica is sending now, by webhook. */
  const lanes = new Map<number, Promise<void>>();

  async function lane(webhookId: number) {
    for (
      let delivery = await webhooks.claimNext(webhookId, sendTimeoutMs + LEASE_MARGIN_MS);
      delivery;
      delivery = await webhooks.claimNext(webhookId, sendTimeoutMs + LEASE_MARGIN_MS)
    ) {
      const outcome = await send(delivery, sendTimeoutMs);
      const delay = retryDelays[delivery.attempts];
      await webhooks.attempted(delivery.id, {
        ...outcome,
        ...(!outcome.ok && delay !== undefined && { retryAt: new Date(Date.now() + delay) }),
      });
      if (!outcome.ok)
        app.log.warn(
          { delivery: delivery.id, event: delivery.event, error: outcome.error },
          'webhooks: a delivery failed',
        );
    }
    await webhooks.prune(webhookId);
  }

  /** Starts a lane for each webhook with something due and no lane here yet; does not wait for them. */
  async function startLanes() {
    for (const webhookId of await webhooks.dueWebhooks()) {
      if (lanes.has(webhookId)) continue;
      const running = lane(webhookId)
        .catch((error: unknown) => app.log.error({ err: error, webhook: webhookId }, 'webhooks: sending failed'))
        .finally(() => lanes.delete(webhookId));
      lanes.set(webhookId, running);
    }
  }
  registerPeriodicTask(app, {
    everyMs: options.everyMs ?? 1_000,
    task: startLanes,
    what: 'webhooks: sending deliveries',
  });
  // A replica shutting down finishes the sends it started (each within its timeout).
  app.addHook('preClose', async () => {
    await Promise.all(lanes.values());
  });

  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const IdParams = Type.Object({ id: Type.String({ pattern: '^\\d{1,15}$' }) });
  const mustExist = async (id: string) => {
    if (!(await webhooks.exists(id))) throw new ApiError(404, 'WEBHOOK_NOT_FOUND', `There is no webhook ${id}`);
  };

  api.get('/api/webhooks', { schema: { tags: ['webhooks'], response: { 200: WebhookList } } }, async () => ({
    webhooks: await webhooks.list(),
  }));

  api.post(
    '/api/webhooks',
    { schema: { tags: ['webhooks'], body: NewWebhook, response: { 201: CreatedWebhook } } },
    async (req, reply) => {
      let url: URL;
      try {
        url = new URL(req.body.url);
      } catch {
        throw new ApiError(400, 'WEBHOOK_URL_INVALID', 'The webhook address is not a URL');
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
        throw new ApiError(
          400,
          'WEBHOOK_URL_INVALID',
          'A webhook address must use https (plain http only on this machine, for tests)',
        );
      }
      if (url.username || url.password)
        throw new ApiError(400, 'WEBHOOK_URL_INVALID', 'Put no user name or password in the address');
      const { id, secret } = await webhooks.add({ ...req.body, url: url.href });
      req.log.info({ webhook: id, url: url.origin }, 'webhook added');
      return reply.status(201).send({ webhook: (await webhooks.list()).find((webhook) => webhook.id === id)!, secret });
    },
  );

  api.delete('/api/webhooks/:id', { schema: { tags: ['webhooks'], params: IdParams } }, async (req, reply) => {
    if (!(await webhooks.remove(req.params.id)))
      throw new ApiError(404, 'WEBHOOK_NOT_FOUND', `There is no webhook ${req.params.id}`);
    return reply.status(204).send();
  });

  api.get(
    '/api/webhooks/:id/deliveries',
    { schema: { tags: ['webhooks'], params: IdParams, response: { 200: WebhookDeliveryList } } },
    async (req) => {
      await mustExist(req.params.id);
      return { deliveries: await webhooks.deliveries(req.params.id) };
    },
  );

  // Sends a test message to this webhook alone, so the admin sees it arrive (and its delivery in the log).
  api.post('/api/webhooks/:id/test', { schema: { tags: ['webhooks'], params: IdParams } }, async (req) => {
    await mustExist(req.params.id);
    const body: WebhookPayload = {
      event: 'test',
      at: new Date().toISOString(),
      summary: 'Test message from Switchboard',
      agentId: '-',
      actor: req.me?.email,
      changes: [],
    };
    await webhooks.enqueue('test', JSON.stringify(body), req.params.id);
    return { queued: true };
  });
}

const LIVE_WRITES = new Set(['variables', 'schema', 'promotion', 'restore']);

/** What the history tells about each entry, as word of changes to live: through Switchboard, or made elsewhere. */
export function announceLiveChanges(announce: Announce) {
  return (entry: NewEntry, id: string) => {
    if (entry.clientEnv !== 'live' || entry.outcome !== 'applied') return;
    const base = {
      agentId: entry.agentId,
      clientEnv: entry.clientEnv,
      changes: entry.changes,
      ...(entry.schema && { schemaChanged: true }),
      ...(entry.note && { note: entry.note }),
    };
    const what = `${plural(entry.changes.length, 'key', 'keys')}${entry.schema ? (entry.changes.length ? ' and the schema' : '') : ''}`;
    const subject = entry.schema && entry.changes.length === 0 ? 'the schema' : what;
    if (entry.kind === 'external') {
      void announce('live.changed-outside', {
        ...base,
        summary: `Live of ${entry.agentId} changed outside Switchboard: ${subject} (history entry ${id})`,
      });
    } else if (LIVE_WRITES.has(entry.kind)) {
      void announce('live.changed', {
        ...base,
        ...(entry.author && { actor: entry.author }),
        summary: `Live of ${entry.agentId} changed: ${subject} (history entry ${id})`,
      });
    }
  };
}
