import type { JsonObject } from '../../../contract/agents-api.ts';

/** Root keywords that relate properties to each other: a schema using them cannot be edited one key at a time. */
const CROSS_PROPERTY = [
  'dependencies',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'additionalProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
];
/** Root keywords each key's own schema keeps, so `$ref`s inside a property still resolve. */
const SHARED = ['$schema', 'definitions', '$defs'];

/**
 * One schema per top-level property (with the root's definitions, and `required` when the root requires it), or
 * undefined when the root schema ties properties together and must be edited whole.
 */
export function splitByTopLevelKey(schema: JsonObject): Map<string, JsonObject> | undefined {
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  // `additionalProperties: false` only refuses keys the form never produces; the whole-object check on save still applies it.
  const crossProperty = CROSS_PROPERTY.filter(
    (keyword) => keyword in schema && !(keyword === 'additionalProperties' && schema[keyword] === false),
  );
  if (!properties || crossProperty.length > 0) return undefined;
  return new Map(Object.keys(properties).map((key) => [key, schemaOfKey(schema, key)]));
}

/** The schema of one top-level key as a schema of its own: an object with just that property (and shared definitions). */
export function schemaOfKey(schema: JsonObject, key: string): JsonObject {
  const property = (schema.properties as Record<string, JsonObject> | undefined)?.[key] ?? {};
  const required = Array.isArray(schema.required) && (schema.required as string[]).includes(key);
  const shared = Object.fromEntries(
    SHARED.filter((keyword) => keyword in schema).map((keyword) => [keyword, schema[keyword]]),
  );
  return { ...shared, type: 'object', properties: { [key]: property }, ...(required ? { required: [key] } : {}) };
}
