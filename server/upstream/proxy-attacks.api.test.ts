// @vitest-environment node
/**
 * The proxy under requests no browser would send, written byte for byte on a socket, against an upstream that records
 * everything it receives: the upstream must only ever see allowlisted endpoints with well-formed ids, and the key must
 * never come back to the client.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ENDPOINTS } from '../../contract/endpoints.ts';
import { buildApp } from '../app.ts';
import { rawRequest } from '../test/raw-http.ts';

const KEY = 'sk-attack-test-5e6f7a8b9c';
type Seen = { method: string; url: string; headers: IncomingMessage['headers'] };
const seen: Seen[] = [];
/** How the recording upstream answers; by default a plausible JSON page for any path. */
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const answerJson = (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ clientEnv: 'sandbox', schema: {}, variables: {}, lastUpdated: '2026-11-30T00:00:00.000Z' }));
};

let upstream: Server;
let proxy: Awaited<ReturnType<typeof buildApp>>;
let readOnlyProxy: Awaited<ReturnType<typeof buildApp>>;
let port: number;
let readOnlyPort: number;

const listen = async (app: Awaited<ReturnType<typeof buildApp>>) => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.server.address() as AddressInfo).port;
};

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await buildApp({ dbFile: ':memory:', upstream: { apiKey: KEY, baseUrl, readOnly: false, timeoutMs: 2_000 } });
  readOnlyProxy = await buildApp({
    dbFile: ':memory:',
    upstream: { apiKey: KEY, baseUrl, readOnly: true, timeoutMs: 2_000 },
  });
  port = await listen(proxy);
  readOnlyPort = await listen(readOnlyProxy);
});
afterAll(async () => {
  await proxy.close();
  await readOnlyProxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  answer = answerJson;
});

/** Whether an upstream request is one of the contract's endpoints, every id a plain segment. */
function isAllowlisted({ method, url }: Seen): boolean {
  const [path, query] = url.split('?');
  return ENDPOINTS.some((endpoint) => {
    if (endpoint.method !== method) return false;
    const shape = new RegExp(`^${endpoint.path.replace(/:\w+/g, '([^/]+)')}$`);
    const match = shape.exec(path);
    if (!match) return false;
    const idsOk = match.slice(1).every((segment) => {
      const id = decodeURIComponent(segment);
      return (
        id !== '.' &&
        id !== '..' &&
        !/[/\\%]/.test(id) &&
        ![...id].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
      );
    });
    return idsOk && (query === undefined || (endpoint.query !== undefined && /^connectorId=[\w+-]+$/.test(query)));
  });
}

const host = (p: number) => `Host: 127.0.0.1:${p}`;
const patchBody = JSON.stringify({ variables: { greeting_message: 'pwned' } });

