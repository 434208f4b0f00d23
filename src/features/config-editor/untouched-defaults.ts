/**
 * The form fills schema defaults into nested objects that lack them. When such an object is edited it is sent whole
 * (shallow merge), and those defaults would ride along although nobody chose them. This takes them back out — except
 * where the schema requires the property, since the server would then refuse the object without it.
 */
import type { JsonObject } from '../../../contract/agents-api.ts';
import { isObject } from '../../lib/json-pointer.ts';
import { jsonEqual } from '../../lib/json-equal.ts';

export function withoutUntouchedDefaults(schema: unknown, stored: unknown, shown: unknown, value: unknown): unknown {
  if (!isObject(value) || !isObject(schema) || !isObject(schema.properties)) return value;
  const properties = schema.properties;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const filledIn = !(isObject(stored) && key in stored) && isObject(shown) && key in shown;
    if (filledIn && !required.includes(key) && jsonEqual(shown[key], item)) continue;
    result[key] = withoutUntouchedDefaults(
      properties[key],
      isObject(stored) ? stored[key] : undefined,
      isObject(shown) ? shown[key] : undefined,
      item,
    );
  }
  return result;
}
