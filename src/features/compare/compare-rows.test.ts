import { describe, expect, test } from 'vitest';
import { buildRows, failingPointers, statusOf } from './compare-rows.ts';

describe('statusOf', () => {
  test.each([
    ['equal scalars', [1, 1, 1], 'equal'],
    ['a changed scalar', [1, 2, 1], 'differs'],
    ['missing in one column', ['x', undefined, 'x'], 'missing'],
    [
      'key order ignored',
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
      'equal',
    ],
    ['nested change', [{ h: { open: 1 } }, { h: { open: 2 } }], 'differs'],
    [
      'arrays compare in order',
      [
        [1, 2],
        [2, 1],
      ],
      'differs',
    ],
    ['equal arrays', [[{ a: 1 }], [{ a: 1 }]], 'equal'],
    ['type change', ['1', 1], 'differs'],
    ['object versus array', [{}, []], 'differs'],
    ['null is a value, not absence', [null, null], 'equal'],
    ['null versus missing', [null, undefined], 'missing'],
    ['false versus 0', [false, 0], 'differs'],
  ])('%s', (_name, values, expected) => {
    expect(statusOf(values)).toBe(expected);
  });
});

describe('buildRows', () => {
  const sandbox = { greeting: 'Hi', hours: { open: '08:00', close: '23:00' }, only_sandbox: true };
  const live = { hours: { close: '22:00', open: '08:00' }, greeting: 'Hi' };

  test('lists the union of keys in first-seen order with a status each', () => {
    const rows = buildRows([sandbox, live], new Set());
    expect(rows.map((r) => [r.pointer, r.status, r.expandable])).toEqual([
      ['/greeting', 'equal', false],
      ['/hours', 'differs', true],
      ['/only_sandbox', 'missing', false],
    ]);
    expect(rows[2].values).toEqual([true, undefined]);
  });

  test('an expanded object lists its paths under it', () => {
    const rows = buildRows([sandbox, live], new Set(['/hours']));
    expect(rows.map((r) => [r.pointer, r.status])).toEqual([
      ['/greeting', 'equal'],
      ['/hours', 'differs'],
      ['/hours/open', 'equal'],
      ['/hours/close', 'differs'],
      ['/only_sandbox', 'missing'],
    ]);
  });

  test('an object in one column and a scalar in another expands with the scalar side missing', () => {
    const rows = buildRows([{ h: { a: 1 } }, { h: 'closed' }], new Set(['/h']));
    expect(rows.map((r) => [r.pointer, r.status, r.values])).toEqual([
      ['/h', 'differs', [{ a: 1 }, 'closed']],
      ['/h/a', 'missing', [1, undefined]],
    ]);
  });

  test('a column without variables counts as missing every key', () => {
    expect(buildRows([{ a: 1 }, undefined], new Set()).map((r) => r.status)).toEqual(['missing']);
  });

  test('keys with slashes get escaped pointers', () => {
    expect(buildRows([{ 'a/b': 1 }], new Set())[0].pointer).toBe('/a~1b');
  });
});

describe('failingPointers', () => {
  test('an error marks its value and every object around it', () => {
    expect(
      [
        ...failingPointers([
          { path: '/hours/close', message: 'bad' },
          { path: '/x', message: 'bad' },
        ]),
      ].sort(),
    ).toEqual(['/hours', '/hours/close', '/x']);
  });
  test('a root error marks no row', () => {
    expect(failingPointers([{ path: '', message: 'bad' }]).size).toBe(0);
  });
});