describe('paths that would reach another endpoint upstream are refused here', () => {
  test.each([
    [
      'backslashes and dots in a connector id',
      'GET /v1/agents/A/telephony/connectors/..\\..\\..\\..\\..\\api\\openapi.json HTTP/1.1',
    ],
    ['percent-encoded dot segment', 'GET /v1/agents/A/telephony/connectors/%2e%2e HTTP/1.1'],
    ['a lone dot', 'GET /v1/agents/./real-time-configs HTTP/1.1'],
    ['an encoded slash in the agent', 'GET /v1/agents/A%2F..%2F..%2Fapi/real-time-configs HTTP/1.1'],
    ['an encoded backslash in the agent', 'GET /v1/agents/..%5C..%5Capi/real-time-configs HTTP/1.1'],
    ['double-encoded dots', 'GET /v1/agents/%252e%252e/real-time-configs HTTP/1.1'],
    ['CR LF in an id (header injection upstream)', 'GET /v1/agents/A%0d%0aX-Injected:%201/real-time-configs HTTP/1.1'],
    ['a NUL in a phone number', 'GET /v1/agents/A/telephony/phone-numbers/%2B44%00 HTTP/1.1'],
    [
      'a DELETE spelled to land elsewhere',
      'DELETE /v1/agents/A/telephony/phone-numbers/..\\..\\..\\..\\agents HTTP/1.1',
    ],
    [
      'a variables PATCH spelled through a connector (no If-Match check)',
      `PATCH /v1/agents/A/telephony/connectors/..\\..\\real-time-configs\\sandbox\\variables HTTP/1.1\r\nContent-Type: application/json`,
      patchBody,
    ],
    [
      'a schema PUT with encoded dots',
      `PUT /v1/agents/A/real-time-configs/%2e%2e/schema HTTP/1.1\r\nContent-Type: application/json`,
      '{"schema":{}}',
    ],
    ['a raw dot-dot path', 'GET /v1/agents/../../api/openapi.json HTTP/1.1'],
    ['an absolute-form target to another host', 'GET http://attacker.example/v1/agents HTTP/1.1'],
    ['an absolute-form target to this very server', 'GET http://127.0.0.1/v1/agents HTTP/1.1'],
    ['an asterisk target', 'OPTIONS * HTTP/1.1'],
  ])('%s: a 4xx here, nothing upstream', async (_name, requestLine, body = '') => {
    const response = await rawRequest(port, `${requestLine}\r\n${host(port)}`, body);
    expect(response.status, response.raw).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.body)).toMatchObject({ success: false });
    expect(seen).toEqual([]);
  });

  test('read-only mode: a lookup POST spelled to reach another path is refused, and a real lookup still works', async () => {
    const tricked = await rawRequest(
      readOnlyPort,
      `POST /v1/agents/..\\..\\..\\x\\y/telephony/connectors/lookup HTTP/1.1\r\n${host(readOnlyPort)}\r\nContent-Type: application/json`,
      '{"phoneNumber":"+1"}',
    );
    expect(tricked.status).toBe(400);
    const write = await rawRequest(
      readOnlyPort,
      `PATCH /v1/agents/A/real-time-configs/sandbox/variables HTTP/1.1\r\n${host(readOnlyPort)}\r\nContent-Type: application/json`,
      patchBody,
    );
    expect(write.status).toBe(403);
    expect(seen).toEqual([]);
    const lookup = await rawRequest(
      readOnlyPort,
      `POST /v1/agents/A/telephony/connectors/lookup HTTP/1.1\r\n${host(readOnlyPort)}\r\nContent-Type: application/json`,
      '{"phoneNumber":"+1"}',
    );
    expect(lookup.status).toBe(200);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /v1/agents/A/telephony/connectors/lookup']);
  });

  test('the upstream URL is rebuilt from the endpoint: ids re-encoded, only the query parameters it takes', async () => {
    await rawRequest(
      port,
      `GET /v1/agents/PROJECT-A/telephony/phone-numbers?connectorId=conn_1&next=..%2F..%2Fapi&x=1 HTTP/1.1\r\n${host(port)}`,
    );
    await rawRequest(
      port,
      `GET /v1/agents/PROJECT-A/telephony/phone-numbers/%2B442079460100 HTTP/1.1\r\n${host(port)}`,
    );
    await rawRequest(port, `GET /v1/agents/PROJECT-A/telephony/phone-numbers/+442079460100 HTTP/1.1\r\n${host(port)}`);
    expect(seen.map((s) => s.url)).toEqual([
      '/v1/agents/PROJECT-A/telephony/phone-numbers?connectorId=conn_1',
      '/v1/agents/PROJECT-A/telephony/phone-numbers/%2B442079460100',
      '/v1/agents/PROJECT-A/telephony/phone-numbers/%2B442079460100',
    ]);
    expect(seen.every(isAllowlisted)).toBe(true);
    // Nothing the client sent besides the body reaches upstream: our own headers only.
    expect(Object.keys(seen[0].headers).sort()).toEqual(
      [
        'accept',
        'accept-encoding',
        'accept-language',
        'connection',
        'host',
        'sec-fetch-mode',
        'user-agent',
        'x-api-key',
        'x-poly-source',
        'x-polyai-correlation-id',
      ]
        .filter((h) => h in seen[0].headers)
        .sort(),
    );
    expect(seen[0].headers['x-api-key']).toBe(KEY);
  });

  test('a conditional write spelled oddly is still the page write it names, checked before anything is forwarded', async () => {
    const stale = await rawRequest(
      port,
      `PATCH /v1/agents/PROJECT-A/real-time-configs/sandbox/variables?x=/../../connectors HTTP/1.1\r\n${host(port)}\r\nContent-Type: application/json\r\nIf-Match: "2020-01-01T00:00:00.000Z"`,
      patchBody,
    );
    expect(stale.status).toBe(412);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['GET /v1/agents/PROJECT-A/real-time-configs/sandbox']);
  });
});

describe('what comes back from upstream', () => {
  test('the key is scrubbed from anything relayed, however the upstream spells it', async () => {
    answer = (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: `invalid key ${req.headers['x-api-key']}`,
          echo: req.headers,
          link: `https://x/?k=${encodeURIComponent(KEY)}`,
        }),
      );
    };
    const response = await rawRequest(port, `GET /v1/agents HTTP/1.1\r\n${host(port)}`);
    expect(response.status).toBe(401);
    expect(response.raw).not.toContain(KEY);
    expect(response.raw).not.toContain(encodeURIComponent(KEY));
    expect(JSON.parse(response.body).error).toBe('invalid key [redacted]');
  });

  test('an HTML answer is never served from the console origin as HTML', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><script>alert(document.domain)</script></html>');
    };
    const ok = await rawRequest(port, `GET /v1/agents HTTP/1.1\r\n${host(port)}`);
    expect(ok.status).toBe(502);
    expect(ok.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(ok.body).error_code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(ok.body).not.toContain('<script>');

    answer = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body><h1>503 Service Unavailable</h1><script>steal()</script></body></html>');
    };
    const failed = await rawRequest(port, `GET /v1/agents HTTP/1.1\r\n${host(port)}`);
    expect(failed.status).toBe(503);
    expect(failed.headers['content-type']).toMatch(/^application\/json/);
    expect(failed.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(failed.body);
    expect(body.error_code).toBe('UPSTREAM_ERROR');
    expect(body.error_message).toContain('503 Service Unavailable');
  });
});
