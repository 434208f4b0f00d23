import { describe, expect, test } from 'vitest';
import { upstreamFromEnv } from './upstream-options.ts';

describe('upstreamFromEnv', () => {
  test('no key means emulator mode', () => {
    expect(upstreamFromEnv({ POLYAI_REGION: 'us' }, false)).toBeUndefined();
  });

  test.each([
    ['us', 'https://api.us.poly.ai'],
    ['eu', 'https://api.eu.poly.ai'],
    ['UK', 'https://api.uk.poly.ai'],
    ['studio', 'https://api.studio.poly.ai'],
  ])('region %s maps to %s', (region, baseUrl) => {
    expect(upstreamFromEnv({ POLYAI_API_KEY: 'sk-0123456789ab', POLYAI_REGION: region }, false)).toMatchObject({
      baseUrl,
      region: region.toLowerCase(),
    });
  });

  test('a custom base URL wins over the region, and read-only comes from the flag or the environment', () => {
    expect(
      upstreamFromEnv({ POLYAI_API_KEY: 'sk-0123456789ab', POLYAI_BASE_URL: 'https://api.staging.example/' }, true),
    ).toMatchObject({
      baseUrl: 'https://api.staging.example',
      region: undefined,
      readOnly: true,
    });
    expect(
      upstreamFromEnv({ POLYAI_API_KEY: 'sk-0123456789ab', POLYAI_REGION: 'us', POLYAI_READ_ONLY: '1' }, false)
        ?.readOnly,
    ).toBe(true);
  });

  test.each([
    ['an unknown region', { POLYAI_API_KEY: 'sk-0123456789ab', POLYAI_REGION: 'mars' }],
    [
      'a key too short to be real (and to be scrubbed from answers safely)',
      { POLYAI_API_KEY: 'k', POLYAI_REGION: 'us' },
    ],
    ['no region and no URL', { POLYAI_API_KEY: 'sk-0123456789ab' }],
    [
      'plain http to another host (the key would travel in clear)',
      { POLYAI_API_KEY: 'sk-0123456789ab', POLYAI_BASE_URL: 'http://api.example.com' },
    ],
  ])('refuses to start with %s', (_name, env) => {
    expect(() => upstreamFromEnv(env, false)).toThrow();
  });
});
