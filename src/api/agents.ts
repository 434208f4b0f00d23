import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AgentList } from '../../contract/agents-api.ts';
import { request } from './http-client.ts';

export const agentKeys = {
  all: ['agents'] as const,
  list: () => [...agentKeys.all, 'list'] as const,
};

export const getAgents = (signal?: AbortSignal) => request<AgentList>('/v1/agents', { signal });

export const agentListQuery = () =>
  queryOptions({ queryKey: agentKeys.list(), queryFn: ({ signal }) => getAgents(signal) });

/** An agent's name, from the agent list (undefined until it is loaded, or for an agent the list does not have). */
export const useAgentName = (agentId: string) =>
  useQuery(agentListQuery()).data?.find((agent) => agent.agentId === agentId)?.agentName;
