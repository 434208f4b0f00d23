import type { RJSFSchema } from '@rjsf/utils';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { isObject } from '../../lib/json-pointer.ts';
import { formValidator } from './schema-form.tsx';
import { schemaOfKey } from './split-schema.ts';

/** Keywords whose effect on null only the validator can judge. */
const COMPOSED = ['$ref', 'anyOf', 'oneOf', 'allOf', 'not', 'if'];

/**
 * Whether the schema lets top-level `key` be null — the only way to clear a key, since PATCH cannot remove one.
 * `type`, `enum` and `const` answer it directly (each section asks as it mounts, so this must be cheap); anything
 * composed (`$ref`, `anyOf`…) is asked of the validator itself.
 */
export function acceptsNull(schema: JsonObject, key: string): boolean {
  const property = (schema.properties as Record<string, unknown> | undefined)?.[key];
  if (isObject(property) && !COMPOSED.some((keyword) => keyword in property)) {
    if ('const' in property) return property.const === null;
    if (Array.isArray(property.enum)) return property.enum.includes(null);
    if (property.type !== undefined) return [property.type].flat().includes('null');
  }
  const own = schemaOfKey(schema, key) as RJSFSchema;
  return formValidator.isValid(own, { [key]: null }, own);
}
