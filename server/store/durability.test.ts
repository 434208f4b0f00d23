// @vitest-environment node
/**
 * Kills the real server with SIGKILL at random moments while it is acknowledging writes, 50 times, and checks after
 * each kill that the database files are intact and hold every write the server acknowledged, and its history entry.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { seededRandom } from '../seed/scale-data.ts';

const KILLS = 50;
const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-kill-'));
const pagePath = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function startServer(port: number, args: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('server did not start');
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

test(`no acknowledged write is lost and the file stays intact across ${KILLS} SIGKILLs`, async () => {
  const random = seededRandom(7);
  const port = 4700 + Math.floor(Math.random() * 200);
  const acknowledged = new Map<string, number>();

  let server = await startServer(port);
  await fetch(`http://127.0.0.1:${port}${pagePath}/schema`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ schema: { type: 'object' } }),
  });

  for (let kill = 0; kill < KILLS; kill++) {
    const killAt = Date.now() + 20 + random() * 150;
    // Write until the kill: each acknowledged key/value is recorded; a write in flight at the kill may or may not land.
    for (let i = 0; Date.now() < killAt; i++) {
      const key = `k${kill}_${i % 25}`;
      const response = await fetch(`http://127.0.0.1:${port}${pagePath}/variables`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { [key]: i } }),
      }).catch(() => undefined);
      if (response?.ok) acknowledged.set(key, i);
    }
    // Fire one more write and kill while it is in flight.
    const inFlight = fetch(`http://127.0.0.1:${port}${pagePath}/variables`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: { [`inflight_${kill}`]: kill } }),
    }).catch(() => undefined);
    server.kill('SIGKILL');
    await Promise.all([exited(server), inFlight]);

    const db = new Database(path.join(dataDir, 'switchboard.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    server = await startServer(port);
    const page = (await (await fetch(`http://127.0.0.1:${port}${pagePath}`)).json()) as ConfigPage;
    for (const [key, value] of acknowledged) expect(page.variables?.[key], key).toBe(value);
    // And the history holds each acknowledged write (its own store, written before the answer was sent).
    const state = new Database(path.join(dataDir, 'state.sqlite'), { readonly: true });
    expect(state.pragma('integrity_check', { simple: true })).toBe('ok');
    const recorded = new Set(state.prepare("SELECT key || '=' || after_json FROM history_changes").pluck().all());
    state.close();
    for (const [key, value] of acknowledged) expect(recorded.has(`${key}=${value}`), `history of ${key}`).toBe(true);
  }
  server.kill('SIGKILL');
  await exited(server);
  expect(acknowledged.size).toBeGreaterThan(KILLS);
}, 240_000);

test('SIGTERM lets an in-flight write finish, then closes the database cleanly', async () => {
  const port = 4900 + Math.floor(Math.random() * 90);
  const server = await startServer(port, ['--faults']);
  const base = `http://127.0.0.1:${port}`;
  await fetch(`${base}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"latencyMs":600}',
  });
  const write = fetch(`${base}${pagePath}/variables`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variables: { drained: true } }),
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  server.kill('SIGTERM');
  expect((await write).status).toBe(200);
  expect(await exited(server)).toBe(0);
  // A clean close checkpoints the write-ahead log into the main file and removes it.
  expect(existsSync(path.join(dataDir, 'switchboard.sqlite-wal'))).toBe(false);
  const db = new Database(path.join(dataDir, 'switchboard.sqlite'), { readonly: true });
  const row = db
    .prepare(
      "SELECT value_json FROM config_variables WHERE agent_id = ? AND client_env = 'sandbox' AND key = 'drained'",
    )
    .get(DEMO_AGENT_ID) as { value_json: string } | undefined;
  db.close();
  expect(row?.value_json).toBe('true');
}, 30_000);
