/** Starting and stopping the servers a benchmark measures, each in its own process on loopback. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function waitForUrl(url: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export type Running = { url: string; stop: () => Promise<void> };

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Our server on a fresh database (emulator mode); `args` such as `--scale`. */
export async function startSwitchboard(port: number, args: string[] = []): Promise<Running> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/readyz`);
  return { url, stop: stopper(child) };
}

/** json-server 0.17 serving `dbFile`. */
export async function startJsonServer(port: number, dbFile: string, probePath: string): Promise<Running> {
  const child = spawn(
    path.resolve('node_modules/.bin/json-server'),
    [dbFile, '--port', String(port), '--host', '127.0.0.1', '--quiet'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}${probePath}`);
  return { url, stop: stopper(child) };
}
