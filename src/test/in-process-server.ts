/**
 * Runs the real server (emulator on a temporary SQLite file) inside the test process and routes the app's fetch
 * calls to it, so component tests exercise our real API and storage instead of mocks.
 */
import { vi } from 'vitest';
import { createTestApp } from '../../server/test/test-app.ts';

export type RecordedRequest = {
  method: string;
  url: string;
  body: unknown;
  status?: number;
  headers: Record<string, string>;
};

export async function startInProcessServer() {
  const server = await createTestApp({ faultInjection: true });
  const requests: RecordedRequest[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const recorded: RecordedRequest = { method, url, body: body === undefined ? undefined : JSON.parse(body), headers };
    requests.push(recorded);
    const response = await server.app.inject({ method: method as 'GET', url, headers, payload: body });
    recorded.status = response.statusCode;
    return new Response(response.body, {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
    });
  });
  return {
    app: server.app,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    /** Writes the server applied (2xx), as method, url and body. */
    appliedWrites: () =>
      requests
        .filter((r) => r.method !== 'GET' && r.status! < 300)
        .map(({ method, url, body }) => ({ method, url, body })),
    /** Test-only faults of the emulator (see server/plugins/fault-injection.ts). */
    injectFaults: (settings: object) =>
      server.app.inject({ method: 'POST', url: '/__emulator/faults', payload: settings }),
    async close() {
      vi.unstubAllGlobals();
      await server.close();
    },
  };
}
