import { queryOptions } from '@tanstack/react-query';
import type { ConnectorList } from '../../contract/agents-api.ts';
import { enc, request } from './http-client.ts';

export const connectorKeys = {
  all: ['connectors'] as const,
  list: (agentId: string) => [...connectorKeys.all, agentId, 'list'] as const,
};

export const getConnectors = (agentId: string, signal?: AbortSignal) =>
  request<ConnectorList>(`/v1/agents/${enc(agentId)}/telephony/connectors`, { signal });

export const connectorListQuery = (agentId: string) =>
  queryOptions({ queryKey: connectorKeys.list(agentId), queryFn: ({ signal }) => getConnectors(agentId, signal) });
