import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { ConfigValidator } from './config-validation.ts';

const validator = new ConfigValidator();

describe('ConfigValidator', () => {
  test('each pattern is checked against its own expression', () => {
    const schema = {
      type: 'object',
      properties: {
        code: { type: 'string', pattern: '^[A-Z]{3}$' },
        time: { type: 'string', pattern: '^\\d\\d:\\d\\d$' },
      },
    };
    expect(validator.checkVariables(schema, { code: 'ABC', time: '07:30' })).toEqual({ valid: true, errors: [] });
    expect(validator.checkVariables(schema, { code: '07:30', time: 'ABC' }).errors.map((e) => e.path)).toEqual([
      '/code',
      '/time',
    ]);
  });

  test('a catastrophic pattern is matched in linear time', () => {
    const schema = { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } };
    const started = performance.now();
    const result = validator.checkVariables(schema, { s: `${'a'.repeat(30_000)}!` });
    expect(result.valid).toBe(false);
    // Backtracking engines never finish this input; the bound is generous to stay stable on slow machines.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('formats are checked', () => {
    const schema = {
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, at: { type: 'string', format: 'date-time' } },
    };
    expect(validator.checkVariables(schema, { email: 'nope', at: 'yesterday' }).errors.map((e) => e.path)).toEqual([
      '/email',
      '/at',
    ]);
  });

  test.each([
    ['an unknown type', { type: 'nonsense' }],
    ['a pattern that is not a regular expression', { type: 'string', pattern: '(?=a' }],
    ['a dangling $ref', { $ref: '#/definitions/missing' }],
  ])('refuses a schema with %s', (_name, schema) => {
    const check = validator.checkSchema(schema);
    expect(check.ok).toBe(false);
  });

  test('patterns RE2 cannot run (lookahead, backreference) are valid Draft 7: accepted and enforced', () => {
    const schema = {
      type: 'object',
      properties: {
        pin: { type: 'string', pattern: '^(?=.*\\d)\\w{4}$' },
        twice: { type: 'string', pattern: '^(a|b)\\1$' },
      },
    };
    expect(validator.checkSchema(schema)).toEqual({ ok: true });
    expect(validator.checkVariables(schema, { pin: 'ab12', twice: 'bb' })).toEqual({ valid: true, errors: [] });
    expect(validator.checkVariables(schema, { pin: 'abcd', twice: 'ab' }).errors.map((e) => e.path)).toEqual([
      '/pin',
      '/twice',
    ]);
  });

  test('accepts a recursive schema and validates through it', () => {
    const schema = {
      definitions: {
        node: {
          type: 'object',
          properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/definitions/node' } } },
        },
      },
      $ref: '#/definitions/node',
    };
    expect(validator.checkSchema(schema)).toEqual({ ok: true });
    expect(
      validator.checkVariables(schema, { name: 'a', children: [{ name: 'b', children: [{ name: 3 }] }] }).errors,
    ).toEqual([{ path: '/children/0/children/0/name', message: 'Must be text.' }]);
  });

  describe('patchKeepsValid: checking only the patched keys of a valid page', () => {
    const perKey = {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        count: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { $ref: '#/definitions/tag' } },
      },
      patternProperties: { '^x_': { type: 'boolean' } },
      additionalProperties: { type: ['string', 'null'] },
      propertyNames: { maxLength: 8 },
      definitions: { tag: { type: 'string', maxLength: 3 } },
    };
    const key = fc.constantFrom('name', 'count', 'tags', 'x_a', 'x_b', 'other', 'much_too_long');
    const value = fc.constantFrom<unknown>('', 'ab', 'abcd', -1, 0, 3, 1.5, true, null, [], ['ab'], ['abcd'], { a: 1 });
    const variables = fc.dictionary(key, value, { maxKeys: 5 });

    test('agrees with checking the merged page whole, for a root whose keywords are per key', () => {
      const valid = (page: Record<string, unknown>) => validator.checkVariables(perKey, page).valid;
      fc.assert(
        fc.property(variables.filter(valid), variables, (page, patch) => {
          expect(validator.patchKeepsValid(perKey, patch)).toBe(valid({ ...page, ...patch }));
        }),
        { numRuns: 1000 },
      );
    });

    test.each([
      ['dependencies', { dependencies: { a: { properties: { b: { const: 1 } } } } }],
      ['minProperties', { minProperties: 2 }],
      ['allOf', { allOf: [{ properties: { a: { type: 'string' } } }] }],
      ['if / then', { if: { required: ['a'] }, then: { required: ['b'] } }],
      ['a root $ref', { $ref: '#/definitions/page', definitions: { page: { type: 'object' } } }],
    ])('leaves a root with %s to the whole-page check', (_name, schema) => {
      expect(validator.patchKeepsValid(schema, { a: 1 })).toBeUndefined();
    });
  });
});

test('a schema full of unknown formats does not flood the log', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  const validator = new ConfigValidator();
  const schema = {
    type: 'object',
    properties: Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`c${i}`, { type: 'string', format: 'x-house-style' }]),
    ),
  };
  expect(validator.checkSchema(schema)).toEqual({ ok: true });
  expect(validator.checkVariables(schema, { c1: 'anything' }).valid).toBe(true);
  expect(warn).not.toHaveBeenCalled();
  expect(log).not.toHaveBeenCalled();
  warn.mockRestore();
  log.mockRestore();
});

test('a typo in a schema keyword is one error that says what is allowed, not one per meta-schema branch', () => {
  const result = new ConfigValidator().checkSchema({
    type: 'object',
    properties: { a: { type: 'objekt' }, c: { minimum: 'x' } },
  });
  expect(result).toEqual({
    ok: false,
    errors: [
      {
        path: '/properties/a/type',
        message:
          'must be one of "array", "boolean", "integer", "null", "number", "object", "string", or a list of them',
      },
      { path: '/properties/c/minimum', message: 'must be number' },
    ],
  });
});
