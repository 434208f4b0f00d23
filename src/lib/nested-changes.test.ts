import { describe, expect, it } from 'vitest';
import { leafChanges, readablePath } from './nested-changes.ts';

describe('leafChanges', () => {
  it('names each changed, added and removed leaf of an object, and nothing that stayed', () => {
    const before = { monday: { open: '08:00', close: '18:00' }, note: 'x', gone: 1 };
    const after = { monday: { open: '09:00', close: '18:00' }, note: 'x', fresh: true };
    expect(leafChanges(before, after)).toEqual([
      { path: ['monday', 'open'], kind: 'changed', before: '08:00', after: '09:00' },
      { path: ['gone'], kind: 'removed', before: 1 },
      { path: ['fresh'], kind: 'added', after: true },
    ]);
  });

  it('walks arrays by position, reporting items appended or dropped', () => {
    expect(leafChanges([{ d: '2026-12-25' }, { d: '2027-01-01' }], [{ d: '2026-12-26' }])).toEqual([
      { path: ['0', 'd'], kind: 'changed', before: '2026-12-25', after: '2026-12-26' },
      { path: ['1'], kind: 'removed', before: { d: '2027-01-01' } },
    ]);
  });

  it('a value that changes kind (object to array, to null) is one change, not a walk', () => {
    expect(leafChanges({ a: { b: 1 } }, { a: null })).toEqual([
      { path: ['a'], kind: 'changed', before: { b: 1 }, after: null },
    ]);
  });
});

describe('readablePath', () => {
  it('reads as dotted keys with array positions in brackets', () => {
    expect(readablePath(['holidays', '2', 'date'])).toBe('holidays[2].date');
    expect(readablePath(['0', 'd'])).toBe('[0].d');
  });
});
