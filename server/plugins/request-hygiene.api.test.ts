// @vitest-environment node
/** Every answer carries the same headers and checks, whatever produced it; hand-written requests get clean refusals. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { rawRequest, trickle } from '../test/raw-http.ts';
import { ownHostNames, CONTENT_SECURITY_POLICY } from './security.ts';

let app: Awaited<ReturnType<typeof buildApp>>;
let port: number;
let own: string;
const page = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;

beforeAll(async () => {
  // The server binds first and learns its port, then answers only its own names (as main.ts does).
  const probe = await buildApp({ dbFile: ':memory:' });
  await probe.listen({ port: 0, host: '127.0.0.1' });
  port = (probe.server.address() as AddressInfo).port;
  await probe.close();
  app = await buildApp({
    dbFile: ':memory:',
    allowedHosts: [...ownHostNames('127.0.0.1', port), 'https://console.example'],
    timeouts: { headersMs: 300, requestMs: 600 },
  });
  await app.listen({ port, host: '127.0.0.1' });
  own = `127.0.0.1:${port}`;
});
afterAll(() => app.close());

const expectCommonHeaders = (headers: Record<string, unknown>) => {
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-polyai-correlation-id']).toBeTruthy();
  expect(headers['cache-control']).toBe('no-store');
};

describe('router errors go through the same door as everything else', () => {
  test.each([
    ['a malformed % escape', `/v1/agents/%E0%A4%A/real-time-configs`, 400],
    ['an over-long path segment', `/v1/agents/${'x'.repeat(300)}/real-time-configs`, 414],
  ])('%s: the envelope, every security header, no-store', async (_name, url, status) => {
    const response = await app.inject({ url, headers: { host: own } });
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ success: false });
    expectCommonHeaders(response.headers);
  });

  test('and the Host check: a foreign Host with a malformed URL is refused as a foreign Host', async () => {
    const response = await app.inject({
      url: `/v1/agents/%E0%A4%A/real-time-configs`,
      headers: { host: 'attacker.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error_code).toBe('HOST_NOT_ALLOWED');
    expectCommonHeaders(response.headers);
  });
});

describe('answers are never cached', () => {
  test.each([page, '/v1/agents', '/api/runtime', '/api/openapi.json', '/v1/nope'])(
    '%s: Cache-Control no-store',
    async (url) => {
      expectCommonHeaders((await app.inject({ url, headers: { host: own } })).headers);
    },
  );
});

describe('origins are compared whole: scheme, host and port', () => {
  const write = (origin: string, host = own) =>
    app.inject({ method: 'PATCH', url: `${page}/variables`, payload: { variables: {} }, headers: { host, origin } });
  test.each([
    [`https://127.0.0.1:PORT`, 'another scheme'],
    [`http://127.0.0.1:1`, 'another port'],
    [`http://localhost:PORT`, 'another of our names, not the Host the request used'],
    ['null', 'an opaque origin'],
  ])('%s (%s) is refused', async (origin, _why) => {
    expect((await write(origin.replace('PORT', String(port)))).statusCode).toBe(403);
  });
  test('the server’s own origin, and an https origin the operator named for its own Host, may write', async () => {
    expect((await write(`http://${own}`)).statusCode).toBe(200);
    expect((await write('https://console.example', 'console.example')).statusCode).toBe(200);
    expect((await write('https://console.example', own)).statusCode).toBe(403);
    expect((await write('http://console.example', 'console.example')).statusCode).toBe(403);
  });
});

describe('requests written by hand', () => {
  test('two Host headers are refused', async () => {
    const response = await rawRequest(port, `GET /v1/agents HTTP/1.1\r\nHost: ${own}\r\nHost: attacker.example`);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error_message).toMatch(/one Host header/);
  });

  test.each([
    [
      'Content-Length beside Transfer-Encoding (request smuggling)',
      `POST ${'/v1/agents/A/telephony/connectors/lookup'} HTTP/1.1\r\nHOST\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nContent-Length: 4`,
      400,
    ],
    ['a header section over 16 kB', `GET /v1/agents HTTP/1.1\r\nHOST\r\nX-Big: ${'a'.repeat(20_000)}`, 431],
    ['a request line that is not HTTP', 'GET /v1/agents HTTP/9.Z\r\nHOST', 400],
  ])('%s: refused by the parser, answered in our envelope with our headers', async (_name, head, status) => {
    const response = await rawRequest(
      port,
      head.replace('HOST', `Host: ${own}`),
      status === 400 && head.includes('chunked') ? '0\r\n\r\n' : '',
    );
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body)).toMatchObject({ success: false, data: null });
    expectCommonHeaders(response.headers);
  });

  test('an absolute-form target is refused, even one naming this server', async () => {
    const response = await rawRequest(port, `GET http://${own}/v1/agents HTTP/1.1\r\nHost: ${own}`);
    expect(response.status).toBe(400);
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  test('a client that never finishes its headers, or its body, is cut off; others are served meanwhile', async () => {
    const slowHeaders = trickle(port, `GET /v1/agents HTTP/1.1\r\nHost: ${own}\r\nX-Slow: `);
    const slowBody = trickle(
      port,
      `PATCH ${page}/variables HTTP/1.1\r\nHost: ${own}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"vari`,
    );
    const meanwhile = await rawRequest(port, `GET /v1/agents HTTP/1.1\r\nHost: ${own}`);
    expect(meanwhile.status).toBe(200);
    // Closed after the timeouts (300 / 600 ms), checked every 150 ms; not held open for the client's convenience.
    expect(await slowHeaders).toBeLessThan(3_000);
    expect(await slowBody).toBeLessThan(3_000);
  });
});
