/** The schema being edited, kept in this browser so a reload or crash loses nothing. */
export type SchemaDraft = { text: string; baseLastUpdated?: string; savedAt: string };

const keyOf = (agentId: string, env: string) => `switchboard.schema-draft:${agentId}:${env}`;

export function readSchemaDraft(agentId: string, env: string): SchemaDraft | undefined {
  try {
    const draft = JSON.parse(localStorage.getItem(keyOf(agentId, env)) ?? 'null') as SchemaDraft | null;
    return draft && typeof draft.text === 'string' ? draft : undefined;
  } catch {
    return undefined;
  }
}

export function writeSchemaDraft(agentId: string, env: string, text: string, baseLastUpdated: string | undefined) {
  try {
    localStorage.setItem(
      keyOf(agentId, env),
      JSON.stringify({ text, baseLastUpdated, savedAt: new Date().toISOString() } satisfies SchemaDraft),
    );
  } catch {
    // Storage full or blocked: the draft is a safety net, never a reason to fail editing.
  }
}

export function removeSchemaDraft(agentId: string, env: string) {
  try {
    localStorage.removeItem(keyOf(agentId, env));
  } catch {
    // Nothing to clean up if storage is unavailable.
  }
}
