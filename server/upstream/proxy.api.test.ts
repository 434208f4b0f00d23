// @vitest-environment node
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import type { HistoryPage } from '../../contract/history.ts';
import type { Runtime } from '../../contract/runtime.ts';
import { buildApp } from '../app.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { createTestApp } from '../test/test-app.ts';
import { CONTENT_SECURITY_POLICY } from '../plugins/security.ts';
import type { UpstreamOptions } from './upstream-options.ts';

const KEY = 'sk-test-1f2e3d4c5b6a';
const page = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;

let upstream: Awaited<ReturnType<typeof createTestApp>>;
let upstreamUrl: string;
/** What reached the upstream: method, url and the key header it carried. */
const seen: { method: string; url: string; key?: string }[] = [];
const logLines: string[] = [];
let proxy: Awaited<ReturnType<typeof buildApp>>;

const proxyWith = (overrides: Partial<UpstreamOptions> = {}) =>
  buildApp({
    dbFile: ':memory:',
    upstream: { apiKey: KEY, baseUrl: upstreamUrl, readOnly: false, timeoutMs: 400, ...overrides },
  });

beforeAll(async () => {
  upstream = await createTestApp({ requireApiKey: KEY, faultInjection: true });
  upstream.app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/v1/'))
      seen.push({ method: req.method, url: req.url, key: req.headers['x-api-key'] as string | undefined });
  });
  upstreamUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  // The proxy logs everything it can (trace) into memory, so the test can check that the key is in no log line.
  const stream = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  proxy = await buildApp({
    dbFile: ':memory:',
    upstream: { apiKey: KEY, baseUrl: upstreamUrl, region: 'us', readOnly: false, timeoutMs: 400 },
    logger: { level: 'trace', stream },
  });
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});
const faults = (body: object) =>
  upstream.app.inject({ method: 'POST', url: '/__emulator/faults', payload: body, headers: { 'x-api-key': KEY } });
const clearFaults = () => upstream.app.inject({ method: 'DELETE', url: '/__emulator/faults' });

