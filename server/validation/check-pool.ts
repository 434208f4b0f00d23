import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SchemaCheck, VariablesCheck } from '../../contract/config-validation.ts';

/**
 * What a worker is asked: a schema alone; whether a patch keeps a valid page valid (per key); or a whole page.
 * Values travel as JSON text: a string crosses to a worker as one copy, where a large object is cloned piece by piece
 * on the event loop (13 ms for 100,000 small arrays).
 */
export type CheckRequest =
  | { kind: 'schema'; schemaJson: string }
  | { kind: 'keys'; schemaJson: string; patchJson: string }
  | { kind: 'page'; schemaJson: string; variables: Uint8Array; patchJson: string };

/** `compileMs`: how long the schema took to compile in the worker (the first time it saw it). */
export type CheckResponse =
  | { kind: 'schema'; check: SchemaCheck; compileMs: number }
  | { kind: 'keys'; keepsValid: boolean | undefined; compileMs: number }
  | { kind: 'page'; check: VariablesCheck; compileMs: number };

/** The check did not finish within the budget: its worker was stopped. */
export class CheckTooCostly extends Error {}

type Task = { request: CheckRequest; resolve: (response: CheckResponse) => void; reject: (error: Error) => void };
/** A worker, whether it has loaded (its budget must not pay for its start), and the check it runs. */
type Slot = {
  worker: Worker;
  ready: boolean;
  started: Promise<void>;
  task?: Task & { id: number; timer: NodeJS.Timeout };
};

// The server runs TypeScript through tsx, and a worker does not inherit its loader: the worker's entry loads tsx's
// API and imports the worker module through it (the same in vitest, which runs the server without tsx). Paths come
// from the file system, not import.meta.url, which vitest's jsdom environment gives as an http URL.
const tsxApi = pathToFileURL(
  path.join(path.dirname(createRequire(import.meta.filename).resolve('tsx/package.json')), 'dist/esm/api/index.mjs'),
).href;
const workerModule = pathToFileURL(path.join(import.meta.dirname, 'check-worker.ts')).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(workerModule)}, ${JSON.stringify(workerModule)}))`;

/**
 * Schema compilation and validation that could take long, run off the event loop so that one request never stalls
 * the others: some schemas cost far more than their size (a 50,000-value `enum`, thousands of `patternProperties`,
 * `uniqueItems` over a long array of objects). Each check gets `budgetMs` of a worker's time once it starts; past it
 * the worker is stopped (a synchronous ajv call cannot be interrupted any other way) and replaced, and the check fails
 * with CheckTooCostly. Workers start on first use, or all at once with warm().
 */
export class CheckPool {
  private readonly slots: (Slot | undefined)[];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: { size: number; budgetMs: number }) {
    this.slots = Array.from({ length: options.size }, () => undefined);
  }

  run(request: CheckRequest): Promise<CheckResponse> {
    if (this.closed) return Promise.reject(new Error('The check pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts every worker now, so the first checks after a start do not wait for one (a listening server calls this). */
  warm() {
    for (let i = 0; i < this.slots.length; i++) this.slots[i] ??= this.spawn(i);
  }

  /** Resolves once every worker has started (a server is ready when its checks can run without waiting for one). */
  async ready(): Promise<void> {
    this.warm();
    await Promise.all(this.slots.map((slot) => slot?.started));
  }

  async close() {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('The server is shutting down'));
    await Promise.all(this.slots.map((slot) => slot?.worker.terminate()));
  }

  private dispatch() {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      const slot = (this.slots[i] ??= this.spawn(i));
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      const timer = setTimeout(
        () => this.abandon(i, new CheckTooCostly(`took longer than ${this.options.budgetMs} ms`)),
        this.options.budgetMs,
      );
      slot.task = { ...task, id, timer };
      slot.worker.postMessage({ id, request: task.request });
    }
  }

  private spawn(index: number): Slot {
    const worker = new Worker(bootstrap, { eval: true });
    let started!: () => void;
    let failed!: (error: Error) => void;
    const slot: Slot = {
      worker,
      ready: false,
      started: new Promise<void>((resolve, reject) => ((started = resolve), (failed = reject))),
    };
    // Nobody may be waiting for it: a failure to start is reported through the checks that needed the worker.
    slot.started.catch(() => undefined);
    worker.on('error', (error) => failed(error));
    worker.on('exit', () => failed(new Error('The check worker stopped before it started')));
    worker.on('message', (message: { ready?: true; id: number; response?: CheckResponse; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        started();
        return this.dispatch();
      }
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      clearTimeout(task.timer);
      slot.task = undefined;
      if (message.response) task.resolve(message.response);
      else task.reject(new Error(message.error));
      this.dispatch();
    });
    worker.on('error', (error) => this.abandon(index, error));
    // A worker that dies (out of memory, say) takes only its own check with it.
    worker.on('exit', () => {
      if (this.slots[index]?.worker === worker) this.abandon(index, new Error('The check worker stopped'));
    });
    return slot;
  }

  /**
   * Fails the slot's check, stops its worker and lets the next check start on a fresh one. A worker that failed
   * before it was ready would fail again: then every waiting check fails with it, instead of respawning forever.
   */
  private abandon(index: number, error: Error) {
    const slot = this.slots[index];
    if (!slot) return;
    this.slots[index] = undefined;
    if (slot.task) {
      clearTimeout(slot.task.timer);
      slot.task.reject(error);
    }
    void slot.worker.terminate();
    if (!slot.ready) {
      for (const task of this.queue.splice(0))
        task.reject(new Error(`The check worker could not start: ${error.message}`));
    } else if (!this.closed) {
      this.dispatch();
    }
  }
}
