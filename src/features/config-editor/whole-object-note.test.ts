import { describe, expect, test } from 'vitest';
import { wholeObjectNote } from './whole-object-note.ts';

describe('wholeObjectNote', () => {
  test.each([
    ['a scalar', 1, 2, undefined],
    ['an array is replaced, not merged, but has no named siblings', [1], [2], undefined],
    [
      'an object with one property changed',
      { open: '08:00', close: '20:00', tz: 'UTC' },
      { open: '09:00', close: '20:00', tz: 'UTC' },
      { changed: ['open'], resent: ['close', 'tz'] },
    ],
    ['a new property', { open: '08:00' }, { open: '08:00', lunch: '12:00' }, { changed: ['lunch'], resent: ['open'] }],
    ['every property changed: nothing is sent again', { a: 1 }, { a: 2 }, undefined],
    ['a new object', undefined, { a: 1 }, undefined],
  ])('%s', (_name, before, after, expected) => {
    expect(wholeObjectNote(before, after)).toEqual(expected);
  });
});
