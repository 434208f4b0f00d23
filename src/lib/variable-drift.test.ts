import { describe, expect, test } from 'vitest';
import { countDifferingKeys, isDescribedBySchema, keysOutsideSchema } from './variable-drift.ts';

describe('countDifferingKeys', () => {
  test.each([
    ['equal pages', { a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 }, 0],
    ['a changed and a missing key', { a: 1, b: 2 }, { a: 2 }, 2],
    ['no variables at all', undefined, { a: 1 }, 1],
  ])('%s', (_name, a, b, expected) => {
    expect(countDifferingKeys(a, b)).toBe(expected);
  });
});

describe('keysOutsideSchema', () => {
  test('names set keys the schema has no property for', () => {
    expect(keysOutsideSchema({ properties: { a: {} } }, { a: 1, legacy: 2 })).toEqual(['legacy']);
  });
  test('a schema without properties describes any key', () => {
    expect(keysOutsideSchema({ type: 'object' }, { a: 1 })).toEqual([]);
  });
});

describe('isDescribedBySchema', () => {
  const schema = {
    type: 'object',
    properties: { hours: { type: 'object', properties: { open: {} } }, tags: { type: 'object' } },
  };
  test.each([
    [['hours'], true],
    [['hours', 'open'], true],
    [['hours', 'lunch'], false],
    [['unknown'], false],
    [['tags', 'anything'], true],
  ])('%j → %s', (path, expected) => {
    expect(isDescribedBySchema(schema, path)).toBe(expected);
  });
  test('a page without a schema allows everything', () => {
    expect(isDescribedBySchema(undefined, ['a'])).toBe(true);
  });
});
