import { describe, expect, test } from 'vitest';
import { pathOf, pointerOf, valueAt, withValueAt } from './json-pointer.ts';

describe('JSON pointers', () => {
  test.each([
    [[], ''],
    [['a'], '/a'],
    [['business_hours', 'weekday_close'], '/business_hours/weekday_close'],
    [['a/b', 'c~d'], '/a~1b/c~0d'],
  ])('%j ⇄ %s', (path, pointer) => {
    expect(pointerOf(path)).toBe(pointer);
    expect(pathOf(pointer)).toEqual(path);
  });

  test.each([
    ['a top-level value', { a: 1 }, ['a'], 1],
    ['a nested value', { h: { open: '08:00' } }, ['h', 'open'], '08:00'],
    ['a missing step', { h: 1 }, ['h', 'open'], undefined],
    ['no descent into arrays', { l: [{ a: 1 }] }, ['l', '0'], undefined],
  ])('valueAt: %s', (_name, root, path, expected) => {
    expect(valueAt(root, path)).toEqual(expected);
  });

  test.each([
    [
      'sets a nested value, keeping its siblings',
      { h: { open: 1, close: 2 } },
      ['h', 'open'],
      9,
      { h: { open: 9, close: 2 } },
    ],
    ['removes a nested value', { h: { open: 1, close: 2 } }, ['h', 'open'], undefined, { h: { close: 2 } }],
    ['creates missing objects', {}, ['h', 'open'], 1, { h: { open: 1 } }],
    ['replaces a non-object step', { h: 'x' }, ['h', 'open'], 1, { h: { open: 1 } }],
  ])('withValueAt: %s', (_name, root, path, value, expected) => {
    const before = structuredClone(root);
    expect(withValueAt(root, path, value)).toEqual(expected);
    expect(root).toEqual(before);
  });
});
