import { describe, expect, test } from 'vitest';
import { diffLines, sideBySide } from './line-diff.ts';

const lines = (text: string) => (text === '' ? [] : text.split(' '));
const render = (before: string, after: string) =>
  diffLines(lines(before), lines(after))
    .map((l) => ({ same: ' ', removed: '-', added: '+' })[l.kind] + l.text)
    .join(' ');

describe('diffLines', () => {
  test.each([
    ['equal', 'a b c', 'a b c', ' a  b  c'],
    ['one changed line', 'a b c', 'a x c', ' a -b +x  c'],
    ['an inserted line', 'a c', 'a b c', ' a +b  c'],
    ['a removed line', 'a b c', 'a c', ' a -b  c'],
    ['everything new', '', 'a b', '+a +b'],
    ['everything gone', 'a b', '', '-a -b'],
    ['a moved line keeps the longest common run', 'a b c d', 'b c d a', '-a  b  c  d +a'],
  ])('%s', (_name, before, after, expected) => {
    expect(render(before, after)).toBe(expected);
  });
});

describe('sideBySide', () => {
  test('a replaced line sits beside its replacement; extra lines pair with nothing', () => {
    expect(sideBySide(diffLines(['{', '"a": 1', '}'], ['{', '"a": 2', '"b": 3', '}']))).toEqual([
      { left: '{', right: '{', changed: false },
      { left: '"a": 1', right: '"a": 2', changed: true },
      { left: undefined, right: '"b": 3', changed: true },
      { left: '}', right: '}', changed: false },
    ]);
  });
});
