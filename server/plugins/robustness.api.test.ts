// @vitest-environment node
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ApiErrorBody, ConfigPage } from '../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { createTestApp, expectContract } from '../test/test-app.ts';
import { MAX_JSON_DEPTH } from './json-body.ts';

const page = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const rawPatch = (payload: string, contentType = 'application/json') =>
  ctx.app.inject({ method: 'PATCH', url: `${page}/variables`, payload, headers: { 'content-type': contentType } });

describe('bad input never yields a 500 and never changes state', () => {
  test.each([
    ['__proto__ at the top', '{"variables":{"__proto__":{"polluted":true}}}'],
    ['__proto__ nested deep', '{"variables":{"business_hours":{"x":[{"__proto__":{"polluted":true}}]}}}'],
    ['constructor', '{"variables":{"constructor":{"prototype":{"polluted":true}}}}'],
    ['prototype', '{"variables":{"a":{"prototype":1}}}'],
  ])('refuses a body with %s, and nothing is polluted', async (_name, body) => {
    const before = (await ctx.app.inject(page)).json();
    const response = await rawPatch(body);
    expect((expectContract(response, 400, 'ApiErrorBody') as ApiErrorBody).error_message).toMatch(/is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await ctx.app.inject(page)).json()).toEqual(before);
  });

  test('refuses a property name holding NUL (Postgres, where the history may live, cannot store it)', async () => {
    const before = (await ctx.app.inject(page)).json();
    const response = await rawPatch('{"variables":{"greeting\\u0000message":"x"}}');
    expect((expectContract(response, 400, 'ApiErrorBody') as ApiErrorBody).error_message).toMatch(
      /at '\/variables' holds a NUL character/,
    );
    expect((await ctx.app.inject(page)).json()).toEqual(before);
  });

  test('refuses absurdly deep nesting', async () => {
    const deep = `${'{"a":'.repeat(MAX_JSON_DEPTH + 5)}1${'}'.repeat(MAX_JSON_DEPTH + 5)}`;
    const response = await rawPatch(`{"variables":${deep}}`);
    expect((expectContract(response, 400, 'ApiErrorBody') as ApiErrorBody).error_message).toMatch(/nested deeper/);
    const veryDeep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect((await rawPatch(veryDeep)).statusCode).toBe(400);
  });

  test.each([
    ['empty body', '', 'application/json', 400, 'INVALID_REQUEST'],
    ['truncated JSON', '{"variables":', 'application/json', 400, 'INVALID_JSON'],
    ['a form post', 'variables=1', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['plain text', '{"variables":{}}', 'text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s → %i %s', async (_name, body, type, status, code) => {
    expect((expectContract(await rawPatch(body, type), status, 'ApiErrorBody') as ApiErrorBody).error_code).toBe(code);
  });

  test('a body over 1 MiB is refused with 413', async () => {
    const response = await rawPatch(JSON.stringify({ variables: { greeting_message: 'x'.repeat(1024 * 1024) } }));
    expect((expectContract(response, 413, 'ApiErrorBody') as ApiErrorBody).error_code).toBe('PAYLOAD_TOO_LARGE');
  });

  test.each([
    ['encoded ../ in the agent', `/v1/agents/..%2F..%2Fetc%2Fpasswd/real-time-configs`],
    ['a NUL after the environment', `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/live%00`],
    ['encoded ../ in the environment', `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/..%2Flive`],
    ['a NUL agent', `/v1/agents/%00/telephony/connectors`],
    ['a NUL in a phone number', `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers/%2B44%00`],
    ['a malformed percent escape', `/v1/agents/%E0%A4%A/real-time-configs`],
    ['a 5,000-character agent id', `/v1/agents/${'x'.repeat(5000)}/real-time-configs`],
  ])('path trick (%s) is a clean 4xx', async (_name, url) => {
    const response = await ctx.app.inject(url);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expectContract(response, response.statusCode, 'ApiErrorBody');
  });
});

describe('hostile schemas', () => {
  const putSchema = (schema: unknown) => ctx.app.inject({ method: 'PUT', url: `${page}/schema`, payload: { schema } });

  test('a catastrophic pattern cannot stall validation', async () => {
    expect(
      (await putSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } })).statusCode,
    ).toBe(200);
    const started = performance.now();
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { s: `${'a'.repeat(50_000)}!` } },
    });
    expect(response.statusCode).toBe(400);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('every valid ECMA-262 pattern is accepted and enforced (lookahead, backreferences, Unicode classes)', async () => {
    const schema = {
      type: 'object',
      properties: {
        password: { type: 'string', pattern: '^(?=.*\\d)(?=.*[A-Z]).{8,}$' },
        doubled: { type: 'string', pattern: '^(\\w)\\1$' },
        name: { type: 'string', pattern: '^\\p{Lu}\\p{Ll}+$' },
      },
    };
    expect((await putSchema(schema)).statusCode).toBe(200);
    const write = (variables: object) =>
      ctx.app.inject({ method: 'PATCH', url: `${page}/variables`, payload: { variables } });
    expect((await write({ password: 'Secret123', doubled: 'aa', name: 'Ødegaard' })).statusCode).toBe(200);
    for (const bad of [{ password: 'secret123' }, { doubled: 'ab' }, { name: 'ødegaard' }]) {
      const body = expectContract(await write(bad), 400, 'ApiErrorBody') as ApiErrorBody;
      expect(JSON.stringify(body.data)).toMatch(/Not in the expected form/);
    }
  });

  test('a pattern that is not a regular expression at all is refused at its path', async () => {
    const response = await putSchema({
      type: 'object',
      properties: { promo_code: { type: 'string', pattern: '^(A|B' } },
    });
    const body = expectContract(response, 400, 'ApiErrorBody') as ApiErrorBody;
    expect(body.error_code).toBe('REAL_TIME_CONFIG_INVALID_SCHEMA');
    expect(body.data).toEqual({
      fieldErrors: [
        {
          path: '/properties/promo_code/pattern',
          message: expect.stringMatching(/^is not a valid regular expression/),
        },
      ],
    });
  });

  test('a recursive schema is accepted and enforced', async () => {
    const schema = {
      definitions: {
        menu: {
          type: 'object',
          properties: { label: { type: 'string' }, items: { type: 'array', items: { $ref: '#/definitions/menu' } } },
        },
      },
      type: 'object',
      properties: { ivr: { $ref: '#/definitions/menu' } },
    };
    expect((await putSchema(schema)).statusCode).toBe(200);
    const bad = await ctx.app.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { ivr: { label: 'a', items: [{ label: 1 }] } } },
    });
    expect(bad.statusCode).toBe(400);
    expect((await ctx.app.inject(page)).json<ConfigPage>().schema).toEqual(schema);
  });
});
