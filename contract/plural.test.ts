import { expect, test } from 'vitest';
import { agree, plural } from './plural.ts';

test('words agree with their count', () => {
  expect([0, 1, 2, 1.5].map((n) => plural(n, 'connector', 'connectors'))).toEqual([
    '0 connectors',
    '1 connector',
    '2 connectors',
    '1.5 connectors',
  ]);
  expect(agree(1, 'changes', 'change')).toBe('changes');
});
