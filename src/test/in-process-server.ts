/**
 * Runs the real server (emulator on a temporary SQLite file) inside the test process and routes the app's fetch
 * calls to it, so component tests exercise our real API and storage instead of mocks.
 */
import { vi } from 'vitest';
import { createTestApp } from '../../server/test/test-app.ts';

export type RecordedRequest = { method: string; url: string; body: unknown };

export async function startInProcessServer() {
  const server = await createTestApp();
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? init.body : undefined;
    requests.push({ method, url, body: body === undefined ? undefined : JSON.parse(body) });
    const response = await server.app.inject({
      method: method as 'GET',
      url,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      payload: body,
    });
    return new Response(response.body, { status: response.statusCode, headers: response.headers as Record<string, string> });
  });
  return {
    app: server.app,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    async close() {
      vi.unstubAllGlobals();
      await server.close();
    },
  };
}
