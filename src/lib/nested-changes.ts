/**
 * What changed inside a nested value, leaf by leaf, so a review can say "hours.monday.open: 08:00 → 09:00" instead of
 * showing two blobs of JSON to compare by eye.
 */
import { isObject } from './json-pointer.ts';
import { jsonEqual } from './json-equal.ts';

export type LeafChange = { path: string[]; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown };

const isContainer = (value: unknown) => isObject(value) || Array.isArray(value);

/** True when a before/after pair is best shown as leaf changes: both sides are objects, or both arrays. */
export const isNestedPair = (before: unknown, after: unknown) =>
  (isObject(before) && isObject(after)) || (Array.isArray(before) && Array.isArray(after));

export function leafChanges(before: unknown, after: unknown, path: string[] = []): LeafChange[] {
  if (jsonEqual(before, after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (!isNestedPair(before, after) || !isContainer(before)) return [{ path, kind: 'changed', before, after }];
  const keys = Array.isArray(before)
    ? Array.from({ length: Math.max(before.length, (after as unknown[]).length) }, (_, i) => String(i))
    : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])];
  const at = (value: unknown, key: string) => (value as Record<string, unknown>)[key];
  return keys.flatMap((key) => leafChanges(at(before, key), at(after, key), [...path, key]));
}

/** `hours.monday.open`, `holidays[2].date`: a path as people read it. */
export const readablePath = (path: readonly string[]) =>
  path.map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
