import { expect, test } from 'vitest';
import { resolveDraft } from './resolve-conflict.ts';

test('their other keys are taken, mine stay on top, and a key decided for theirs keeps their value', () => {
  const latest = { a: 'theirs', b: 'theirs', c: 'new elsewhere', d: 'kept' };
  const mine = { a: 'mine', b: 'mine' };
  expect(resolveDraft(latest, mine, ['d'], { a: 'mine', b: 'theirs' })).toEqual({
    a: 'mine',
    b: 'theirs',
    c: 'new elsewhere',
  });
});

test('an emptied key decided for theirs comes back with their value', () => {
  expect(resolveDraft({ d: 'theirs' }, {}, ['d'], { d: 'theirs' })).toEqual({ d: 'theirs' });
});
