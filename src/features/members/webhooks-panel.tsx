import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  WEBHOOK_EVENT_WORDS,
  WEBHOOK_EVENTS,
  type WebhookEvent,
  type WebhookFormat,
} from '../../../contract/webhook-values.ts';
import type { Webhook } from '../../../contract/webhooks.ts';
import { deliveriesQuery, useWebhookActions, webhooksQuery } from '../../api/webhooks.ts';
import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ErrorState, Loading } from '../../components/ui/states.tsx';
import { Timestamp } from '../../components/ui/timestamp.tsx';

const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

/** Admins: webhooks that tell the team (Slack, or any receiver) about change requests and changes to live. */
export function WebhooksPanel() {
  const list = useQuery(webhooksQuery());
  return (
    <section aria-labelledby="webhooks-heading" className="space-y-3">
      <h2 id="webhooks-heading" className="text-lg font-semibold">
        Notifications (webhooks)
      </h2>
      <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-300">
        Switchboard posts the events you choose to each address: its own signed JSON, or a Slack-compatible message with
        the keys that change. A delivery that fails is tried again for about an hour; each one is in the log below.
      </p>
      {list.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : list.error ? (
        <ErrorState title="Webhooks could not be loaded" error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ul className="space-y-3">
          {list.data.webhooks.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} />
          ))}
        </ul>
      )}
      <AddWebhook />
    </section>
  );
}

function WebhookItem({ webhook }: { webhook: Webhook }) {
  const actions = useWebhookActions();
  const [showLog, setShowLog] = useState(false);
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
      <p className="font-mono text-xs [overflow-wrap:anywhere]">{webhook.url}</p>
      <div className="flex flex-wrap gap-1.5">
        <Badge tone="info">{webhook.format === 'slack' ? 'Slack message' : 'Signed JSON'}</Badge>
        {webhook.events.map((event) => (
          <Badge key={event}>{WEBHOOK_EVENT_WORDS[event]}</Badge>
        ))}
      </div>
      <p className="text-slate-600 dark:text-slate-300">
        {webhook.deliveries.delivered} delivered · {webhook.deliveries.pending} waiting · {webhook.deliveries.failed}{' '}
        given up
      </p>
      <div className="flex flex-wrap gap-2">
        <Button disabled={actions.test.isPending} onClick={() => actions.test.mutate(webhook.id)}>
          Send a test
        </Button>
        <Button aria-expanded={showLog} onClick={() => setShowLog(!showLog)}>
          {showLog ? 'Hide' : 'Show'} the delivery log
        </Button>
        <Button variant="danger" disabled={actions.remove.isPending} onClick={() => actions.remove.mutate(webhook.id)}>
          Remove<span className="sr-only"> the webhook to {webhook.url}</span>
        </Button>
      </div>
      {showLog && <DeliveryLog id={webhook.id} />}
    </li>
  );
}

function DeliveryLog({ id }: { id: string }) {
  const log = useQuery(deliveriesQuery(id));
  if (log.isPending) return <Loading label="Loading deliveries…" />;
  if (log.error)
    return (
      <ErrorState title="The delivery log could not be loaded" error={log.error} onRetry={() => void log.refetch()} />
    );
  if (log.data.deliveries.length === 0) return <p className="text-slate-600 dark:text-slate-400">Nothing sent yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Latest deliveries</caption>
        <thead>
          <tr>
            <th className="py-1 pr-3 font-medium">Event</th>
            <th className="py-1 pr-3 font-medium">Outcome</th>
            <th className="py-1 pr-3 font-medium">Attempts</th>
            <th className="py-1 font-medium">Queued</th>
          </tr>
        </thead>
        <tbody>
          {log.data.deliveries.map((delivery) => (
            <tr key={delivery.id} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-3">{delivery.event}</td>
              <td className="py-1 pr-3">
                {delivery.status === 'delivered'
                  ? `Delivered (${delivery.lastStatus})`
                  : delivery.status === 'failed'
                    ? `Given up: ${delivery.lastError ?? 'no answer'}`
                    : delivery.lastError
                      ? `Will try again: ${delivery.lastError}`
                      : 'Waiting'}
              </td>
              <td className="py-1 pr-3">{delivery.attempts}</td>
              <td className="py-1">
                <Timestamp iso={delivery.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AddWebhook() {
  const actions = useWebhookActions();
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('slack');
  const [events, setEvents] = useState<WebhookEvent[]>([
    'request.opened',
    'request.applied',
    'request.break-glass',
    'live.changed-outside',
  ]);
  const [secret, setSecret] = useState<string>();
  return (
    <form
      className="space-y-3 rounded-md border border-dashed border-slate-300 p-3 text-sm dark:border-slate-700"
      onSubmit={(e) => {
        e.preventDefault();
        actions.add.mutate(
          { url: url.trim(), format, events },
          {
            onSuccess: (created) => {
              setSecret(created.secret);
              setUrl('');
            },
          },
        );
      }}
    >
      <h3 className="font-medium">Add a webhook</h3>
      <div className="space-y-1">
        <label htmlFor="webhook-url" className="block">
          Address (https)
        </label>
        <input
          id="webhook-url"
          type="url"
          required
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          className={inputClass}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="webhook-format" className="block">
          Format
        </label>
        <select
          id="webhook-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as WebhookFormat)}
          className={inputClass}
        >
          <option value="slack">Slack-compatible message (incoming webhook)</option>
          <option value="json">Switchboard JSON, signed</option>
        </select>
      </div>
      <fieldset className="space-y-1">
        <legend>Events</legend>
        {WEBHOOK_EVENTS.map((event) => (
          <label key={event} className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={events.includes(event)}
              onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
            />
            {WEBHOOK_EVENT_WORDS[event]}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="primary" disabled={!url.trim() || events.length === 0 || actions.add.isPending}>
        Add webhook
      </Button>
      {actions.add.error && (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Not added: {actions.add.error.message}
        </p>
      )}
      {secret && (
        <p
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          Added. Its signing secret, shown this once (check <code>x-switchboard-signature</code> with it):{' '}
          <code className="[overflow-wrap:anywhere]">{secret}</code>
        </p>
      )}
    </form>
  );
}
