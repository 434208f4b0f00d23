/**
 * One definition of "these values satisfy this schema": the form's validator (rjsf, on the main thread) and the
 * contract's (the server and the console's check workers) give the same verdict.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { ConfigValidator } from '../../../contract/config-validation.ts';
import { formValidator } from './schema-form.tsx';

const contract = new ConfigValidator();
const formSays = (schema: object, value: Record<string, unknown>) =>
  formValidator.validateFormData(value, schema as RJSFSchema).errors.length === 0;

describe('the form and the server agree', () => {
  test.each([
    ['a colour the form’s widget refuses', { type: 'string', format: 'color' }, 'notacolor', false],
    ['a colour it accepts', { type: 'string', format: 'color' }, '#a0b1c2', true],
    ['a multiple of 0.1 in floating point', { type: 'number', multipleOf: 0.1 }, 0.3, true],
    ['an email', { type: 'string', format: 'email' }, 'not-an-email', false],
    ['a catastrophic pattern, on RE2', { type: 'string', pattern: '^(a+)+$' }, `${'a'.repeat(40)}!`, false],
  ])('%s', (_name, property, value, valid) => {
    const schema = { type: 'object', properties: { v: property } };
    expect(contract.checkVariables(schema, { v: value }).valid).toBe(valid);
    expect(formSays(schema, { v: value })).toBe(valid);
  });

  test('a pattern that needs backtracking is left to the check worker by the form, and enforced by the contract', () => {
    const schema = { type: 'object', properties: { v: { type: 'string', pattern: '^(?=.*\\d).+$' } } };
    expect(formSays(schema, { v: 'no digits' })).toBe(true);
    expect(contract.checkVariables(schema, { v: 'no digits' }).valid).toBe(false);
    // And it never freezes this thread, whatever the value.
    const started = performance.now();
    formSays(
      { type: 'object', properties: { v: { type: 'string', pattern: '^(?=a)(a+)+$' } } },
      { v: `${'a'.repeat(40)}!` },
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  const leaf = fc.oneof(
    fc.record(
      { type: fc.constant('string'), minLength: fc.nat(5), maxLength: fc.integer({ min: 3, max: 12 }) },
      { requiredKeys: ['type'] },
    ),
    fc.record({
      type: fc.constant('string'),
      pattern: fc.constantFrom('^[A-Z]{2,4}$', '^\\d+$', '^(a|b)+$', 'x', '^.{0,5}$'),
    }),
    fc.record({
      type: fc.constant('string'),
      format: fc.constantFrom('email', 'date-time', 'uri', 'color', 'ipv4', 'uuid', 'x-unknown'),
    }),
    fc.record(
      {
        type: fc.constantFrom('number', 'integer'),
        minimum: fc.integer({ min: -5, max: 5 }),
        maximum: fc.integer({ min: 5, max: 50 }),
        multipleOf: fc.constantFrom(0.1, 0.5, 2, 0.01),
      },
      { requiredKeys: ['type'] },
    ),
    fc.record({
      enum: fc.uniqueArray(fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
    fc.record({
      type: fc.constant('array'),
      items: fc.constant({ type: 'integer' }),
      uniqueItems: fc.boolean(),
      maxItems: fc.nat(4),
    }),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 14 }),
    fc.constantFrom(
      'AB',
      '123',
      'abab',
      'a@b.co',
      '2026-11-30T10:00:00Z',
      'https://x.io',
      '#fff',
      '10.0.0.1',
      'red',
      'x',
    ),
    fc.integer({ min: -10, max: 60 }),
    fc.double({ min: -10, max: 60, noNaN: true }),
    fc.constantFrom(0.3, 0.7, 1.1, 2.5),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 6 }),
    fc.constant(null),
  );

  test('for random schemas and values, both give the same verdict (fast-check, 500 runs)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), leaf, { minKeys: 1 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), value),
        (properties, values) => {
          const schema = { type: 'object', properties, required: Object.keys(properties).slice(0, 1) };
          expect(formSays(schema, values)).toBe(contract.checkVariables(schema, values).valid);
        },
      ),
      { numRuns: 500 },
    );
  });
});
