import { describe, expect, test } from 'vitest';
import { filtersOf, readHistoryView, writeHistoryView } from './history-filters.ts';

describe('history filters in the URL', () => {
  test('round-trip through the query string, empty values left out', () => {
    const params = new URLSearchParams('env=live&key=promo_code&q=&kind=restore&from=2026-11-01');
    const view = readHistoryView(params);
    expect(view).toEqual({ env: 'live', key: 'promo_code', kind: 'restore', from: '2026-11-01' });
    expect(writeHistoryView(view).toString()).toBe('env=live&key=promo_code&kind=restore&from=2026-11-01');
  });

  test('become the server query; what it would refuse is left out, days cover the whole day in the local zone', () => {
    const filters = filtersOf({ env: 'nowhere', kind: 'magic', from: '2026-11-01', to: '2026-11-02', author: 'dana' });
    expect(filters).toEqual({
      author: 'dana',
      since: new Date('2026-11-01T00:00:00').toISOString(),
      until: new Date('2026-11-02T23:59:59.999').toISOString(),
    });
    expect(filtersOf({ from: '1 Nov' })).toEqual({});
  });
});
