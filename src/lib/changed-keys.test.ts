import { describe, expect, test } from 'vitest';
import { diffTopLevel } from './changed-keys.ts';

describe('diffTopLevel', () => {
  test.each([
    ['nothing changed', { a: 1, b: 'x' }, { a: 1, b: 'x' }, {}, []],
    ['a scalar changed', { a: 1, b: 'x' }, { a: 2, b: 'x' }, { a: 2 }, []],
    ['key order is not a change', { a: 1, b: 2 }, { b: 2, a: 1 }, {}, []],
    [
      'nested change sends the whole top-level value',
      { h: { open: '08:00', close: '20:00' } },
      { h: { open: '09:00', close: '20:00' } },
      { h: { open: '09:00', close: '20:00' } },
      [],
    ],
    ['nested key order is not a change', { h: { open: 1, close: 2 } }, { h: { close: 2, open: 1 } }, {}, []],
    [
      'an undefined nested property is the same as absent',
      { h: { open: 1 } },
      { h: { open: 1, note: undefined } },
      {},
      [],
    ],
    ['array reorder is a change', { l: [1, 2] }, { l: [2, 1] }, { l: [2, 1] }, []],
    ['a new key is sent', { a: 1 }, { a: 1, b: false }, { b: false }, []],
    ['false and null are values, not absence', { a: true, b: 'x' }, { a: false, b: null }, { a: false, b: null }, []],
    ['a cleared key is reported, not sent', { a: 1, b: 'x' }, { a: 1 }, {}, ['b']],
    ['an untouched absent key stays absent', { a: 1 }, { a: 1, b: undefined }, {}, []],
  ])('%s', (_name, base, current, patch, cleared) => {
    const diff = diffTopLevel(base, current);
    expect(diff.patch).toEqual(patch);
    expect(diff.changedKeys).toEqual(Object.keys(patch));
    expect(diff.clearedKeys).toEqual(cleared);
  });
});
