import { describe, expect, test } from 'vitest';
import { splitByTopLevelKey } from './split-schema.ts';

describe('splitByTopLevelKey', () => {
  test('gives each property its own schema, keeping definitions and required', () => {
    const split = splitByTopLevelKey({
      definitions: { hours: { type: 'string' } },
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string' }, b: { $ref: '#/definitions/hours' } },
    });
    expect(split?.get('a')).toEqual({
      definitions: { hours: { type: 'string' } },
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
    });
    expect(split?.get('b')).toEqual({
      definitions: { hours: { type: 'string' } },
      type: 'object',
      properties: { b: { $ref: '#/definitions/hours' } },
    });
  });

  test.each(['dependencies', 'if', 'allOf', 'oneOf', 'additionalProperties', 'patternProperties'])(
    'keeps a schema with root %s whole',
    (keyword) => {
      expect(
        splitByTopLevelKey({ type: 'object', properties: { a: { type: 'string' } }, [keyword]: {} }),
      ).toBeUndefined();
    },
  );
});

test('a root that only refuses unknown keys (additionalProperties: false) is still edited key by key', () => {
  const split = splitByTopLevelKey({
    type: 'object',
    additionalProperties: false,
    properties: { a: { type: 'string' } },
  });
  expect([...(split?.keys() ?? [])]).toEqual(['a']);
});
