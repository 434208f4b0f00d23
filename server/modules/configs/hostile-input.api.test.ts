// @vitest-environment node
/** Schemas and values that cost far more than their size, or break the contract: a clear 4xx, nothing written, no stall. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiErrorBody, ConfigPage } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract, fieldErrorsOf } from '../../test/test-app.ts';

// Generous for a busy machine (the whole suite runs in parallel); every hostile case below costs many times more.
const BUDGET_MS = 2_000;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ checkBudgetMs: BUDGET_MS });
});
afterAll(() => ctx.close());

const page = (env = 'sandbox') => `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/${env}`;
const putSchema = (schema: unknown, env = 'sandbox') =>
  ctx.app.inject({ method: 'PUT', url: `${page(env)}/schema`, payload: { schema } });
const patch = (variables: unknown, env = 'sandbox') =>
  ctx.app.inject({ method: 'PATCH', url: `${page(env)}/variables`, payload: { variables } });
const rawPatch = (body: string, env = 'sandbox') =>
  ctx.app.inject({
    method: 'PATCH',
    url: `${page(env)}/variables`,
    payload: body,
    headers: { 'content-type': 'application/json' },
  });
const errorOf = (response: Awaited<ReturnType<typeof patch>>, status: number) =>
  expectContract(response, status, 'ApiErrorBody') as ApiErrorBody;

/**
 * Runs `hostile` while a probe reads a page every 10 ms through the same server, and returns the probes' latencies.
 * Before the checks moved off the event loop, one such request held every other for seconds.
 */
async function probeDuring<T>(hostile: () => Promise<T>): Promise<{ result: T; latencies: number[] }> {
  const latencies: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      await ctx.app.inject(page('live'));
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const result = await hostile();
  done = true;
  await probing;
  return { result, latencies };
}

describe('schemas that cost far more than their size', () => {
  const enumOf = (n: number) => ({
    type: 'object',
    properties: { tier: { enum: Array.from({ length: n }, (_, i) => `tier-${i}`) } },
  });
  const patternsOf = (n: number) => ({
    type: 'object',
    patternProperties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`^k${i}_`, { type: 'string' }])),
  });

  test.each([
    ['a 50,000-value enum', enumOf(50_000)],
    ['5,000 patternProperties', patternsOf(5_000)],
  ])(
    '%s is refused as too costly, nothing is written, and other requests are answered meanwhile',
    async (_name, schema) => {
      const before = (await ctx.app.inject(page())).json<ConfigPage>();
      const { result, latencies } = await probeDuring(() => putSchema(schema));
      const body = errorOf(result, 400);
      expect(body.error_code).toBe('REAL_TIME_CONFIG_SCHEMA_TOO_COSTLY');
      expect(body.error_message).toMatch(/too costly/);
      expect((await ctx.app.inject(page())).json<ConfigPage>()).toEqual(before);
      expect(latencies.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...latencies)).toBeLessThan(500);
    },
  );

  test('a backtracking pattern (lookahead, so not RE2) on a hostile value: too costly, refused, nobody stalls', async () => {
    expect(
      (await putSchema({ type: 'object', properties: { code: { type: 'string', pattern: '^(?=a)(a+)+$' } } }, 'live'))
        .statusCode,
    ).toBe(200);
    expect((await patch({ code: 'aaa' }, 'live')).statusCode).toBe(200);
    const { result, latencies } = await probeDuring(() => patch({ code: `${'a'.repeat(40)}!` }, 'live'));
    expect(errorOf(result, 400).error_code).toBe('REAL_TIME_CONFIG_SCHEMA_TOO_COSTLY');
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(500);
  });

  test('a large schema within the budget is saved, and values are checked against it without stalling anyone', async () => {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(
        Array.from({ length: 2_000 }, (_, i) => [`p${i}`, { type: 'string', maxLength: 10 }]),
      ),
    };
    const { result: saved, latencies } = await probeDuring(() => putSchema(schema, 'pre-release'));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect((await patch({ p1: 'ok' }, 'pre-release')).statusCode).toBe(200);
    expect(fieldErrorsOf(errorOf(await patch({ p2: 'far too long' }, 'pre-release'), 400))).toEqual([
      { path: '/p2', message: 'At most 10 characters.' },
    ]);
  });

  test('uniqueItems over 100,000 arrays: too costly to check, refused, and the server stays responsive', async () => {
    expect(
      (await putSchema({ type: 'object', properties: { list: { type: 'array', uniqueItems: true } } }, 'live'))
        .statusCode,
    ).toBe(200);
    const list = Array.from({ length: 100_000 }, (_, i) => [i]);
    const { result, latencies } = await probeDuring(() => patch({ list }, 'live'));
    expect(errorOf(result, 400).error_code).toBe('REAL_TIME_CONFIG_SCHEMA_TOO_COSTLY');
    expect(latencies.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect((await ctx.app.inject(page('live'))).json<ConfigPage>().variables).not.toHaveProperty('list');
    // A short list under the same schema is checked as usual.
    expect((await patch({ list: [[1], [2]] }, 'live')).statusCode).toBe(200);
    expect(fieldErrorsOf(errorOf(await patch({ list: [[1], [1]] }, 'live'), 400))[0].path).toBe('/list');
  });
});

