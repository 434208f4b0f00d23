import { useCallback, useEffect, useRef } from 'react';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { writeDraft } from './drafts.ts';

/**
 * Keeps the draft in step with the edits: shortly after typing stops, and at once when the tab is hidden. Returns
 * `cancel`, for a save or discard: a write still pending from before must not bring the old draft back.
 */
export function useDraftAutosave(
  agentId: string,
  env: string,
  changes: JsonObject,
  baseLastUpdated: string | undefined,
  schema: JsonObject | undefined,
  paused: boolean,
) {
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (paused) return;
    const save = () => writeDraft(agentId, env, changes, baseLastUpdated, schema);
    timer.current = setTimeout(save, 300);
    const onHide = () => {
      if (document.visibilityState === 'hidden') save();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      clearTimeout(timer.current);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [agentId, env, changes, baseLastUpdated, schema, paused]);
  return useCallback(() => clearTimeout(timer.current), []);
}
