/** What a draft schema would do to the values already stored: which keys fail and why, which it no longer knows. */
import type { JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';
import { pathOf } from '../../lib/json-pointer.ts';
import { keysOutsideSchema } from '../../lib/variable-drift.ts';

export type BlastRadius = {
  /** Stored keys whose values the draft refuses, with each reason. */
  failing: { key: string; reasons: string[] }[];
  /** Stored keys the draft has no property for (the form will not show them). */
  outside: string[];
  /** Keys the draft requires that are not stored. */
  missingRequired: string[];
};

export const isHarmless = (radius: BlastRadius) =>
  radius.failing.length === 0 && radius.outside.length === 0 && radius.missingRequired.length === 0;

export function blastRadius(schema: JsonObject, variables: JsonObject, check: VariablesCheck): BlastRadius {
  const required = Array.isArray(schema.required)
    ? schema.required.filter((k): k is string => typeof k === 'string')
    : [];
  const missingRequired = required.filter((key) => variables[key] === undefined);
  const outside = keysOutsideSchema(schema, variables);
  const byKey = new Map<string, string[]>();
  for (const error of check.errors) {
    const [key = '(root)'] = pathOf(error.path);
    // Reported on their own: a missing required key, and a key the schema does not allow (listed as unknown).
    if (missingRequired.includes(key) && pathOf(error.path).length === 1) continue;
    const inner = pathOf(error.path).slice(1).join('.');
    const reason = inner ? `${inner}: ${error.message}` : error.message;
    byKey.set(key, [...(byKey.get(key) ?? []), reason]);
  }
  return { failing: [...byKey].map(([key, reasons]) => ({ key, reasons })), outside, missingRequired };
}
