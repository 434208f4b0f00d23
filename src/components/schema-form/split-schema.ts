import type { JsonObject } from '../../../contract/agents-api.ts';

/** Root keywords that relate properties to each other: a schema using them cannot be edited one key at a time. */
const CROSS_PROPERTY = ['dependencies', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'not', 'additionalProperties', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties'];
/** Root keywords each key's own schema keeps, so `$ref`s inside a property still resolve. */
const SHARED = ['$schema', 'definitions', '$defs'];

/**
 * One schema per top-level property (with the root's definitions, and `required` when the root requires it), or
 * undefined when the root schema ties properties together and must be edited whole.
 */
export function splitByTopLevelKey(schema: JsonObject): Map<string, JsonObject> | undefined {
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  if (!properties || CROSS_PROPERTY.some((keyword) => keyword in schema)) return undefined;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const shared = Object.fromEntries(SHARED.filter((keyword) => keyword in schema).map((keyword) => [keyword, schema[keyword]]));
  return new Map(
    Object.entries(properties).map(([key, property]) => [
      key,
      { ...shared, type: 'object', properties: { [key]: property }, ...(required.has(key) ? { required: [key] } : {}) },
    ]),
  );
}
