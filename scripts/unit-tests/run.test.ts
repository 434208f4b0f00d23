// @vitest-environment node
/** The guard as `npm run test:unit` runs it, on a Vitest project whose global setup ends the runner with code 0. */
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

const runner = (tests: string) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/unit-tests/run.ts', '--config', 'scripts/unit-tests/fixture/vitest.config.ts'],
    {
      env: { ...process.env, FIXTURE_TESTS: tests },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

describe('npm run test:unit', () => {
  test('exits 1 on a failing test even when Vitest’s exit code is swallowed', () => {
    const run = runner('failing.check.ts');
    expect(run.stderr).toContain('Unit tests failed: 1 failed test(s)');
    expect(run.status).toBe(1);
  }, 60_000);

  test('exits 0 when every test passes', () => {
    const run = runner('passing.check.ts');
    expect(run.stderr).not.toContain('Unit tests failed');
    expect(run.status).toBe(0);
  }, 60_000);
});