describe('forwarding', () => {
  test('requests reach PolyAI with the server key; the upstream refuses requests without it', async () => {
    expect((await upstream.app.inject('/v1/agents')).statusCode).toBe(401);
    const response = await proxy.inject('/v1/agents');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveLength(2);
    expect(seen.at(-1)).toEqual({ method: 'GET', url: '/v1/agents', key: KEY });
  });

  test('a key sent by the browser is dropped, never forwarded', async () => {
    await proxy.inject({ url: '/v1/agents', headers: { 'x-api-key': 'browser-key' } });
    expect(seen.at(-1)?.key).toBe(KEY);
  });

  test('paths and percent-encoding reach upstream unchanged, with bodies', async () => {
    const number = await proxy.inject(`/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers/%2B442079460100`);
    expect(number.json()).toMatchObject({ number: '+442079460100', connectorId: 'conn_hv_live_uk' });
    const lookup = await proxy.inject({
      method: 'POST',
      url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/lookup`,
      payload: { phoneNumber: '+34910123456' },
    });
    expect(lookup.json()).toMatchObject({ connectorId: 'conn_hv_live_es' });
  });

  test('upstream 4xx and 5xx come back unchanged', async () => {
    const direct = await upstream.app.inject({
      url: `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/staging`,
      headers: { 'x-api-key': KEY },
    });
    const proxied = await proxy.inject(`/v1/agents/${DEMO_AGENT_ID}/real-time-configs/staging`);
    expect(proxied.statusCode).toBe(400);
    expect({ ...proxied.json(), error_id: '' }).toEqual({ ...direct.json(), error_id: '' });

    await faults({ fail: { count: 1, status: 500, match: 'all' } });
    const failed = await proxy.inject('/v1/agents');
    expect(failed.statusCode).toBe(500);
    expect(failed.json().error_code).toBe('INJECTED_FAULT');
  });

  test('a hanging upstream gives 504 in time; an unreachable one gives 502', async () => {
    await faults({ hang: { count: 1, match: 'all' } });
    const started = performance.now();
    const hung = await proxy.inject('/v1/agents');
    expect(hung.statusCode).toBe(504);
    expect(hung.json().error_code).toBe('UPSTREAM_TIMEOUT');
    expect(performance.now() - started).toBeLessThan(2_000);
    await clearFaults();

    const nowhere = await buildApp({
      dbFile: ':memory:',
      upstream: { apiKey: KEY, baseUrl: 'http://127.0.0.1:9', readOnly: false, timeoutMs: 400 },
    });
    const refused = await nowhere.inject('/v1/agents');
    expect(refused.statusCode).toBe(502);
    expect(refused.json().error_code).toBe('UPSTREAM_UNREACHABLE');
    await nowhere.close();
  });

  test('paths outside the allowlist are 404 here and never reach upstream', async () => {
    const before = seen.length;
    for (const url of [
      `/v1/agents/${DEMO_AGENT_ID}/deployments/active`,
      '/v1/accounts/ws-1/voices',
      '/__emulator/faults',
      '/v2/agents',
    ]) {
      expect((await proxy.inject(url)).statusCode).toBe(404);
    }
    expect((await proxy.inject({ method: 'DELETE', url: '/v1/agents' })).statusCode).toBe(404);
    expect(seen.length).toBe(before);
  });
});

describe('writes', () => {
  test('read-only mode forwards no writes, but lookups still work', async () => {
    const readOnly = await proxyWith({ readOnly: true });
    const before = seen.length;
    const write = await readOnly.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { silence_timeout_seconds: 9 } },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error_code).toBe('READ_ONLY_MODE');
    expect(seen.length).toBe(before);
    const lookup = await readOnly.inject({
      method: 'POST',
      url: `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors/lookup`,
      payload: { phoneNumber: '+34910123456' },
    });
    expect(lookup.statusCode).toBe(200);
    expect(((await readOnly.inject('/api/runtime')).json() as Runtime & { readOnly: boolean }).readOnly).toBe(true);
    await readOnly.close();
  });

  test('If-Match works through the proxy: a stale write is 412 with the current page and is not forwarded', async () => {
    const read = await proxy.inject(page);
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${read.json<ConfigPage>().lastUpdated}"`);
    // Someone writes straight to PolyAI (not through this server).
    await upstream.app.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { silence_timeout_seconds: 20 } },
      headers: { 'x-api-key': KEY },
    });
    const writesBefore = seen.filter((r) => r.method === 'PATCH').length;
    const stale = await proxy.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { silence_timeout_seconds: 9 } },
      headers: { 'if-match': etag },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().data.currentPage.variables.silence_timeout_seconds).toBe(20);
    expect(seen.filter((r) => r.method === 'PATCH').length).toBe(writesBefore);

    const fresh = await proxy.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: { silence_timeout_seconds: 9 } },
      headers: { 'if-match': stale.headers.etag ?? `"${stale.json().data.currentPage.lastUpdated}"` },
    });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers.etag).toBe(`"${fresh.json<ConfigPage>().lastUpdated}"`);
    const runtime = (await proxy.inject('/api/runtime')).json() as Extract<Runtime, { mode: 'proxy' }>;
    expect(runtime.conditionalWriteRaceWindowMs?.samples).toBeGreaterThan(0);
  });

  test('concurrent conditional writes to one page are serialised: exactly one of two racing writers wins', async () => {
    const etag = (await proxy.inject(page)).headers.etag as string;
    const write = (value: number) =>
      proxy.inject({
        method: 'PATCH',
        url: `${page}/variables`,
        payload: { variables: { speaking_rate: value } },
        headers: { 'if-match': etag },
      });
    const statuses = (await Promise.all([write(1.2), write(1.4)])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 412]);
  });
});

