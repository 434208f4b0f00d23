import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  BatchUpdateConnectorsBody,
  BatchUpdateConnectorsResponse,
  Connector,
  ConnectorList,
  DeleteConnectorResponse,
  UpdateConnectorBody,
} from '../../contract/agents-api.ts';
import { enc, request } from './http-client.ts';
import { phoneNumberKeys } from './phone-numbers.ts';

export const connectorKeys = {
  all: ['connectors'] as const,
  agent: (agentId: string) => [...connectorKeys.all, agentId] as const,
  list: (agentId: string) => [...connectorKeys.agent(agentId), 'list'] as const,
  detail: (agentId: string, connectorId: string) => [...connectorKeys.agent(agentId), 'detail', connectorId] as const,
};

const base = (agentId: string) => `/v1/agents/${enc(agentId)}/telephony/connectors`;

export const getConnectors = (agentId: string, signal?: AbortSignal) =>
  request<ConnectorList>(base(agentId), { signal });

export const getConnector = (agentId: string, connectorId: string, signal?: AbortSignal) =>
  request<Connector>(`${base(agentId)}/${enc(connectorId)}`, { signal });

/** PATCH with only the fields that change; `variantId: null` unassigns. */
export const updateConnector = (agentId: string, connectorId: string, body: UpdateConnectorBody) =>
  request<Connector>(`${base(agentId)}/${enc(connectorId)}`, { method: 'PATCH', body });

/** Deletes the connector and, with it, every phone number attached to it. */
export const deleteConnector = (agentId: string, connectorId: string) =>
  request<DeleteConnectorResponse>(`${base(agentId)}/${enc(connectorId)}`, { method: 'DELETE' });

/** One request for many connectors; each item succeeds or fails on its own. */
export const batchUpdateConnectors = (agentId: string, body: BatchUpdateConnectorsBody) =>
  request<BatchUpdateConnectorsResponse>(`${base(agentId)}/batch`, { method: 'PATCH', body });

/** Which connector answers an E.164 number. */
export const lookupConnector = (agentId: string, phoneNumber: string) =>
  request<Connector>(`${base(agentId)}/lookup`, { method: 'POST', body: { phoneNumber } });

export const connectorListQuery = (agentId: string) =>
  queryOptions({ queryKey: connectorKeys.list(agentId), queryFn: ({ signal }) => getConnectors(agentId, signal) });

/** One connector; starts from the list's copy when the list is cached. */
export const connectorQuery = (queryClient: QueryClient, agentId: string, connectorId: string) =>
  queryOptions({
    queryKey: connectorKeys.detail(agentId, connectorId),
    queryFn: ({ signal }) => getConnector(agentId, connectorId, signal),
    initialData: () =>
      queryClient
        .getQueryData(connectorListQuery(agentId).queryKey)
        ?.connectors.find((c) => c.connectorId === connectorId),
    initialDataUpdatedAt: () => queryClient.getQueryState(connectorKeys.list(agentId))?.dataUpdatedAt,
  });

/** Stores connectors the server just returned in the detail and list caches: the answers are the new state. */
export function storeConnectors(queryClient: QueryClient, agentId: string, updated: Connector[]) {
  const byId = new Map(updated.map((c) => [c.connectorId, c]));
  for (const connector of updated)
    queryClient.setQueryData(connectorKeys.detail(agentId, connector.connectorId), connector);
  queryClient.setQueryData<ConnectorList>(connectorKeys.list(agentId), (list) =>
    list ? { connectors: list.connectors.map((c) => byId.get(c.connectorId) ?? c) } : list,
  );
}

export function useUpdateConnector(agentId: string, connectorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateConnectorBody) => updateConnector(agentId, connectorId, body),
    onSuccess: (connector) => storeConnectors(queryClient, agentId, [connector]),
  });
}

export function useBatchUpdateConnectors(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BatchUpdateConnectorsBody) => batchUpdateConnectors(agentId, body),
    onSuccess: ({ results }) =>
      storeConnectors(
        queryClient,
        agentId,
        results.flatMap((r) => (r.success && r.data ? [r.data] : [])),
      ),
  });
}

export function useDeleteConnector(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectorId: string) => deleteConnector(agentId, connectorId),
    onSuccess: ({ deletedConnector }) => {
      queryClient.setQueryData<ConnectorList>(connectorKeys.list(agentId), (list) =>
        list ? { connectors: list.connectors.filter((c) => c.connectorId !== deletedConnector) } : list,
      );
      queryClient.removeQueries({ queryKey: connectorKeys.detail(agentId, deletedConnector) });
      // Its numbers went with it.
      return queryClient.invalidateQueries({ queryKey: phoneNumberKeys.agent(agentId) });
    },
  });
}
