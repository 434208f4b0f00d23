import type { FieldError, JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';

export type SchemaCheckRequest = { id: number; schema: JsonObject; variables: Record<string, JsonObject> };
export type SchemaCheckResponse =
  | { id: number; kind: 'checked'; schemaErrors: FieldError[]; results: Record<string, VariablesCheck> }
  /** The check ran past its time budget (a huge or pathological schema) and was stopped. */
  | { id: number; kind: 'gave-up' };

/** How long a draft schema may take to check before the worker is stopped and the user told. */
const BUDGET_MS = 3_000;

let worker: Worker | undefined;
let nextId = 0;

/**
 * Checks a draft schema against the Draft 7 meta-schema and, if valid, each environment's stored values. Runs in its own
 * worker with a time budget: a hostile schema costs a terminated worker, never a frozen tab.
 */
export async function checkDraftSchema(
  schema: JsonObject,
  variables: Record<string, JsonObject>,
): Promise<SchemaCheckResponse> {
  const id = nextId++;
  if (typeof Worker === 'undefined') {
    const { ConfigValidator } = await import('../../../contract/config-validation.ts');
    const validator = new ConfigValidator();
    const meta = validator.checkSchema(schema);
    if (!meta.ok) return { id, kind: 'checked', schemaErrors: meta.errors, results: {} };
    return {
      id,
      kind: 'checked',
      schemaErrors: [],
      results: Object.fromEntries(
        Object.entries(variables).map(([env, v]) => [env, validator.checkVariables(schema, v)]),
      ),
    };
  }
  worker ??= new Worker(new URL('./schema-check.worker.ts', import.meta.url), { type: 'module' });
  const current = worker;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      current.terminate();
      if (worker === current) worker = undefined;
      resolve({ id, kind: 'gave-up' });
    }, BUDGET_MS);
    const onMessage = (event: MessageEvent<SchemaCheckResponse>) => {
      if (event.data.id !== id) return;
      clearTimeout(timer);
      current.removeEventListener('message', onMessage);
      resolve(event.data);
    };
    current.addEventListener('message', onMessage);
    current.postMessage({ id, schema, variables } satisfies SchemaCheckRequest);
  });
}