describe('unconditional writes to a busy page', () => {
  // A page no other test writes, with a schema that refuses a word where a count goes.
  const busy = `/v1/agents/PROJECT-RIVERSIDE/real-time-configs/pre-release`;
  const history = async () =>
    (
      await proxy.inject(`/api/agents/PROJECT-RIVERSIDE/history?clientEnv=pre-release&kind=variables`)
    ).json<HistoryPage>().entries;
  /**
   * One write that holds the page (the upstream answers slowly), then `writes` sent while it does, all at once. A
   * conditional holder is written alone (the others wait for the page lock); an unconditional one is still re-reading
   * the page when they arrive.
   */
  async function burst(writes: object[], holder: 'conditional' | 'unconditional' = 'conditional') {
    await upstream.app.inject({
      method: 'PUT',
      url: `${busy}/schema`,
      payload: { schema: { type: 'object', patternProperties: { '^burst_': { type: 'integer' } } } },
      headers: { 'x-api-key': KEY },
    });
    await faults({ latencyMs: 100 });
    const patch = (variables: object, headers = {}) =>
      proxy.inject({ method: 'PATCH', url: `${busy}/variables`, payload: { variables }, headers });
    const etag = (await proxy.inject(busy)).headers.etag as string;
    try {
      const holding = patch(
        { holder: holder === 'conditional' ? etag : 'any' },
        holder === 'conditional' ? { 'if-match': etag } : {},
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      const before = seen.filter((r) => r.method === 'PATCH').length;
      const answers = await Promise.all(writes.map((variables) => patch(variables)));
      expect((await holding).statusCode).toBe(200);
      return { answers, patches: seen.filter((r) => r.method === 'PATCH').length - before };
    } finally {
      await clearFaults();
    }
  }

  test('go upstream as one write; each writer gets the page as written and its own history entry', async () => {
    const { answers, patches } = await burst([
      { burst_a: 1 },
      { same: 1 },
      { burst_b: 2 },
      { same: 2 },
      { burst_c: 3 },
    ]);
    expect(
      answers.map((a) => a.statusCode),
      answers[0].body,
    ).toEqual([200, 200, 200, 200, 200]);
    // The holder's own write, then one for the five that waited for it.
    expect(patches).toBe(2);
    const page = answers[0].json<ConfigPage>();
    expect(page.variables).toMatchObject({ burst_a: 1, burst_b: 2, burst_c: 3, same: 2 });
    expect(new Set(answers.map((a) => a.headers.etag))).toEqual(new Set([`"${page.lastUpdated}"`]));
    const stored = (await upstream.app.inject({ url: busy, headers: { 'x-api-key': KEY } })).json<ConfigPage>()
      .variables;
    expect(stored).toMatchObject({ burst_a: 1, burst_b: 2, burst_c: 3, same: 2 });
    // Newest first: each write once, in the order sent; the second write of a key replaced the first's value.
    const entries = (await history()).slice(0, 5).reverse();
    expect(entries.map((entry) => entry.changes)).toEqual([
      [{ key: 'burst_a', after: 1 }],
      [{ key: 'same', after: 1 }],
      [{ key: 'burst_b', after: 2 }],
      [{ key: 'same', before: 1, after: 2 }],
      [{ key: 'burst_c', after: 3 }],
    ]);
    expect(entries.every((entry) => entry.version === page.lastUpdated && entry.outcome === 'applied')).toBe(true);
  });

  test('writes that arrive while a batch re-reads the page go with it', async () => {
    const { answers, patches } = await burst([{ burst_f: 6 }, { burst_g: 7 }], 'unconditional');
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200]);
    expect(patches).toBe(1);
  });

  test('a value the upstream refuses fails only its own writer', async () => {
    const { answers } = await burst([{ burst_d: 4 }, { burst_bad: 'four' }, { burst_e: 5 }]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 400, 200]);
    const stored = (await upstream.app.inject({ url: busy, headers: { 'x-api-key': KEY } })).json<ConfigPage>()
      .variables;
    expect(stored).toMatchObject({ burst_d: 4, burst_e: 5 });
    expect(stored).not.toHaveProperty('burst_bad');
    const keys = (await history()).slice(0, 2).map((entry) => entry.changes[0].key);
    expect(keys).toEqual(['burst_e', 'burst_d']);
  });
});

describe('the key stays on the server', () => {
  test('no response, header, runtime answer or log line contains it', async () => {
    const responses = await Promise.all([
      proxy.inject('/v1/agents'),
      proxy.inject('/api/runtime'),
      proxy.inject(`/v1/agents/${DEMO_AGENT_ID}/real-time-configs/nope`),
      proxy.inject('/v1/not-allowed'),
      proxy.inject({
        method: 'PATCH',
        url: `${page}/variables`,
        payload: '{bad',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    for (const response of responses) {
      expect(response.body).not.toContain(KEY);
      expect(JSON.stringify(response.headers)).not.toContain(KEY);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(KEY);
    expect((await proxy.inject('/api/runtime')).json()).toEqual(
      expect.objectContaining({ mode: 'proxy', region: 'us', upstream: new URL(upstreamUrl).host }),
    );
  });
});

describe('a server nobody else can drive (both modes)', () => {
  test('foreign Host names are refused (DNS rebinding); cross-site writes are refused (CSRF)', async () => {
    const guarded = await buildApp({ dbFile: ':memory:', allowedHosts: ['127.0.0.1:4300', 'localhost:4300'] });
    expect((await guarded.inject({ url: '/v1/agents', headers: { host: 'attacker.example:4300' } })).statusCode).toBe(
      403,
    );
    expect((await guarded.inject({ url: '/v1/agents', headers: { host: '127.0.0.1:4300' } })).statusCode).toBe(200);
    const csrf = await guarded.inject({
      method: 'PATCH',
      url: `${page}/variables`,
      payload: { variables: {} },
      headers: { host: '127.0.0.1:4300', origin: 'http://attacker.example' },
    });
    expect(csrf.statusCode).toBe(403);
    await guarded.close();
  });

  test('every response carries the security headers', async () => {
    for (const response of [
      await proxy.inject('/v1/agents'),
      await proxy.inject('/nope'),
      await upstream.app.inject('/healthz'),
    ]) {
      expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline/);
  });
});
