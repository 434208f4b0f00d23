import { describe, expect, test } from 'vitest';
import { valuePreview } from './value-preview.ts';

describe('valuePreview', () => {
  test.each([
    ['a string', 'Ava', '"Ava"'],
    ['a number', 8, '8'],
    ['null', null, 'null'],
    ['an array', [1, 'two'], '[1,"two"]'],
    ['an empty object', {}, '{}'],
    [
      'an object, as its keys and values',
      { timezone: 'Europe/London', weekday_open: '07:00', closed: false },
      'timezone: "Europe/London" · weekday_open: "07:00" · closed: false',
    ],
    ['a nested object, its inner values as JSON', { hours: { open: '07:00' } }, 'hours: {"open":"07:00"}'],
  ])('%s', (_name, value, expected) => {
    expect(valuePreview(value)).toBe(expected);
  });

  test('a long value is cut with an ellipsis', () => {
    expect(valuePreview('x'.repeat(1000))).toHaveLength(301);
  });
});
