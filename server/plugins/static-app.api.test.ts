// @vitest-environment node
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { createTestApp } from '../test/test-app.ts';

// Needs a build (npm test builds before the e2e step; locally: npm run build).
const built = existsSync('dist/index.html');
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  ctx = await createTestApp({ distDir: 'dist' });
});
afterAll(() => ctx.close());

describe.runIf(built)('serving the built console', () => {
  test('hashed assets are served precompressed and cached for a year; index.html is never cached', async () => {
    const script = readdirSync('dist/assets').find((f) => /^index-.*\.js$/.test(f))!;
    const asset = await ctx.app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gzip = await ctx.app.inject({ url: `/assets/${script}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');

    for (const url of ['/', `/agents/${DEMO_AGENT_ID}/configs/live`]) {
      const page = await ctx.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-type']).toMatch(/text\/html/);
    }
  });
});

test('large API answers are compressed for clients that ask, and plain for those that do not', async () => {
  const url = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs`;
  const compressed = await ctx.app.inject({ url, headers: { 'accept-encoding': 'br' } });
  expect(compressed.headers['content-encoding']).toBe('br');
  const plain = await ctx.app.inject({ url });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.json().configPages).toHaveLength(3);
  expect(compressed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
});
