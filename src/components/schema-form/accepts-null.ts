import type { RJSFSchema } from '@rjsf/utils';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { formValidator } from './schema-form.tsx';
import { schemaOfKey } from './split-schema.ts';

/**
 * Whether the schema lets top-level `key` be null — the only way to clear a key, since PATCH cannot remove one. Asked
 * of the validator itself (type unions, enums, $refs, anyOf all count) rather than guessed from `type`.
 */
export function acceptsNull(schema: JsonObject, key: string): boolean {
  const own = schemaOfKey(schema, key) as RJSFSchema;
  return formValidator.isValid(own, { [key]: null }, own);
}
