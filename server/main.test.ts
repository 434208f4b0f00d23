// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';

test('listening beyond loopback needs --allow-remote, and says why', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, HOST: '0.0.0.0', PORT: '0', DATA_DIR: 'test-results/never-created' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.status).not.toBe(0);
  expect(run.stderr).toMatch(/HOST=0\.0\.0\.0 would expose Switchboard beyond this machine: add --allow-remote/);
  expect(existsSync('test-results/never-created')).toBe(false);
}, 30_000);

test('on SIGTERM a replica first says it is not ready (load balancers move away), still answers, then exits cleanly', async () => {
  const { startServerProcess } = await import('./test/server-process.ts');
  const server = await startServerProcess({ DRAIN_DELAY_MS: '1500' });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  server.child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toEqual({ ok: false, reason: 'shutting down' });
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${server.url}/v1/agents`)).status).toBe(200);
  expect(await server.stop()).toBe(0);
}, 30_000);
