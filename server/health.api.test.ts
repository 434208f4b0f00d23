// @vitest-environment node
/**
 * Liveness and readiness when Switchboard's own store is gone (a Postgres outage): the process is still alive, so
 * `/healthz` must not make an orchestrator restart it; `/readyz` says why it should get no traffic; API requests fail
 * with a plain error, at once.
 */
import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { buildApp } from './app.ts';
import { freshDatabase } from './test/postgres.ts';

test('with its store unreachable a replica is alive but not ready, and says so', async () => {
  const url = await freshDatabase(inject('postgresUrl'));
  const app = await buildApp({ dbFile: ':memory:', stateStore: url });
  try {
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    // The database goes away under the running server.
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`drop database ${new URL(url).pathname.slice(1)} with (force)`);
    await admin.end();

    expect((await app.inject('/healthz')).json()).toEqual({ ok: true });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ ok: false, reason: "Switchboard's state database does not answer" });
    const api = await app.inject('/api/settings/history');
    expect(api.statusCode).toBeGreaterThanOrEqual(500);
    expect(api.json()).toMatchObject({ success: false });
  } finally {
    await app.close().catch(() => undefined);
  }
});
