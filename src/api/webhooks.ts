/** Webhooks (team mode, admins): where word of changes goes, and how each delivery went. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedWebhook, NewWebhook, WebhookDeliveryList, WebhookList } from '../../contract/webhooks.ts';
import { enc, request } from './http-client.ts';

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
};

export const webhooksQuery = () =>
  queryOptions({
    queryKey: webhookKeys.all,
    queryFn: ({ signal }) => request<WebhookList>('/api/webhooks', { signal }),
  });

export const deliveriesQuery = (id: string) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(id),
    queryFn: ({ signal }) => request<WebhookDeliveryList>(`/api/webhooks/${enc(id)}/deliveries`, { signal }),
    refetchInterval: 5_000,
  });

export function useWebhookActions() {
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
  return {
    add: useMutation({
      mutationFn: (input: NewWebhook) => request<CreatedWebhook>('/api/webhooks', { method: 'POST', body: input }),
      onSettled: settled,
    }),
    remove: useMutation({
      mutationFn: (id: string) => request<void>(`/api/webhooks/${enc(id)}`, { method: 'DELETE' }),
      onSettled: settled,
    }),
    test: useMutation({
      mutationFn: (id: string) => request<{ queued: true }>(`/api/webhooks/${enc(id)}/test`, { method: 'POST' }),
      onSettled: settled,
    }),
  };
}
