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
