import { describe, expect, test } from 'vitest';
import { ConfigValidator } from '../../../contract/config-validation.ts';
import { blastRadius, isHarmless } from './blast-radius.ts';

const validator = new ConfigValidator();
const schema = (extra: object = {}) => ({
  type: 'object',
  required: ['greeting'],
  properties: {
    greeting: { type: 'string', minLength: 5 },
    hours: { type: 'object', properties: { open: { type: 'string', pattern: '^\\d\\d:\\d\\d$' } } },
    rate: { type: 'number', maximum: 2 },
  },
  ...extra,
});
const radius = (s: Record<string, unknown>, variables: Record<string, unknown>) =>
  blastRadius(s, variables, validator.checkVariables(s, variables));

describe('blastRadius', () => {
  test.each([
    [
      'values that fit',
      schema(),
      { greeting: 'Hello there', rate: 1 },
      { failing: [], outside: [], missingRequired: [] },
    ],
    [
      'a value over a new bound',
      schema(),
      { greeting: 'Hello there', rate: 3 },
      { failing: [{ key: 'rate', reasons: ['Must be at most 2.'] }], outside: [], missingRequired: [] },
    ],
    [
      'a nested value',
      schema(),
      { greeting: 'Hello there', hours: { open: '8am' } },
      {
        failing: [{ key: 'hours', reasons: ['open: Not in the expected form (^\\d\\d:\\d\\d$).'] }],
        outside: [],
        missingRequired: [],
      },
    ],
    [
      'a key the schema does not describe',
      schema(),
      { greeting: 'Hello there', legacy: 1 },
      { failing: [], outside: ['legacy'], missingRequired: [] },
    ],
    [
      'a required key that is not stored',
      schema(),
      { rate: 1 },
      { failing: [], outside: [], missingRequired: ['greeting'] },
    ],
    [
      'a key additionalProperties refuses is both unknown and failing',
      schema({ additionalProperties: false }),
      { greeting: 'Hello there', legacy: 1 },
      {
        failing: [{ key: 'legacy', reasons: ['“legacy” is not a field this schema allows.'] }],
        outside: ['legacy'],
        missingRequired: [],
      },
    ],
  ])('%s', (_name, s, variables, expected) => {
    expect(radius(s, variables)).toEqual(expected);
  });

  test('harmless only when nothing fails, is unknown or missing', () => {
    expect(isHarmless(radius(schema(), { greeting: 'Hello there' }))).toBe(true);
    expect(isHarmless(radius(schema(), {}))).toBe(false);
  });
});
