import type { JsonObject } from '../../../contract/agents-api.ts';

export type Choice = 'mine' | 'theirs';

/**
 * The draft after a conflict is decided: the server's latest values (with defaults, as the form shows them), then
 * every edit of this user on top — except the keys where they chose the other writer's value. An emptied key stays
 * emptied, so it must still be resolved before saving.
 */
export function resolveDraft(
  latest: JsonObject,
  mine: JsonObject,
  emptied: readonly string[],
  choices: Record<string, Choice>,
): JsonObject {
  const draft: JsonObject = { ...latest };
  for (const [key, value] of Object.entries(mine)) if (choices[key] !== 'theirs') draft[key] = value;
  for (const key of emptied) if (choices[key] !== 'theirs') delete draft[key];
  return draft;
}
