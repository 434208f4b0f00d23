/** Builds the real server on a fresh temporary SQLite file, for API tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { responseSchemas, type ApiErrorBody, type FieldError } from '../../contract/agents-api.ts';
import { buildApp, type AppOptions } from '../app.ts';

export async function createTestApp(options: Partial<AppOptions> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-test-'));
  const dbFile = path.join(dir, 'test.sqlite');
  const app = await buildApp({ dbFile, ...options });
  return {
    app,
    dbFile,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;
const contractAjv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** Asserts a response's status and that its body matches the contract schema it claims to be. */
export function expectContract(
  response: LightMyRequestResponse,
  status: number,
  schemaName: keyof typeof responseSchemas & string,
) {
  expect(response.statusCode, response.body).toBe(status);
  const validate = contractAjv.compile(responseSchemas[schemaName]);
  const body: unknown = response.json();
  expect(validate(body) ? [] : validate.errors).toEqual([]);
  return body;
}

export const fieldErrorsOf = (body: ApiErrorBody): FieldError[] =>
  body.data && 'fieldErrors' in body.data ? body.data.fieldErrors : [];
