/** Switchboard's own history endpoints, and the headers that tell it why a write was made. */
import { infiniteQueryOptions, queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { ClientEnv } from '../../contract/client-envs.ts';
import type { HistoryPage, HistoryQuery, HistorySettings, PageAt } from '../../contract/history.ts';
import { HISTORY_HEADERS } from '../../contract/history-values.ts';
import type { WriteMeta } from '../lib/write-outcome.ts';
import { enc, request } from './http-client.ts';

export const historyKeys = {
  all: ['history'] as const,
  agent: (agentId: string) => [...historyKeys.all, agentId] as const,
  list: (agentId: string, filters: HistoryFilters) => [...historyKeys.agent(agentId), 'list', filters] as const,
  pageAt: (agentId: string, env: ClientEnv, at: string) => [...historyKeys.agent(agentId), 'page-at', env, at] as const,
  settings: ['history-settings'] as const,
};

/** The filters of a history list (everything of HistoryQuery but the paging). */
export type HistoryFilters = Omit<HistoryQuery, 'cursor' | 'limit'>;

const base = (agentId: string) => `/api/agents/${enc(agentId)}/history`;
const PAGE_SIZE = 100;

export const getHistory = (agentId: string, query: HistoryQuery, signal?: AbortSignal) => {
  const search = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  );
  return request<HistoryPage>(`${base(agentId)}?${search}`, { signal });
};

/** An agent's entries, newest first, a page at a time as the list scrolls. */
export const historyQuery = (agentId: string, filters: HistoryFilters) =>
  infiniteQueryOptions({
    queryKey: historyKeys.list(agentId, filters),
    queryFn: ({ pageParam, signal }) =>
      getHistory(agentId, { ...filters, limit: String(PAGE_SIZE), ...(pageParam && { cursor: pageParam }) }, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const pageAtQuery = (agentId: string, env: ClientEnv, at: string) =>
  queryOptions({
    queryKey: historyKeys.pageAt(agentId, env, at),
    queryFn: ({ signal }) =>
      request<PageAt>(`${base(agentId)}/page-at?${new URLSearchParams({ clientEnv: env, at })}`, { signal }),
    staleTime: Infinity,
  });

/** Where an agent's whole history downloads as JSON Lines. */
export const historyExportUrl = (agentId: string) => `${base(agentId)}.jsonl`;

export const historySettingsQuery = () =>
  queryOptions({
    queryKey: historyKeys.settings,
    queryFn: ({ signal }) => request<HistorySettings>('/api/settings/history', { signal }),
  });

/** Whether a write to `env` needs a note (the team's setting; live only). */
export function useNoteRequired(): (env: ClientEnv) => boolean {
  const settings = useQuery(historySettingsQuery()).data;
  return (env) => env === 'live' && settings?.requireNoteForLive === true;
}

export const saveHistorySettings = (settings: HistorySettings) =>
  request<HistorySettings>('/api/settings/history', { method: 'PUT', body: settings });

/** The headers that carry a write's note and kind to the history (never forwarded to PolyAI). */
export function historyHeaders(meta: WriteMeta | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (meta?.note?.trim()) headers[HISTORY_HEADERS.note] = encodeURIComponent(meta.note.trim());
  if (meta?.kind) headers[HISTORY_HEADERS.kind] = meta.kind;
  if (meta?.source) headers[HISTORY_HEADERS.source] = meta.source;
  return headers;
}

/** After a write: the agent's history has a new entry. */
export const refreshHistory = (queryClient: QueryClient, agentId: string) =>
  queryClient.invalidateQueries({ queryKey: historyKeys.agent(agentId) });
