import { describe, expect, test } from 'vitest';
import { schemaDifferences } from './schema-diff.ts';

const base = {
  type: 'object',
  properties: {
    greeting: { type: 'string', title: 'Greeting', maxLength: 300 },
    hours: { type: 'object', properties: { open: { type: 'string' }, close: { type: 'string' } } },
    rate: { type: 'number', minimum: 0.5 },
  },
};
const labels = ['Sandbox', 'Live'];
const props = base.properties;

describe('schemaDifferences', () => {
  test.each([
    ['identical schemas', base, []],
    [
      'wording is not a difference',
      {
        ...base,
        properties: { ...props, greeting: { type: 'string', title: 'Hello', description: 'x', maxLength: 300 } },
      },
      [],
    ],
    [
      'a property only one has',
      { ...base, properties: { ...props, promo: { type: 'string' } } },
      [{ pointer: '/promo', kind: 'presence', detail: 'only in Sandbox; not in Live' }],
    ],
    [
      'a missing object is reported once, not per nested property',
      { ...base, properties: { greeting: props.greeting, rate: props.rate } },
      [{ pointer: '/hours', kind: 'presence', detail: 'only in Live; not in Sandbox' }],
    ],
    [
      'a type change',
      { ...base, properties: { ...props, rate: { type: 'integer', minimum: 1 } } },
      [{ pointer: '/rate', kind: 'type', detail: 'type: "integer" (Sandbox) · "number" (Live)' }],
    ],
    [
      'a changed and an added constraint',
      { ...base, properties: { ...props, greeting: { type: 'string', maxLength: 200, minLength: 5 } } },
      [
        {
          pointer: '/greeting',
          kind: 'constraints',
          detail: 'maxLength: 200 (Sandbox) · 300 (Live); minLength: 5 (Sandbox) · none (Live)',
        },
      ],
    ],
    [
      'a nested constraint',
      {
        ...base,
        properties: {
          ...props,
          hours: {
            type: 'object',
            properties: { open: { type: 'string', pattern: '^\\d' }, close: { type: 'string' } },
          },
        },
      },
      [{ pointer: '/hours/open', kind: 'constraints', detail: 'pattern: "^\\\\d" (Sandbox) · none (Live)' }],
    ],
    [
      'root keywords',
      { ...base, additionalProperties: false },
      [{ pointer: '', kind: 'constraints', detail: 'additionalProperties: false (Sandbox) · none (Live)' }],
    ],
  ])('%s', (_name, sandbox, expected) => {
    expect(schemaDifferences([sandbox, base], labels).map(({ presentIn: _, ...d }) => d)).toEqual(expected);
  });

  test('says which columns have a property', () => {
    const added = { ...base, properties: { ...props, promo: { type: 'string' } } };
    expect(schemaDifferences([base, added], ['before', 'after'])[0].presentIn).toEqual(['after']);
  });

  test('a page with no schema differs by every property', () => {
    expect(
      schemaDifferences([undefined, { type: 'object', properties: { a: {} } }], labels).map((d) => d.pointer),
    ).toEqual(['/a']);
  });

  test('three columns are grouped by value', () => {
    const tight = { ...base, properties: { ...props, rate: { type: 'number', minimum: 1 } } };
    expect(schemaDifferences([tight, base, base], ['Sandbox', 'Pre-release', 'Live'])[0].detail).toBe(
      'minimum: 1 (Sandbox) · 0.5 (Pre-release, Live)',
    );
  });
});