describe('schemas that would break every later request', () => {
  test.each([
    ['a root $ref to itself', { $ref: '#' }, '/$ref'],
    ['allOf of itself', { allOf: [{ $ref: '#' }] }, '/allOf/0/$ref'],
    ['anyOf of itself', { type: 'object', anyOf: [{ $ref: '#' }, { required: ['a'] }] }, '/anyOf/0/$ref'],
    [
      'two definitions that refer to each other',
      {
        definitions: { a: { $ref: '#/definitions/b' }, b: { not: { $ref: '#/definitions/a' } } },
        properties: { x: { $ref: '#/definitions/a' } },
      },
      '/definitions/b/not/$ref',
    ],
  ])('%s is refused when saved, at its path', async (_name, schema, path) => {
    const body = errorOf(await putSchema(schema), 400);
    expect(body.error_code).toBe('REAL_TIME_CONFIG_INVALID_SCHEMA');
    expect(fieldErrorsOf(body)[0]).toMatchObject({ path });
  });

  test('a page whose stored schema is endless (saved before this rule) refuses writes with a 400, never a 500', async () => {
    const db = new Database(ctx.dbFile);
    db.prepare(
      "UPDATE config_pages SET schema_json = ?, version = version + 1 WHERE agent_id = ? AND client_env = 'sandbox'",
    ).run('{"$ref":"#"}', DEMO_AGENT_ID);
    db.close();
    const body = errorOf(await patch({ a: 1 }), 400);
    expect(fieldErrorsOf(body)[0].message).toMatch(/could not be checked/);
    expect((await putSchema({ type: 'object' })).statusCode).toBe(200);
  });

  test.each([
    ['draft-04', 'http://json-schema.org/draft-04/schema#'],
    ['2019-09', 'https://json-schema.org/draft/2019-09/schema'],
    ['2020-12', 'https://json-schema.org/draft/2020-12/schema'],
    ['an unknown URL (never fetched)', 'http://127.0.0.1:9/schema'],
  ])('$schema naming %s is a 400 naming /$schema', async (_name, dialect) => {
    const body = errorOf(await putSchema({ $schema: dialect, type: 'object' }), 400);
    expect(fieldErrorsOf(body)).toEqual([{ path: '/$schema', message: expect.stringMatching(/must be Draft 7/) }]);
  });

  test.each(['http://json-schema.org/draft-07/schema#', 'http://json-schema.org/draft-07/schema'])(
    '$schema %s is accepted',
    async (dialect) => {
      expect((await putSchema({ $schema: dialect, type: 'object' })).statusCode).toBe(200);
    },
  );
});

describe('numbers JSON can write but JavaScript cannot hold', () => {
  beforeAll(async () => {
    expect((await putSchema({ type: 'object', properties: { n: { type: ['number', 'null'] } } })).statusCode).toBe(200);
  });

  test.each([
    ['1e309', '1e309'],
    ['-1e309', '-1e309'],
    ['a 401-digit integer', '1' + '0'.repeat(400)],
  ])('%s is refused, not stored as null', async (_name, literal) => {
    const body = errorOf(await rawPatch(`{"variables":{"n":${literal}}}`), 400);
    expect(body.error_message).toMatch(/'\/variables\/n' is too large/);
    expect((await ctx.app.inject(page())).json<ConfigPage>().variables?.n).not.toBeNull();
  });

  test('an integer a double would round is refused with advice; one a double holds as written is kept', async () => {
    const body = errorOf(await rawPatch('{"variables":{"n":12345678901234567890}}'), 400);
    expect(body.error_message).toMatch(/'\/variables\/n' is beyond ±9007199254740991 .* send it as a string/);
    for (const literal of ['56367316837770570', '1e300', '-9007199254740991', '123.45678901234567']) {
      expect((await rawPatch(`{"variables":{"n":${literal}}}`)).statusCode, literal).toBe(200);
      expect((await ctx.app.inject(page())).json<ConfigPage>().variables?.n).toBe(Number(literal));
    }
  });

  test('a body of 50,000 large integers is read in one pass (each is held exactly as written, so all are kept)', async () => {
    const many = `[${Array.from({ length: 50_000 }, () => '100000000000000000').join(',')}]`;
    expect((await rawPatch(`{"variables":{"many":${many}}}`)).statusCode).toBe(200);
  });
});
