import { useEffect } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { writeDraft } from './drafts.ts';

/** Keeps the draft in step with the edits: shortly after typing stops, and at once when the tab is hidden. */
export function useDraftAutosave(
  agentId: string,
  env: string,
  changes: JsonObject,
  baseLastUpdated: string | undefined,
  schema: JsonObject | undefined,
  paused: boolean,
) {
  useEffect(() => {
    if (paused) return;
    const save = () => writeDraft(agentId, env, changes, baseLastUpdated, schema);
    const timer = setTimeout(save, 300);
    const onHide = () => {
      if (document.visibilityState === 'hidden') save();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [agentId, env, changes, baseLastUpdated, schema, paused]);
}
