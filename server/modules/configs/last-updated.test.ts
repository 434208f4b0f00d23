import { expect, test } from 'vitest';
import { nextLastUpdated } from './last-updated.ts';

test.each([
  ['first write uses now', undefined, 1_000, '1970-01-01T00:00:01.000Z'],
  ['later write uses now', '1970-01-01T00:00:00.500Z', 1_000, '1970-01-01T00:00:01.000Z'],
  ['same millisecond moves one past the previous', '1970-01-01T00:00:01.000Z', 1_000, '1970-01-01T00:00:01.001Z'],
  ['clock stepped back still moves forward', '1970-01-01T00:00:05.000Z', 1_000, '1970-01-01T00:00:05.001Z'],
])('%s', (_name, previous, now, expected) => {
  expect(nextLastUpdated(previous, now)).toBe(expected);
});
