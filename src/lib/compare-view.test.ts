import { describe, expect, test } from 'vitest';
import { readView, writeView } from './compare-view.ts';

describe('compare view in the URL', () => {
  test.each([
    ['defaults', '', { envs: ['sandbox', 'pre-release', 'live'], show: 'all', query: '' }],
    ['two columns in a chosen order', 'envs=live,sandbox', { envs: ['live', 'sandbox'], show: 'all', query: '' }],
    [
      'a filter and a search',
      'show=differs&q=promo',
      { envs: ['sandbox', 'pre-release', 'live'], show: 'differs', query: 'promo' },
    ],
    [
      'unknown environments and duplicates are dropped',
      'envs=live,staging,live',
      { envs: ['sandbox', 'pre-release', 'live'], show: 'all', query: '' },
    ],
    [
      'an unknown filter shows everything',
      'show=bogus',
      { envs: ['sandbox', 'pre-release', 'live'], show: 'all', query: '' },
    ],
  ])('%s', (_name, search, view) => {
    expect(readView(new URLSearchParams(search))).toEqual(view);
  });

  test('round-trips, writing only what differs from the defaults', () => {
    const view = { envs: ['pre-release', 'live'] as const, show: 'failing' as const, query: 'hours' };
    const params = writeView({ ...view, envs: [...view.envs] });
    expect(params.toString()).toBe('envs=pre-release%2Clive&show=failing&q=hours');
    expect(readView(params)).toEqual({ ...view, envs: [...view.envs] });
    expect(writeView(readView(new URLSearchParams())).toString()).toBe('');
  });

  test('a phone shows the differences unless the URL says otherwise, and writes "all" when chosen', () => {
    expect(readView(new URLSearchParams(), 'differs').show).toBe('differs');
    expect(readView(new URLSearchParams('show=all'), 'differs').show).toBe('all');
    const all = readView(new URLSearchParams(), 'all');
    expect(writeView(all, 'differs').toString()).toBe('show=all');
    expect(writeView({ ...all, show: 'differs' }, 'differs').toString()).toBe('');
  });
});
