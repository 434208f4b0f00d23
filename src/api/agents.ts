import { queryOptions } from '@tanstack/react-query';
import type { AgentList } from '../../contract/agents-api.ts';
import { request } from './http-client.ts';

export const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
};

export const getAgents = (signal?: AbortSignal) => request<AgentList>('/v1/agents', { signal });

export const agentListQuery = () => queryOptions({ queryKey: agentKeys.list(), queryFn: ({ signal }) => getAgents(signal) });
