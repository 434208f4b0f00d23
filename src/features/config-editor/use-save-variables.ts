import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { configPageQuery, useUpdateVariables } from '../../api/configs.ts';
import { diffTopLevel, type TopLevelDiff } from '../../lib/changed-keys.ts';
import { jsonEqual } from '../../lib/json-equal.ts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; page: ConfigPage; sentKeys: string[]; theirKeys: string[] }
  | { kind: 'conflict'; keys: string[]; schemaChanged: boolean; latest: ConfigPage }
  | { kind: 'failed'; error: unknown };

/**
 * Saves only the user's changed keys, after re-reading the page: if someone else changed the same keys (or the
 * schema) since the form was loaded, nothing is sent and the conflict is reported instead.
 */
export function useSaveVariables(agentId: string, env: ClientEnv) {
  const queryClient = useQueryClient();
  const update = useUpdateVariables(agentId, env);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });

  async function save(base: ConfigPage, mine: TopLevelDiff): Promise<ConfigPage | undefined> {
    setState({ kind: 'saving' });
    try {
      const latest = await queryClient.fetchQuery({ ...configPageQuery(queryClient, agentId, env), staleTime: 0 });
      const theirs = diffTopLevel(base.variables ?? {}, latest.variables ?? {});
      const theirChanged = [...theirs.changedKeys, ...theirs.clearedKeys];
      const overlap = theirChanged.filter((key) => key in mine.patch);
      const schemaChanged = !jsonEqual(base.schema, latest.schema);
      if (overlap.length > 0 || schemaChanged) {
        setState({ kind: 'conflict', keys: overlap, schemaChanged, latest });
        return undefined;
      }
      const page = await update.mutateAsync(mine.patch);
      setState({ kind: 'saved', page, sentKeys: mine.changedKeys, theirKeys: theirChanged });
      return page;
    } catch (error) {
      setState({ kind: 'failed', error });
      return undefined;
    }
  }

  return { state, save, reset: () => setState({ kind: 'idle' }) };
}
