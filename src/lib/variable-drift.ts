/** How far an agent's environments have drifted apart: shared by the overview's summary and the compare view. */
import type { JsonObject } from '../../contract/agents-api.ts';
import { jsonEqual } from './json-equal.ts';
import { isObject } from './json-pointer.ts';

/** Top-level keys whose values differ between two pages, a key set in only one of them included. */
export function countDifferingKeys(a: JsonObject = {}, b: JsonObject = {}): number {
  let count = 0;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) if (!jsonEqual(a[key], b[key])) count++;
  return count;
}

/** Top-level keys set in `variables` that the schema does not describe (the form has no field for them). */
export const keysOutsideSchema = (schema: JsonObject | undefined, variables: JsonObject = {}) =>
  Object.keys(variables).filter((key) => !isDescribedBySchema(schema, [key]));

/** Whether `path` is a property the schema describes. Levels without `properties` are free-form and allow any key. */
export function isDescribedBySchema(schema: JsonObject | undefined, path: readonly string[]): boolean {
  let node: unknown = schema;
  for (const key of path) {
    const properties = isObject(node) ? node.properties : undefined;
    if (!isObject(properties)) return true;
    if (!(key in properties)) return false;
    node = properties[key];
  }
  return true;
}
