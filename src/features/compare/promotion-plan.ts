/**
 * What a promotion sends. PATCH merges top-level keys only, so a nested path is promoted by sending its whole
 * top-level value: the target's own value with just that path replaced by the source's.
 */
import type { JsonObject } from '../../../contract/agents-api.ts';
import type { PatchPlan } from '../../components/patch-review/patch-review-dialog.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';
import { pathOf, valueAt, withValueAt } from '../../lib/json-pointer.ts';

export type PromotionPlan = PatchPlan;

export function planPromotion(
  pointers: readonly string[],
  source: JsonObject,
  target: JsonObject,
  sourceLabel: string,
): PromotionPlan {
  const patch: JsonObject = {};
  const skipped: PromotionPlan['skipped'] = [];
  // Parents first, so a selected child of a selected parent is already covered by it.
  const ordered = [...pointers].sort((a, b) => pathOf(a).length - pathOf(b).length);
  const covered: string[] = [];
  for (const pointer of ordered) {
    if (covered.some((parent) => pointer.startsWith(`${parent}/`))) continue;
    const path = pathOf(pointer);
    const value = valueAt(source, path);
    const [key] = path;
    if (path.length === 1 && value === undefined) {
      skipped.push({ pointer, reason: `not set in ${sourceLabel}, and a PATCH cannot remove a key` });
      continue;
    }
    covered.push(pointer);
    patch[key] = path.length === 1 ? value : withValueAt(key in patch ? patch[key] : target[key], path.slice(1), value);
  }
  for (const key of Object.keys(patch)) {
    if (jsonEqual(patch[key], target[key])) {
      delete patch[key];
      skipped.push({ pointer: `/${key}`, reason: 'already the same in the target' });
    }
  }
  const before = Object.fromEntries(Object.keys(patch).map((key) => [key, target[key]]));
  return { patch, before, skipped };
}

/** Undoing puts the previous values back; keys the promotion added cannot be removed again (PATCH only merges). */
export function planUndo(before: JsonObject): { patch: JsonObject; kept: string[] } {
  const patch = Object.fromEntries(Object.entries(before).filter(([, value]) => value !== undefined));
  return { patch, kept: Object.keys(before).filter((key) => before[key] === undefined) };
}
