import { useRef, useState } from 'react';
import type { ClientEnv, ConfigPage } from '../../../contract/agents-api.ts';
import { useConfigWrites } from '../../api/config-writes.ts';
import { ApiError } from '../../api/http-client.ts';
import type { TopLevelDiff } from '../../lib/changed-keys.ts';
import type { WriteMeta } from '../../lib/write-outcome.ts';
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
 * Saves only the user's changed keys through the one write protocol (config-writes.ts). When someone else wrote in
 * between, their keys are compared with ours: disjoint keys are rebased and sent once more against the new version;
 * the same keys, or a changed schema, stop the save and nothing is sent.
 */
export function useSaveVariables(agentId: string, env: ClientEnv) {
  const writes = useConfigWrites(agentId);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  /** The note of the save being made, kept for its retry. */
  const meta = useRef<WriteMeta>(undefined);

  /** Retry after a failure: checks first whether the earlier attempt landed after all. */
  async function retry(base: ConfigPage, mine: TopLevelDiff): Promise<ConfigPage | undefined> {
    setState({ kind: 'saving' });
    const latest = await writes.readLatest(env);
    if (!latest) {
      setState({ kind: 'failed', error: new ApiError('The server still cannot be reached.', 0, 'NETWORK_ERROR') });
      return undefined;
    }
    if (Object.entries(mine.patch).every(([key, value]) => jsonEqual(latest.variables?.[key], value))) {
      setState({ kind: 'saved', page: latest, sentKeys: mine.changedKeys, theirKeys: [] });
      return latest;
    }
    return save(base, mine, meta.current);
  }

  async function save(base: ConfigPage, mine: TopLevelDiff, why?: WriteMeta): Promise<ConfigPage | undefined> {
    setState({ kind: 'saving' });
    meta.current = why;
    let basedOn = base;
    let theirKeys: string[] = [];
    for (let attempt = 0; attempt < MAX_REBASES; attempt++) {
      const outcome = await writes.writeVariables(env, mine.patch, basedOn, why);
      if (outcome.kind === 'saved') {
        setState({
          kind: 'saved',
          page: outcome.page,
          sentKeys: mine.changedKeys,
          theirKeys: outcome.found ? [] : theirKeys,
        });
        return outcome.page;
      }
      if (outcome.kind === 'failed') {
        // Whether it landed is news only where the answer was lost (the page was read back); a refusal is a refusal.
        const reread = outcome.error instanceof ApiError && outcome.error.outcomeUnknown;
        setState({
          kind: 'failed',
          error: outcome.error,
          landed: reread && outcome.landed === 'no' ? false : undefined,
        });
        return undefined;
      }
      // Their keys since the version the form was loaded from: every conflict on the way names its own.
      theirKeys = [...new Set([...theirKeys, ...outcome.theirKeys])];
      const overlap = theirKeys.filter((key) => key in mine.patch);
      const schemaChanged = !jsonEqual(base.schema, outcome.current.schema);
      if (overlap.length > 0 || schemaChanged) {
        setState({ kind: 'conflict', keys: overlap, schemaChanged, latest: outcome.current });
        return undefined;
      }
      basedOn = outcome.current;
    }
    setState({
      kind: 'failed',
      error: new Error(
        'The page kept changing while saving. Nothing was lost: review the latest values and save again.',
      ),
    });
    return undefined;
  }

  return { state, save, retry, reset: () => setState({ kind: 'idle' }) };
}
