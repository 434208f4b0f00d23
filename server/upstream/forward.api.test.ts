// @vitest-environment node
/**
 * What PolyAI's API may answer besides plain JSON, from a bare HTTP server standing in for it: compressed answers,
 * redirects, encodings never asked for and answers that decompress to far more than they weigh.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp } from '../app.ts';
import { MAX_DECODED_BYTES } from './forward.ts';

const KEY = 'sk-test-forward-0123456789';
/** How the stand-in answers `GET /v1/agents` next; every request it receives is kept. */
let answer: (req: IncomingMessage, res: ServerResponse) => void;
const received: IncomingMessage[] = [];
let upstream: Server;
let proxy: Awaited<ReturnType<typeof buildApp>>;

const agents = [{ id: 'AGENT-1', name: 'A'.repeat(5_000) }];
const json = (res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);

beforeAll(async () => {
  upstream = createServer((req, res) => {
    received.push(req);
    answer(req, res);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  proxy = await buildApp({
    dbFile: ':memory:',
    upstream: { apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, readOnly: false, timeoutMs: 2_000 },
  });
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

test('compressed answers are asked for and reach the browser decoded', async () => {
  for (const [encoding, compress] of [
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
  ] as const) {
    answer = (_req, res) => json(res, 200, compress(JSON.stringify(agents)), { 'content-encoding': encoding });
    const response = await proxy.inject('/v1/agents');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(agents);
    expect(received.at(-1)!.headers['accept-encoding']).toContain(encoding);
  }
});

test('one config page (read or written) is asked for plain: compressing it costs more than it saves', async () => {
  const page = {
    clientEnv: 'sandbox',
    lastUpdated: '2026-11-30T10:00:00.000Z',
    schema: { type: 'object' },
    variables: { greeting: 'hi' },
  };
  answer = (_req, res) => json(res, 200, JSON.stringify(page));
  const url = '/v1/agents/AGENT-1/real-time-configs/sandbox';
  expect((await proxy.inject(url)).json()).toEqual(page);
  expect(received.at(-1)!.headers['accept-encoding']).toBe('identity');
  const write = await proxy.inject({
    method: 'PATCH',
    url: `${url}/variables`,
    payload: { variables: { greeting: 'hi' } },
  });
  expect(write.statusCode).toBe(200);
  expect(received.slice(-2).map((req) => [req.method, req.headers['accept-encoding']])).toEqual([
    ['GET', 'identity'],
    ['PATCH', 'identity'],
  ]);
});

test('an answer that starts and then stalls is cut off at the timeout: 504, and the server goes on', async () => {
  answer = (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[{"id": "AGENT-1", "na');
  };
  const started = performance.now();
  const stalled = await proxy.inject('/v1/agents');
  expect(stalled.statusCode).toBe(504);
  expect(stalled.json().error_code).toBe('UPSTREAM_TIMEOUT');
  expect(performance.now() - started).toBeLessThan(4_000);
  answer = (_req, res) => json(res, 200, JSON.stringify(agents));
  expect((await proxy.inject('/v1/agents')).statusCode).toBe(200);
});

test('a redirect is not followed: the key never goes where it points', async () => {
  let followed = 0;
  const elsewhere = createServer((_req, res) => {
    followed++;
    json(res, 200, '[]');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const { port } = elsewhere.address() as AddressInfo;
  answer = (_req, res) => json(res, 307, '{}', { location: `http://127.0.0.1:${port}/v1/agents` });
  const response = await proxy.inject('/v1/agents');
  expect(response.statusCode).toBe(502);
  expect(response.json()).toMatchObject({
    error_code: 'UPSTREAM_INVALID_RESPONSE',
    error: expect.stringContaining('redirect'),
  });
  expect(followed).toBe(0);
  await new Promise((resolve) => elsewhere.close(resolve));
});

test('an encoding never asked for, a corrupt body and a decompression bomb are refused with a plain reason', async () => {
  answer = (_req, res) => json(res, 200, 'x', { 'content-encoding': 'zstd' });
  const unknown = await proxy.inject('/v1/agents');
  expect(unknown.statusCode).toBe(502);
  expect(unknown.json().error).toContain('encoding Switchboard did not ask for (zstd)');
  // Encodings stacked on one another are not what was asked for either.
  answer = (_req, res) => json(res, 200, brotliCompressSync(gzipSync('[]')), { 'content-encoding': 'gzip, br' });
  expect((await proxy.inject('/v1/agents')).json().error).toContain('did not ask for (gzip, br)');

  answer = (_req, res) => json(res, 200, 'not gzip at all', { 'content-encoding': 'gzip' });
  const corrupt = await proxy.inject('/v1/agents');
  expect(corrupt.statusCode).toBe(502);
  expect(corrupt.json().error).toContain('could not be decompressed');

  // A few hundred kilobytes on the wire, past the limit once decoded.
  const bomb = gzipSync(Buffer.alloc(MAX_DECODED_BYTES + 1, 32), { level: 1 });
  answer = (_req, res) => json(res, 200, bomb, { 'content-encoding': 'gzip' });
  const tooLarge = await proxy.inject('/v1/agents');
  expect(tooLarge.statusCode).toBe(502);
  expect(tooLarge.json().error).toContain('larger than 64 MiB once decompressed');

  // The server is still there for the next request.
  answer = (_req, res) => json(res, 200, JSON.stringify(agents));
  expect((await proxy.inject('/v1/agents')).statusCode).toBe(200);
});
