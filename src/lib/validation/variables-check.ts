import type { JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';

export type CheckRequest = { id: number; schema: JsonObject | undefined; variables: JsonObject };
export type CheckResponse = { id: number; result: VariablesCheck };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, (result: VariablesCheck) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./variables-check.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<CheckResponse>) => {
      pending.get(event.data.id)?.(event.data.result);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

/** Whether `variables` satisfy `schema`, computed in a worker (or in-thread where workers do not exist, as in tests). */
export async function checkVariables(schema: JsonObject | undefined, variables: JsonObject): Promise<VariablesCheck> {
  if (typeof Worker === 'undefined') {
    const { ConfigValidator } = await import('../../../contract/config-validation.ts');
    return new ConfigValidator().checkVariables(schema, variables);
  }
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    getWorker().postMessage({ id, schema, variables } satisfies CheckRequest);
  });
}
