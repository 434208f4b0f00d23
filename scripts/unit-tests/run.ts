/**
 * `npm run test:unit [-- vitest arguments]`: Vitest with a JSON report beside its usual output, then the verdict of
 * both (verdict.ts). Exits 1 when either says a test failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unitTestVerdict } from './verdict.ts';

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-vitest-'));
const reportFile = path.join(dir, 'report.json');
const args = [
  'run',
  ...process.argv.slice(2),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
];
// A run inside another Vitest (the guard's own test) must not look like one of its workers.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));

const exitCode = await new Promise<number | null>((resolve) => {
  const child = spawn(process.execPath, [vitest, ...args], { stdio: 'inherit', env });
  child.once('exit', (code, signal) => resolve(signal ? null : code));
});
let reportText: string | undefined;
try {
  reportText = readFileSync(reportFile, 'utf8');
} catch {
  reportText = undefined;
}
rmSync(dir, { recursive: true, force: true });

const verdict = unitTestVerdict(exitCode, reportText);
if (!verdict.pass) {
  console.error(`\nUnit tests failed: ${verdict.reason}.`);
  process.exit(1);
}
