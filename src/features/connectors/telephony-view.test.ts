import { describe, expect, test } from 'vitest';
import { readConnectorView, readNumberView, writeView } from './telephony-view.ts';

describe('connector view in the URL', () => {
  test.each([
    ['nothing set', '', { q: '', groupByEnv: false }],
    [
      'every filter',
      'q=uk&env=live&lang=en-GB&voice=en-GB-Neural2-A&handoff=disabled&health=no-numbers&sort=-numbers&group=env',
      {
        q: 'uk',
        env: 'live',
        lang: 'en-GB',
        voice: 'en-GB-Neural2-A',
        handoff: 'disabled',
        health: 'no-numbers',
        sort: { id: 'numbers', desc: true },
        groupByEnv: true,
      },
    ],
    ['unknown values are ignored', 'env=staging&handoff=maybe&health=bogus', { q: '', groupByEnv: false }],
  ])('%s', (_name, search, expected) => {
    const view = readConnectorView(new URLSearchParams(search));
    expect(Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  test('round-trips', () => {
    const search = 'q=uk&env=live&lang=en-GB&handoff=enabled&health=any&sort=name&group=env';
    expect(writeView(readConnectorView(new URLSearchParams(search))).toString()).toBe(search);
  });
});

describe('number view in the URL', () => {
  test('reads and round-trips', () => {
    const search = 'q=%2B44&env=sandbox&health=no-connector&sort=-number';
    const view = readNumberView(new URLSearchParams(search));
    expect(view).toEqual({ q: '+44', env: 'sandbox', health: 'no-connector', sort: { id: 'number', desc: true } });
    expect(writeView(view).toString()).toBe(search);
  });
});
