import type { JsonObject } from '../../contract/agents-api.ts';
import { ConfigValidator, type SchemaCheck, type VariablesCheck } from '../../contract/config-validation.ts';
import { ApiError } from '../errors.ts';
import { CheckPool, CheckTooCostly, type CheckRequest, type CheckResponse } from './check-pool.ts';

/**
 * A schema that compiled within this long in a worker may be compiled and used on the event loop too (once per schema
 * version, so at most this long a stall). The demo page's 4 kB schema takes 15–30 ms under load.
 */
const CHEAP_COMPILE_MS = 50;
/**
 * Values up to this size (JSON text) are checked on the event loop against such a schema; larger ones in the pool.
 * Together the two bound the worst case here to a few tens of ms: what grows faster than the data (`uniqueItems`
 * over objects is quadratic, each key meets every `patternProperties` pattern) stays small at this size.
 */
const EVENT_LOOP_BYTES = 8 * 1024;

export const tooCostly = (what: string, budgetMs: number) =>
  new ApiError(
    400,
    'REAL_TIME_CONFIG_SCHEMA_TOO_COSTLY',
    `${what} took longer than ${budgetMs / 1000} s, so nothing was written. The schema is too costly to check: ` +
      'look for a very long enum, many patternProperties, or uniqueItems over long arrays of objects.',
  );

/**
 * Where each config check runs. A schema is first compiled in the check pool, which measures it; only a schema that
 * proved cheap is compiled on the event loop, and then only small values are checked there (the common case, at the
 * cost of a function call). Everything else waits for a worker, so no request stalls the server for the others.
 */
export class ConfigChecks {
  private readonly validator = new ConfigValidator();
  /** Schema text → whether it may be used on the event loop (absent: not measured yet in this process). */
  private readonly cheap = new Map<string, boolean>();
  /** A patch's JSON text, made once: it sizes the patch here and carries it to a worker. */
  private readonly patchTexts = new WeakMap<JsonObject, string>();

  constructor(
    private readonly pool: CheckPool,
    readonly budgetMs: number,
  ) {}

  private textOf(patch: JsonObject): string {
    let text = this.patchTexts.get(patch);
    if (text === undefined) this.patchTexts.set(patch, (text = JSON.stringify(patch)));
    return text;
  }

  /** A schema about to be saved: always in the pool, since its cost is unknown until it is compiled. */
  async checkSchema(schemaJson: string): Promise<SchemaCheck> {
    const answer = await this.inPool({ kind: 'schema', schemaJson }, 'Compiling this schema');
    return answer.kind === 'schema' ? answer.check : { ok: true };
  }

  /**
   * The verdict on shallow-merging `patch` into `variables` (which satisfied the schema if `knownValid`), when it can
   * be computed here cheaply; `undefined` when the pool must be asked (see patchInPool).
   */
  patchHere(
    schemaJson: string,
    schema: JsonObject,
    variables: JsonObject,
    pageBytes: number,
    patch: JsonObject,
    knownValid: boolean,
  ): VariablesCheck | undefined {
    if (Object.keys(schema).length === 0) return { valid: true, errors: [] };
    if (this.cheap.get(schemaJson) !== true) return undefined;
    const patchBytes = this.textOf(patch).length;
    if (patchBytes > EVENT_LOOP_BYTES) return undefined;
    if (knownValid && this.validator.patchKeepsValid(schema, patch) === true) return { valid: true, errors: [] };
    if (pageBytes + patchBytes > EVENT_LOOP_BYTES) return undefined;
    return this.validator.checkVariables(schema, { ...variables, ...patch });
  }

  /**
   * The same verdict from the pool, for the values `variablesJson` holds (the page's variables as JSON text).
   * `perKey`: the patch was found valid by its keys alone, so the verdict holds for any valid version of the page
   * under the same schema, not only this one.
   */
  async patchInPool(
    schemaJson: string,
    variablesJson: () => Uint8Array,
    patch: JsonObject,
    knownValid: boolean,
  ): Promise<VariablesCheck & { perKey?: true }> {
    const what = 'Checking these values against the page’s schema';
    if (knownValid) {
      const keys = await this.inPool({ kind: 'keys', schemaJson, patchJson: this.textOf(patch) }, what);
      if (keys.kind === 'keys' && keys.keepsValid === true) return { valid: true, errors: [], perKey: true };
    }
    const page = await this.inPool(
      { kind: 'page', schemaJson, variables: variablesJson(), patchJson: this.textOf(patch) },
      what,
    );
    if (page.kind === 'page') return page.check;
    // The stored schema itself cannot be used (saved elsewhere, or before a rule existed): nothing can satisfy it.
    const errors = page.kind === 'schema' && !page.check.ok ? page.check.errors : [];
    return {
      valid: false,
      errors: errors.map((e) => ({
        path: '',
        message: `the page's schema cannot be used: ${e.path || '(root)'} ${e.message}`,
      })),
    };
  }

  private async inPool(request: CheckRequest, what: string): Promise<CheckResponse> {
    try {
      const answer = await this.pool.run(request);
      if (this.cheap.size >= 200) this.cheap.clear();
      // Each worker measures a schema once; a busy moment can slow one measurement, so one cheap answer is enough.
      if (!this.cheap.get(request.schemaJson)) this.cheap.set(request.schemaJson, answer.compileMs <= CHEAP_COMPILE_MS);
      return answer;
    } catch (error) {
      if (error instanceof CheckTooCostly) {
        this.cheap.set(request.schemaJson, false);
        throw tooCostly(what, this.budgetMs);
      }
      throw error;
    }
  }
}
