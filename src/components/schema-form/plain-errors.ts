/** The form's errors in the contract's words (contract/plain-messages.ts), from the schema the keyword failed in. */
import type { ErrorTransformer } from '@rjsf/utils';
import type { JsonObject } from '../../../contract/agents-api.ts';
import { plainMessage } from '../../../contract/plain-messages.ts';

/** The schema a keyword failed in, from the error's schema path (`#/properties/promo_code/pattern`). */
function failingSchema(root: JsonObject, schemaPath: string | undefined): JsonObject | undefined {
  if (!schemaPath?.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of schemaPath.slice(2).split('/').slice(0, -1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node && typeof node === 'object' ? (node as JsonObject) : undefined;
}

/** The console's error transformer for a form of `root`: each message in words, the list entry named after its field. */
export function plainErrors(root: JsonObject): ErrorTransformer {
  return (errors) =>
    errors.map((error) => {
      const message = plainMessage(
        error.name,
        error.params as Record<string, unknown> | undefined,
        failingSchema(root, error.schemaPath),
      );
      if (!message) return error;
      const field = error.title || error.property?.replace(/^\./, '') || 'This page';
      return { ...error, message, stack: `${field}: ${message}` };
    });
}
