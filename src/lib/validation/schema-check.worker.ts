/// <reference lib="webworker" />
/** Checks a draft schema (Draft 7 meta-schema, then every environment's values) off the main thread. */
import { ConfigValidator } from '../../../contract/config-validation.ts';
import type { SchemaCheckRequest, SchemaCheckResponse } from './schema-check.ts';

const validator = new ConfigValidator();

self.onmessage = (event: MessageEvent<SchemaCheckRequest>) => {
  const { id, schema, variables } = event.data;
  let response: SchemaCheckResponse;
  try {
    const meta = validator.checkSchema(schema);
    response = meta.ok
      ? {
          id,
          kind: 'checked',
          schemaErrors: [],
          results: Object.fromEntries(
            Object.entries(variables).map(([env, values]) => [env, validator.checkVariables(schema, values)]),
          ),
        }
      : { id, kind: 'checked', schemaErrors: meta.errors, results: {} };
  } catch (error) {
    response = {
      id,
      kind: 'checked',
      schemaErrors: [{ path: '', message: `The schema cannot be used: ${(error as Error).message}` }],
      results: {},
    };
  }
  self.postMessage(response);
};
