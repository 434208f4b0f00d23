import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { configPageQuery, storeConfigPage, useUpdateVariables } from '../../api/configs.ts';
import { ApiError } from '../../api/http-client.ts';
import { diffTopLevel, type TopLevelDiff } from '../../lib/changed-keys.ts';
import { jsonEqual } from '../../lib/json-equal.ts';

/** Rebases after this many concurrent writes in a row stop trying: the page is too busy to save into blindly. */
const MAX_REBASES = 5;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; page: ConfigPage; sentKeys: string[]; theirKeys: string[] }
  | { kind: 'conflict'; keys: string[]; schemaChanged: boolean; latest: ConfigPage }
  /** `landed`: after re-reading the page, whether it holds the user's values (true), not (false), or unknown. */
  | { kind: 'failed'; error: unknown; landed?: boolean };

/**
 * Saves only the user's changed keys, conditionally on the version the form was loaded from (If-Match). When someone
 * else wrote in between (412), their changes are compared key by key: disjoint keys are rebased and sent once more
 * against the new version; the same keys, or a changed schema, stop the save and nothing is sent.
 */
export function useSaveVariables(agentId: string, env: ClientEnv) {
  const queryClient = useQueryClient();
  const update = useUpdateVariables(agentId, env);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  /** The page as the server has it now, or undefined when even that cannot be read. */
  const reread = () =>
    queryClient.fetchQuery({ ...configPageQuery(queryClient, agentId, env), staleTime: 0, retry: 1 }).catch(() => undefined);
  /** If `page` holds the user's values, an earlier attempt landed: report it saved and return the page. */
  const landedIn = (page: ConfigPage | undefined, mine: TopLevelDiff): ConfigPage | undefined => {
    if (!page || !Object.entries(mine.patch).every(([key, value]) => jsonEqual(page.variables?.[key], value))) return undefined;
    setState({ kind: 'saved', page, sentKeys: mine.changedKeys, theirKeys: [] });
    return page;
  };

  /**
   * A write whose answer never came may or may not have been applied: re-read the page and say which. Only a save
   * known not to have landed is offered for retry, so nothing is ever sent twice blindly.
   */
  async function settleUnknown(error: unknown, mine: TopLevelDiff): Promise<ConfigPage | undefined> {
    const latest = await reread();
    const landed = landedIn(latest, mine);
    if (!landed) setState({ kind: 'failed', error, landed: latest ? false : undefined });
    return landed;
  }

  /** Retry after a failure: checks first whether the earlier attempt landed after all. */
  async function retry(base: ConfigPage, mine: TopLevelDiff): Promise<ConfigPage | undefined> {
    setState({ kind: 'saving' });
    const latest = await reread();
    if (!latest) {
      setState({ kind: 'failed', error: new ApiError('The server still cannot be reached.', 0, 'NETWORK_ERROR') });
      return undefined;
    }
    return landedIn(latest, mine) ?? save(base, mine);
  }

  async function save(base: ConfigPage, mine: TopLevelDiff): Promise<ConfigPage | undefined> {
    setState({ kind: 'saving' });
    let basedOn = base;
    let theirKeys: string[] = [];
    try {
      for (let attempt = 0; attempt < MAX_REBASES; attempt++) {
        try {
          const page = await update.mutateAsync({ variables: mine.patch, basedOn });
          setState({ kind: 'saved', page, sentKeys: mine.changedKeys, theirKeys });
          return page;
        } catch (error) {
          const latest = error instanceof ApiError && error.status === 412 ? error.currentPage : undefined;
          if (!latest) throw error;
          storeConfigPage(queryClient, agentId, latest);
          const theirs = diffTopLevel(base.variables ?? {}, latest.variables ?? {});
          theirKeys = [...theirs.changedKeys, ...theirs.clearedKeys];
          const overlap = theirKeys.filter((key) => key in mine.patch);
          const schemaChanged = !jsonEqual(base.schema, latest.schema);
          if (overlap.length > 0 || schemaChanged) {
            setState({ kind: 'conflict', keys: overlap, schemaChanged, latest });
            return undefined;
          }
          basedOn = latest;
        }
      }
      throw new Error('The page kept changing while saving. Nothing was lost: review the latest values and save again.');
    } catch (error) {
      if (error instanceof ApiError && error.outcomeUnknown) return settleUnknown(error, mine);
      setState({ kind: 'failed', error });
      return undefined;
    }
  }

  return { state, save, retry, reset: () => setState({ kind: 'idle' }) };
}
