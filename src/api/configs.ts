import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { ClientEnv, ConfigPage, ConfigPageList, JsonObject } from '../../contract/agents-api.ts';
import { etagOf } from '../../contract/etag.ts';
import type { WriteMeta } from '../lib/write-outcome.ts';
import { historyHeaders } from './history.ts';
import { enc, request } from './http-client.ts';

export const configKeys = {
  all: ['configs'] as const,
  agent: (agentId: string) => [...configKeys.all, agentId] as const,
  list: (agentId: string) => [...configKeys.agent(agentId), 'list'] as const,
  page: (agentId: string, env: ClientEnv) => [...configKeys.agent(agentId), 'page', env] as const,
};

const base = (agentId: string) => `/v1/agents/${enc(agentId)}/real-time-configs`;

export const getConfigPages = (agentId: string, signal?: AbortSignal) =>
  request<ConfigPageList>(base(agentId), { signal });

export const getConfigPage = (agentId: string, env: ClientEnv, signal?: AbortSignal) =>
  request<ConfigPage>(`${base(agentId)}/${enc(env)}`, { signal });

/** PATCH …/variables, only if the page is still at `basedOn`'s version (else 412 with the current page). Callers use
 * config-writes.ts, which says what happened in every case. */
export const updateVariables = (
  agentId: string,
  env: ClientEnv,
  variables: JsonObject,
  basedOn: ConfigPage,
  meta?: WriteMeta,
) =>
  request<ConfigPage>(`${base(agentId)}/${enc(env)}/variables`, {
    method: 'PATCH',
    body: { variables },
    headers: { 'if-match': etagOf(basedOn), ...historyHeaders(meta) },
  });

/** PUT …/schema, only if the page is still at `basedOn`'s version (else 412 with the current page). */
export const updateSchema = (
  agentId: string,
  env: ClientEnv,
  schema: JsonObject,
  basedOn: ConfigPage,
  meta?: WriteMeta,
) =>
  request<ConfigPage>(`${base(agentId)}/${enc(env)}/schema`, {
    method: 'PUT',
    body: { schema },
    headers: { 'if-match': etagOf(basedOn), ...historyHeaders(meta) },
  });

export const configPagesQuery = (agentId: string) =>
  queryOptions({ queryKey: configKeys.list(agentId), queryFn: ({ signal }) => getConfigPages(agentId, signal) });

/** One page; starts from the list's copy when the list is cached, so moving between editors shows no spinner. */
export const configPageQuery = (queryClient: QueryClient, agentId: string, env: ClientEnv) =>
  queryOptions({
    queryKey: configKeys.page(agentId, env),
    queryFn: ({ signal }) => getConfigPage(agentId, env, signal),
    initialData: () =>
      queryClient.getQueryData(configPagesQuery(agentId).queryKey)?.configPages.find((page) => page.clientEnv === env),
    initialDataUpdatedAt: () => queryClient.getQueryState(configKeys.list(agentId))?.dataUpdatedAt,
  });

/** Stores a page the server just returned in both the page and the list caches: the answer is the new state. */
export function storeConfigPage(queryClient: QueryClient, agentId: string, page: ConfigPage) {
  queryClient.setQueryData<ConfigPage>(configKeys.page(agentId, page.clientEnv), page);
  queryClient.setQueryData(configPagesQuery(agentId).queryKey, (list) =>
    list ? { configPages: list.configPages.map((p) => (p.clientEnv === page.clientEnv ? page : p)) } : list,
  );
}
