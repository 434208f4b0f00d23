import type { ErrorSchema } from '@rjsf/utils';
import type { FieldError, JsonObject } from '../../../contract/agents-api.ts';

/** Field errors as the API reports them (`/key/sub` paths) in the shape rjsf shows on fields. */
export function toErrorSchema(fieldErrors: FieldError[]): ErrorSchema<JsonObject> {
  const root: Record<string, unknown> = {};
  for (const { path, message } of fieldErrors) {
    let node = root;
    for (const segment of path.split('/').filter(Boolean)) {
      node[segment] ??= {};
      node = node[segment] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), message];
  }
  return root as ErrorSchema<JsonObject>;
}
