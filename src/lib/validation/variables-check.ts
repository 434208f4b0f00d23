import type { JsonObject } from '../../../contract/agents-api.ts';
import type { VariablesCheck } from '../../../contract/config-validation.ts';

export type CheckRequest = { id: number; schema: JsonObject | undefined; variables: JsonObject };
export type CheckResponse = { id: number; result: VariablesCheck };

/**
 * How long one check may take. A pattern that needs backtracking can run for seconds on a hostile value, even in a
 * worker; past this the worker is stopped and the answer is the honest one (as the server does with its own budget).
 */
export const CHECK_BUDGET_MS = 3_000;
export const NOT_CHECKED_IN_TIME = `could not be checked within ${CHECK_BUDGET_MS / 1000} s: the schema is too costly for these values`;

type Pending = { request: CheckRequest; resolve: (result: VariablesCheck) => void };

let worker: Worker | undefined;
let nextId = 0;
/** Checks sent and not answered yet, in the order the worker takes them. */
const pending = new Map<number, Pending>();
let deadline: ReturnType<typeof setTimeout> | undefined;

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./variables-check.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<CheckResponse>) => {
      pending.get(event.data.id)?.resolve(event.data.result);
      pending.delete(event.data.id);
      armDeadline();
    };
  }
  return worker;
}

/** The oldest check has the budget from now; when it runs out, that check fails and the rest go to a fresh worker. */
function armDeadline() {
  clearTimeout(deadline);
  const [oldest] = pending.values();
  if (!oldest) return;
  deadline = setTimeout(() => {
    worker?.terminate();
    worker = undefined;
    pending.delete(oldest.request.id);
    oldest.resolve({ valid: false, errors: [{ path: '', message: NOT_CHECKED_IN_TIME }] });
    for (const { request } of pending.values()) getWorker().postMessage(request);
    armDeadline();
  }, CHECK_BUDGET_MS);
}

/** Whether `variables` satisfy `schema`, computed in a worker (or in-thread where workers do not exist, as in tests). */
export async function checkVariables(schema: JsonObject | undefined, variables: JsonObject): Promise<VariablesCheck> {
  if (typeof Worker === 'undefined') {
    const { ConfigValidator } = await import('../../../contract/config-validation.ts');
    return new ConfigValidator().checkVariables(schema, variables);
  }
  const request: CheckRequest = { id: nextId++, schema, variables };
  return new Promise((resolve) => {
    pending.set(request.id, { request, resolve });
    getWorker().postMessage(request);
    if (pending.size === 1) armDeadline();
  });
}
