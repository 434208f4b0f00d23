/**
 * What a restore sends. A restore puts recorded values back through the same shallow-merge PATCH as every save: a key
 * that did not exist at that version cannot be removed (the API has no delete), so it is listed as staying — with
 * null offered where the page's schema allows it.
 */
import type { ConfigPage, JsonObject } from '../../../contract/agents-api.ts';
import type { PatchPlan } from '../../components/patch-review/patch-review-dialog.tsx';
import { jsonEqual } from '../../lib/json-equal.ts';

/** The value each key should get back; `undefined`: the key did not exist then. */
export type RestoreTarget = Record<string, unknown>;

export function planRestore(target: RestoreTarget, current: ConfigPage): PatchPlan & { unchanged: string[] } {
  const now = current.variables ?? {};
  const plan: PatchPlan & { unchanged: string[] } = { patch: {}, before: {}, skipped: [], unchanged: [] };
  for (const [key, value] of Object.entries(target)) {
    if (value === undefined) {
      if (!Object.hasOwn(now, key)) plan.unchanged.push(key);
      else
        plan.skipped.push({
          pointer: `/${key}`,
          reason: 'did not exist at that version, and a PATCH cannot remove a key, so it stays',
          nullAllowed: allowsNull(current.schema, key),
        });
    } else if (jsonEqual(now[key], value)) {
      plan.unchanged.push(key);
    } else {
      plan.patch[key] = value;
      plan.before[key] = now[key];
    }
  }
  return plan;
}

/** Whether the schema lets top-level `key` hold null (the merged check before sending is the final word). */
export function allowsNull(schema: JsonObject | undefined, key: string): boolean {
  const property = (schema?.properties as Record<string, unknown> | undefined)?.[key];
  if (property === undefined) return schema?.additionalProperties !== false;
  if (typeof property === 'boolean') return property;
  const { type, enum: choices, const: only } = property as JsonObject;
  if (Array.isArray(choices)) return choices.includes(null);
  if (only !== undefined) return only === null;
  if (type === undefined) return true;
  return type === 'null' || (Array.isArray(type) && type.includes('null'));
}
