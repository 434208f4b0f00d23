/**
 * A validation worker (see check-pool.ts): compiles schemas and checks values off the server's event loop, keeping
 * compiled validators per schema text for as long as it lives. Each answer says how long the schema took to compile
 * here, so the server knows whether it may use that schema on its own thread.
 */
import { parentPort } from 'node:worker_threads';
import type { JsonObject } from '../../contract/agents-api.ts';
import { ConfigValidator } from '../../contract/config-validation.ts';
import { hasBacktrackingPatterns } from '../../contract/pattern-engine.ts';
import type { CheckRequest, CheckResponse } from './check-pool.ts';

const validator = new ConfigValidator();
/** Parsed schemas by text, so the validator's per-object caches hit; and how long each took to compile. */
const schemas = new Map<string, { schema: JsonObject; compileMs: number }>();

function schemaOf(schemaJson: string) {
  let known = schemas.get(schemaJson);
  if (!known) {
    const schema = JSON.parse(schemaJson) as JsonObject;
    const started = performance.now();
    const check = validator.checkSchema(schema);
    // A schema with a pattern only the backtracking engine runs is never cheap, however fast it compiled: its checks
    // must stay where the budget holds.
    known = { schema, compileMs: hasBacktrackingPatterns(schema) ? Infinity : performance.now() - started };
    if (!check.ok) return { ...known, check };
    if (schemas.size >= 50) schemas.delete(schemas.keys().next().value!);
    schemas.set(schemaJson, known);
  }
  return { ...known, check: { ok: true } as const };
}

function answer(request: CheckRequest): CheckResponse {
  const { schema, compileMs, check } = schemaOf(request.schemaJson);
  if (request.kind === 'schema' || !check.ok) return { kind: 'schema', check, compileMs };
  const patch = JSON.parse(request.patchJson) as JsonObject;
  if (request.kind === 'keys') return { kind: 'keys', keepsValid: validator.patchKeepsValid(schema, patch), compileMs };
  const variables = { ...(JSON.parse(new TextDecoder().decode(request.variables)) as JsonObject), ...patch };
  return { kind: 'page', check: validator.checkVariables(schema, variables), compileMs };
}

parentPort!.on('message', ({ id, request }: { id: number; request: CheckRequest }) => {
  try {
    parentPort!.postMessage({ id, response: answer(request) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
// ajv's first compile in a fresh thread pays for its own start (tens of ms): paid here, before any schema is measured.
validator.checkSchema({ type: 'object', properties: { warm: { type: 'string', format: 'date-time', pattern: '^a' } } });
parentPort!.postMessage({ ready: true });
