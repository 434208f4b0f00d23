import type { JsonObject } from '../../../contract/agents-api.ts';

/** Unsaved edits kept in this browser: the changed top-level keys, and the page version they were made on. */
export type Draft = { savedAt: string; baseLastUpdated?: string; changes: JsonObject };

const keyOf = (agentId: string, env: string) => `switchboard.draft:${agentId}:${env}`;
/** Keys that look like credentials are never written to browser storage, whatever the schema calls them. */
const SECRET_NAME = /(secret|password|passwd|token|api[-_]?key|credential)/i;

/** Whether a top-level property may hold a secret: by schema (writeOnly, format password) or by name. */
export function isSecretKey(key: string, schema: JsonObject | undefined): boolean {
  const property = (schema?.properties as Record<string, JsonObject> | undefined)?.[key];
  return SECRET_NAME.test(key) || property?.writeOnly === true || property?.format === 'password';
}

export function readDraft(agentId: string, env: string): Draft | undefined {
  try {
    const draft = JSON.parse(localStorage.getItem(keyOf(agentId, env)) ?? 'null') as Draft | null;
    return draft && typeof draft.changes === 'object' && draft.changes !== null ? draft : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the draft (secrets left out), or removes it when nothing is left to keep. */
export function writeDraft(
  agentId: string,
  env: string,
  changes: JsonObject,
  baseLastUpdated: string | undefined,
  schema: JsonObject | undefined,
) {
  const kept = Object.fromEntries(Object.entries(changes).filter(([key]) => !isSecretKey(key, schema)));
  try {
    if (Object.keys(kept).length === 0) localStorage.removeItem(keyOf(agentId, env));
    else
      localStorage.setItem(
        keyOf(agentId, env),
        JSON.stringify({ savedAt: new Date().toISOString(), baseLastUpdated, changes: kept } satisfies Draft),
      );
  } catch {
    // Storage full or blocked: the draft is a safety net, never a reason to fail editing.
  }
}

export function removeDraft(agentId: string, env: string) {
  try {
    localStorage.removeItem(keyOf(agentId, env));
  } catch {
    // Nothing to clean up if storage is unavailable.
  }
}
