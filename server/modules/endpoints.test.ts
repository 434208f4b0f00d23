// @vitest-environment node
import { expect, test } from 'vitest';
import { ENDPOINTS } from '../../contract/endpoints.ts';
import { buildApp } from '../app.ts';

test('the emulator and its OpenAPI document cover exactly the contract endpoints (the proxy allowlist)', async () => {
  const app = await buildApp({ dbFile: ':memory:' });
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const served = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((m) => m !== 'head')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
  const contract = ENDPOINTS.map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
  expect(served.sort()).toEqual(contract.sort());
  await app.close();
});
