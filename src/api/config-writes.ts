/**
 * The one conditional-write protocol for config pages, used by every caller that changes one (the editor's save,
 * promotions and their undo, the schema editor's save and copy; restores and change requests next):
 * - the write is sent once, with `If-Match` on the version the user saw;
 * - a 412 stores the page as it is now and says which top-level keys the other writer changed (and whether the
 *   schema changed), so the caller can rebase or show a conflict — nothing of ours was written;
 * - no answer, or a 5xx, means the write may or may not have landed: the page is read again and the answer says
 *   which (`saved` with `found`, or `failed` with `landed: 'no'`, or `'unknown'` when even the read failed). Nothing
 *   is ever sent again by itself.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ClientEnv, ConfigPage, JsonObject } from '../../contract/agents-api.ts';
import { diffTopLevel } from '../lib/changed-keys.ts';
import { jsonEqual } from '../lib/json-equal.ts';
import { configPageQuery, storeConfigPage, updateSchema, updateVariables } from './configs.ts';
import { ApiError } from './http-client.ts';
import { refreshHistory } from './history.ts';
import type { WriteMeta, WriteOutcome } from '../lib/write-outcome.ts';

export type { WriteMeta, WriteOutcome };

/** The top-level keys whose values differ between two versions of a page. */
function keysChangedBetween(before: ConfigPage, after: ConfigPage): string[] {
  const { changedKeys, clearedKeys } = diffTopLevel(before.variables ?? {}, after.variables ?? {});
  return [...changedKeys, ...clearedKeys];
}

/** The page as the server has it now (one retry), or undefined when even that cannot be read. */
export const readLatestPage = (queryClient: QueryClient, agentId: string, env: ClientEnv) =>
  queryClient
    .fetchQuery({ ...configPageQuery(queryClient, agentId, env), staleTime: 0, retry: 1 })
    .catch(() => undefined);

async function conditionalWrite(
  queryClient: QueryClient,
  agentId: string,
  env: ClientEnv,
  basedOn: ConfigPage,
  send: () => Promise<ConfigPage>,
  holds: (page: ConfigPage) => boolean,
): Promise<WriteOutcome> {
  try {
    const page = await send();
    storeConfigPage(queryClient, agentId, page);
    void refreshHistory(queryClient, agentId);
    return { kind: 'saved', page };
  } catch (error) {
    if (error instanceof ApiError && error.status === 412 && error.currentPage) {
      const current = error.currentPage;
      storeConfigPage(queryClient, agentId, current);
      return {
        kind: 'conflict',
        current,
        theirKeys: keysChangedBetween(basedOn, current),
        schemaChanged: !jsonEqual(basedOn.schema, current.schema),
      };
    }
    if (!(error instanceof ApiError && error.outcomeUnknown)) return { kind: 'failed', error, landed: 'no' };
    void refreshHistory(queryClient, agentId);
    const latest = await readLatestPage(queryClient, agentId, env);
    if (latest && holds(latest)) return { kind: 'saved', page: latest, found: true };
    return { kind: 'failed', error, landed: latest ? 'no' : 'unknown' };
  }
}

/** PATCH …/variables with `variables`, only onto `basedOn`'s version. */
export const writeVariables = (
  queryClient: QueryClient,
  agentId: string,
  env: ClientEnv,
  variables: JsonObject,
  basedOn: ConfigPage,
  meta?: WriteMeta,
) =>
  conditionalWrite(
    queryClient,
    agentId,
    env,
    basedOn,
    () => updateVariables(agentId, env, variables, basedOn, meta),
    (page) => Object.entries(variables).every(([key, value]) => jsonEqual(page.variables?.[key], value)),
  );

/** PUT …/schema, only onto `basedOn`'s version. */
export const writeSchema = (
  queryClient: QueryClient,
  agentId: string,
  env: ClientEnv,
  schema: JsonObject,
  basedOn: ConfigPage,
  meta?: WriteMeta,
) =>
  conditionalWrite(
    queryClient,
    agentId,
    env,
    basedOn,
    () => updateSchema(agentId, env, schema, basedOn, meta),
    (page) => jsonEqual(page.schema, schema),
  );

/** The two writes bound to this agent and the app's query cache. */
export function useConfigWrites(agentId: string) {
  const queryClient = useQueryClient();
  return {
    writeVariables: (env: ClientEnv, variables: JsonObject, basedOn: ConfigPage, meta?: WriteMeta) =>
      writeVariables(queryClient, agentId, env, variables, basedOn, meta),
    writeSchema: (env: ClientEnv, schema: JsonObject, basedOn: ConfigPage, meta?: WriteMeta) =>
      writeSchema(queryClient, agentId, env, schema, basedOn, meta),
    readLatest: (env: ClientEnv) => readLatestPage(queryClient, agentId, env),
  };
}
