// @vitest-environment node
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { buildApp } from '../../app.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp } from '../../test/test-app.ts';

const page = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
  await ctx.app.inject({ method: 'PUT', url: `${page}/schema`, payload: { schema: { type: 'object' } } });
});
afterEach(() => ctx.close());

test('a write the database rolls back halfway leaves no trace in later answers', async () => {
  // Make SQLite fail on the second key of a write (as a full disk would), after the first key was written.
  const db = new Database(ctx.dbFile);
  db.exec(`CREATE TRIGGER fail_on_boom BEFORE INSERT ON config_variables WHEN NEW.key = 'boom'
           BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  db.close();

  const failed = await ctx.app.inject({
    method: 'PATCH',
    url: `${page}/variables`,
    payload: { variables: { first: 1, boom: 2 } },
  });
  expect(failed.statusCode).toBe(500);

  const next = await ctx.app.inject({
    method: 'PATCH',
    url: `${page}/variables`,
    payload: { variables: { later: 3 } },
  });
  const variables = next.json<ConfigPage>().variables ?? {};
  expect(variables.later).toBe(3);
  expect(variables).not.toHaveProperty('first');
  expect(variables).not.toHaveProperty('boom');
  // What the server answers is what is on disk.
  const cold = await buildApp({ dbFile: ctx.dbFile });
  expect((await cold.inject(page)).body).toBe((await ctx.app.inject(page)).body);
  await cold.close();
});
