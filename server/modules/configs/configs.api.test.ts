// @vitest-environment node
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiErrorBody, ConfigPage, ConfigPageList } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract, fieldErrorsOf } from '../../test/test-app.ts';

const pages = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const patch = (env: string, variables: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'PATCH', url: `${pages}/${env}/variables`, payload: { variables }, headers });

describe('real-time config pages', () => {
  test('lists the three environments in order, each with schema, variables and lastUpdated', async () => {
    const body = expectContract(await ctx.app.inject(pages), 200, 'ConfigPageList') as ConfigPageList;
    expect(body.configPages.map((p) => p.clientEnv)).toEqual(['sandbox', 'pre-release', 'live']);
    for (const page of body.configPages) {
      expect(Object.keys(page.schema?.properties as object).length).toBeGreaterThanOrEqual(12);
      expect(page.lastUpdated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  test('seeded environments differ in a few values, as real ones do', async () => {
    const { configPages } = (await ctx.app.inject(pages)).json<ConfigPageList>();
    const [sandbox, , live] = configPages;
    const differing = Object.keys(live.variables!).filter(
      (k) => JSON.stringify(live.variables![k]) !== JSON.stringify(sandbox.variables![k]),
    );
    expect(differing.length).toBeGreaterThanOrEqual(3);
  });

  test('PATCH shallow-merges: untouched keys keep their values, nested objects are replaced whole', async () => {
    const before = (await ctx.app.inject(`${pages}/sandbox`)).json<ConfigPage>();
    const hours = { timezone: 'Europe/Dublin', weekday_open: '09:00', weekday_close: '17:00' };
    const response = await patch('sandbox', { silence_timeout_seconds: 12, business_hours: hours });
    const after = expectContract(response, 200, 'ConfigPage') as ConfigPage;
    expect(after.variables).toEqual({ ...before.variables, silence_timeout_seconds: 12, business_hours: hours });
    expect(Date.parse(after.lastUpdated!)).toBeGreaterThan(Date.parse(before.lastUpdated!));
    expect((await ctx.app.inject(`${pages}/sandbox`)).json<ConfigPage>()).toEqual(after);
  });

  test('a PATCH whose merged result fails the schema is refused with field errors and changes nothing', async () => {
    const before = (await ctx.app.inject(`${pages}/live`)).json<ConfigPage>();
    const response = await patch('live', { silence_timeout_seconds: 99, support_email: 'not-an-email' });
    const body = expectContract(response, 400, 'ApiErrorBody') as ApiErrorBody;
    expect(body.error_code).toBe('REAL_TIME_CONFIG_INVALID_FOR_SCHEMA');
    expect(
      fieldErrorsOf(body)
        .map((e) => e.path)
        .sort(),
    ).toEqual(['/silence_timeout_seconds', '/support_email']);
    expect((await ctx.app.inject(`${pages}/live`)).json<ConfigPage>()).toEqual(before);
  });

  test('after a schema the stored values fail, a PATCH of other keys is refused until the page is valid again', async () => {
    await patch('sandbox', { silence_timeout_seconds: 12 });
    const stricter = {
      type: 'object',
      properties: { silence_timeout_seconds: { type: 'integer', maximum: 10 }, note: { type: 'string' } },
    };
    await ctx.app.inject({ method: 'PUT', url: `${pages}/sandbox/schema`, payload: { schema: stricter } });
    const refused = expectContract(await patch('sandbox', { note: 'hello' }), 400, 'ApiErrorBody') as ApiErrorBody;
    expect(fieldErrorsOf(refused).map((e) => e.path)).toEqual(['/silence_timeout_seconds']);
    expect((await patch('sandbox', { silence_timeout_seconds: 8, note: 'hello' })).statusCode).toBe(200);
    // Valid again: a later bad value is still caught (only the patched keys need checking now).
    expect((await patch('sandbox', { note: 5 })).statusCode).toBe(400);
    expect((await patch('sandbox', { note: 'bye' })).statusCode).toBe(200);
  });

  test('lastUpdated strictly increases even for writes in the same millisecond', async () => {
    const stamps: string[] = [];
    for (let i = 0; i < 5; i++)
      stamps.push((await patch('sandbox', { silence_timeout_seconds: 5 + i })).json<ConfigPage>().lastUpdated!);
    for (let i = 1; i < stamps.length; i++) expect(stamps[i] > stamps[i - 1]).toBe(true);
  });

  test('PUT schema replaces the schema and refuses one that is not Draft 7', async () => {
    const schema = { type: 'object', properties: { greeting_message: { type: 'string' } } };
    const ok = expectContract(
      await ctx.app.inject({ method: 'PUT', url: `${pages}/pre-release/schema`, payload: { schema } }),
      200,
      'ConfigPage',
    ) as ConfigPage;
    expect(ok.schema).toEqual(schema);
    const bad = await ctx.app.inject({
      method: 'PUT',
      url: `${pages}/pre-release/schema`,
      payload: { schema: { type: 'nonsense' } },
    });
    expect((expectContract(bad, 400, 'ApiErrorBody') as ApiErrorBody).error_code).toBe(
      'REAL_TIME_CONFIG_INVALID_SCHEMA',
    );
    expect((await ctx.app.inject(`${pages}/pre-release`)).json<ConfigPage>().schema).toEqual(schema);
  });

  test.each([
    ['unknown environment', 'GET', `${pages}/staging`, undefined, 400, 'REAL_TIME_CONFIG_UNKNOWN_CLIENT_ENVIRONMENT'],
    ['unknown agent', 'GET', '/v1/agents/PROJECT-NOPE/real-time-configs', undefined, 404, 'PROJECT_NOT_FOUND'],
    [
      'unknown agent on write',
      'PATCH',
      '/v1/agents/PROJECT-NOPE/real-time-configs/live/variables',
      { variables: {} },
      404,
      'PROJECT_NOT_FOUND',
    ],
    ['variables not an object', 'PATCH', `${pages}/live/variables`, { variables: [1] }, 400, 'INVALID_REQUEST'],
    ['missing variables', 'PATCH', `${pages}/live/variables`, { vars: {} }, 400, 'INVALID_REQUEST'],
    ['schema not an object', 'PUT', `${pages}/live/schema`, { schema: 'x' }, 400, 'INVALID_REQUEST'],
  ] as const)('%s → %i %s, in the error envelope', async (_name, method, url, payload, status, code) => {
    const response = await ctx.app.inject({ method, url, payload });
    const body = expectContract(response, status, 'ApiErrorBody') as ApiErrorBody;
    expect(body.error_code).toBe(code);
    expect(body.error_id).toBe(response.headers['x-polyai-correlation-id']);
  });

  test('malformed JSON and non-JSON bodies are refused without a 500', async () => {
    const url = `${pages}/sandbox/variables`;
    const malformed = await ctx.app.inject({
      method: 'PATCH',
      url,
      payload: '{"variables":',
      headers: { 'content-type': 'application/json' },
    });
    expect((expectContract(malformed, 400, 'ApiErrorBody') as ApiErrorBody).error_code).toBe('INVALID_JSON');
    const text = await ctx.app.inject({
      method: 'PATCH',
      url,
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect((expectContract(text, 415, 'ApiErrorBody') as ApiErrorBody).error_code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
