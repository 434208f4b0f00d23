import type { JsonObject } from '../../contract/agents-api.ts';
import { jsonEqual } from './json-equal.ts';

export type TopLevelDiff = {
  /** The PATCH body: each top-level key whose value changed, with its whole new value (the API merges shallowly). */
  patch: JsonObject;
  changedKeys: string[];
  /** Keys that had a value and now have none. PATCH cannot remove a key, so these cannot be sent as they are. */
  clearedKeys: string[];
};

/** Compares two variable objects key by key, so a save sends only what this user changed. */
export function diffTopLevel(base: JsonObject, current: JsonObject): TopLevelDiff {
  const patch: JsonObject = {};
  const clearedKeys: string[] = [];
  for (const key of new Set([...Object.keys(base), ...Object.keys(current)])) {
    const before = base[key];
    const after = current[key];
    if (jsonEqual(before, after)) continue;
    if (after === undefined) clearedKeys.push(key);
    else patch[key] = after;
  }
  return { patch, changedKeys: Object.keys(patch), clearedKeys };
}
