/**
 * PATCH merges top-level keys only: a changed nested object is sent whole. For the review, which of its properties
 * change and which are sent again unchanged (so a concurrent edit of a sibling would be overwritten).
 */
import { jsonEqual } from '../../lib/json-equal.ts';
import { isObject } from '../../lib/json-pointer.ts';

export type WholeObjectNote = { changed: string[]; resent: string[] };

export function wholeObjectNote(before: unknown, after: unknown): WholeObjectNote | undefined {
  if (!isObject(before) || !isObject(after)) return undefined;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((key) => !jsonEqual(before[key], after[key]));
  const resent = keys.filter((key) => after[key] !== undefined && jsonEqual(before[key], after[key]));
  return resent.length > 0 ? { changed, resent } : undefined;
}
