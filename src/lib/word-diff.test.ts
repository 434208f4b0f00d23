import { expect, test } from 'vitest';
import { wordDiff } from './word-diff.ts';

test('only the words that changed are marked', () => {
  const diff = wordDiff(
    'Thanks for calling Harbourview Hotel! I am Ava.',
    'Thank you for calling Harbourview Hotel, this is Ava.',
  )!;
  expect(diff.before.filter((p) => p.kind === 'removed').map((p) => p.text)).toEqual(['Thanks', 'Hotel! I am']);
  expect(diff.after.filter((p) => p.kind === 'added').map((p) => p.text)).toEqual(['Thank you', 'Hotel, this is']);
  // Nothing is lost: each side reads back whole.
  expect(diff.before.map((p) => p.text).join('')).toBe('Thanks for calling Harbourview Hotel! I am Ava.');
  expect(diff.after.map((p) => p.text).join('')).toBe('Thank you for calling Harbourview Hotel, this is Ava.');
});

test('texts too long to compare word by word are left unmarked', () => {
  const long = Array.from({ length: 600 }, (_, i) => `w${i}`).join(' ');
  expect(wordDiff(long, `${long} more`)).toBeUndefined();
});
