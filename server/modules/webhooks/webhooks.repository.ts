/**
 * Webhooks and their outbox, in Switchboard's own store: an event becomes one delivery row per webhook that wants it,
 * sent by whichever replica claims it first (a conditional update with a lease), one at a time per webhook, retried
 * with backoff, kept as the delivery log (pruned to its newest, and its recent).
 */
import { randomBytes } from 'node:crypto';
import type { NewWebhook, Webhook, WebhookDelivery, WebhookEvent, WebhookFormat } from '../../../contract/webhooks.ts';
import type { GenerationCache } from '../../state/generation.ts';
import type { StateDb } from '../../state/state-store.ts';
import type { StateTables } from '../../state/state-tables.ts';

type DeliveryRow = StateTables['webhook_deliveries'] & { id: number };
export type Claimed = {
  id: number;
  event: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  format: WebhookFormat;
};

/** The delivery log keeps a webhook's newest 50 finished deliveries, for at most 30 days. */
const LOG_SIZE = 50;
const LOG_DAYS = 30;

export function createWebhooksRepository(
  db: StateDb,
  { now = () => new Date(), generation }: { now?: () => Date; generation: GenerationCache },
) {
  async function counts(ids: number[]): Promise<Map<number, Webhook['deliveries']>> {
    const rows = ids.length
      ? await db
          .selectFrom('webhook_deliveries')
          .select(['webhook_id', 'status', (eb) => eb.fn.countAll<number>().as('count')])
          .where('webhook_id', 'in', ids)
          .groupBy(['webhook_id', 'status'])
          .execute()
      : [];
    const byId = new Map<number, Webhook['deliveries']>();
    for (const id of ids) byId.set(id, { delivered: 0, pending: 0, failed: 0 });
    for (const row of rows) byId.get(row.webhook_id)![row.status as keyof Webhook['deliveries']] = Number(row.count);
    return byId;
  }

  return {
    async list(): Promise<Webhook[]> {
      const rows = await db.selectFrom('webhooks').selectAll().orderBy('id').execute();
      const tally = await counts(rows.map((row) => row.id));
      return rows.map((row) => ({
        id: String(row.id),
        url: row.url,
        format: row.format as WebhookFormat,
        events: JSON.parse(row.events_json) as WebhookEvent[],
        createdAt: row.created_at,
        deliveries: tally.get(row.id)!,
      }));
    },

    /** Adds a webhook with a new secret; the secret is answered this once. */
    async add(input: NewWebhook): Promise<{ id: string; secret: string }> {
      const secret = randomBytes(24).toString('hex');
      const { id } = await db
        .insertInto('webhooks')
        .values({
          url: input.url,
          secret,
          format: input.format,
          events_json: JSON.stringify(input.events),
          created_at: now().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await generation.refresh();
      return { id: String(id), secret };
    },

    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('webhooks').where('id', '=', Number(id)).executeTakeFirst();
      await generation.refresh();
      return Number(result.numDeletedRows) > 0;
    },

    async exists(id: string): Promise<boolean> {
      return (
        (await db.selectFrom('webhooks').select('id').where('id', '=', Number(id)).executeTakeFirst()) !== undefined
      );
    },

    /** Queues `body` for every webhook that wants `event` (or only `onlyTo`, for a test delivery). */
    async enqueue(event: WebhookEvent | 'test', body: string, onlyTo?: string): Promise<number> {
      const all = await generation.get('webhook-events', () =>
        db.selectFrom('webhooks').select(['id', 'events_json']).execute(),
      );
      const targets = all.filter((row) =>
        onlyTo ? row.id === Number(onlyTo) : (JSON.parse(row.events_json) as string[]).includes(event),
      );
      if (targets.length === 0) return 0;
      const at = now().toISOString();
      await db
        .insertInto('webhook_deliveries')
        .values(
          targets.map((row) => ({
            webhook_id: row.id,
            event,
            body,
            status: 'pending',
            attempts: 0,
            next_attempt_at: at,
            created_at: at,
          })),
        )
        .execute();
      return targets.length;
    },

    /** Webhooks with a delivery due now that no replica is sending. */
    async dueWebhooks(): Promise<number[]> {
      const at = now().toISOString();
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select('webhook_id')
        .distinct()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', at)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
        .execute();
      return rows.map((row) => row.webhook_id);
    },

    /**
     * Claims the webhook's next due delivery, oldest first, for `leaseMs` (longer than a send may take, so no other
     * replica sends it meanwhile); none while another of its deliveries is being sent (one at a time, in order, per
     * receiver). Undefined when there is nothing to claim, or another replica got it first.
     */
    async claimNext(webhookId: number, leaseMs: number): Promise<Claimed | undefined> {
      const at = now();
      const stamp = at.toISOString();
      const pending = db
        .selectFrom('webhook_deliveries')
        .where('webhook_id', '=', webhookId)
        .where('status', '=', 'pending');
      const sending = await pending.select('id').where('claimed_until', '>=', stamp).limit(1).executeTakeFirst();
      if (sending) return undefined;
      const next = await pending
        .select('id')
        .where('next_attempt_at', '<=', stamp)
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!next) return undefined;
      const result = await db
        .updateTable('webhook_deliveries')
        .set({ claimed_until: new Date(at.getTime() + leaseMs).toISOString() })
        .where('id', '=', next.id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', stamp)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      const row = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.event', 'd.body', 'd.attempts', 'w.url', 'w.secret', 'w.format'])
        .where('d.id', '=', next.id)
        .executeTakeFirst();
      return row && { ...row, format: row.format as WebhookFormat };
    },

    /**
     * The delivery log kept: of a webhook's finished deliveries (delivered or given up), the newest LOG_SIZE and none
     * older than LOG_DAYS; pending ones are never pruned. Returns how many went.
     */
    async prune(webhookId: number): Promise<number> {
      const cutoff = new Date(now().getTime() - LOG_DAYS * 86_400_000).toISOString();
      const kept = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('webhook_id', '=', webhookId)
        .where('status', '!=', 'pending')
        .orderBy('id', 'desc')
        .offset(LOG_SIZE - 1)
        .limit(1)
        .executeTakeFirst();
      const result = await db
        .deleteFrom('webhook_deliveries')
        .where('webhook_id', '=', webhookId)
        .where('status', '!=', 'pending')
        .where((eb) => eb.or([eb('created_at', '<', cutoff), ...(kept ? [eb('id', '<', kept.id)] : [])]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** The outcome of one attempt: delivered, to retry at `retryAt`, or given up (`retryAt` undefined). */
    async attempted(
      id: number,
      outcome: { ok: boolean; status?: number; error?: string; retryAt?: Date },
    ): Promise<void> {
      const at = now().toISOString();
      await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          claimed_until: null,
          last_status: outcome.status ?? null,
          last_error: outcome.error ?? null,
          ...(outcome.ok
            ? { status: 'delivered', delivered_at: at }
            : outcome.retryAt
              ? { next_attempt_at: outcome.retryAt.toISOString() }
              : { status: 'failed' }),
        }))
        .where('id', '=', id)
        .execute();
    },

    /** The newest deliveries of a webhook (its delivery log). */
    async deliveries(webhookId: string): Promise<WebhookDelivery[]> {
      const rows = (await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', Number(webhookId))
        .orderBy('id', 'desc')
        .limit(LOG_SIZE)
        .execute()) as DeliveryRow[];
      return rows.map((row) => ({
        id: String(row.id),
        event: row.event,
        status: row.status as WebhookDelivery['status'],
        attempts: row.attempts,
        createdAt: row.created_at,
        ...(row.last_status !== null && { lastStatus: row.last_status }),
        ...(row.last_error !== null && { lastError: row.last_error }),
        ...(row.delivered_at !== null && { deliveredAt: row.delivered_at }),
        ...(row.status === 'pending' && { nextAttemptAt: row.next_attempt_at }),
      }));
    },
  };
}

export type WebhooksRepository = ReturnType<typeof createWebhooksRepository>;
