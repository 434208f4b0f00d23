// @vitest-environment node
/** A page version, once answered, never changes: not when later writes land, not when it is answered after them. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ConfigPage } from '../../../contract/agents-api.ts';
import { seedIfEmpty } from '../../seed/seed.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { openDatabase } from '../../store/database.ts';
import { CheckPool } from '../../validation/check-pool.ts';
import { ConfigChecks } from '../../validation/config-checks.ts';
import { createAgentsRepository } from '../agents/agents.repository.ts';
import { createConfigsRepository } from './configs.repository.ts';

const db = openDatabase(':memory:');
seedIfEmpty(db);
const pool = new CheckPool({ size: 1, budgetMs: 3_000 });
const configs = createConfigsRepository(db, createAgentsRepository(db), new ConfigChecks(pool, 3_000));
afterAll(async () => {
  await pool.close();
  db.close();
});
beforeAll(async () => {
  await configs.putSchema(DEMO_AGENT_ID, 'sandbox', { type: 'object' });
});

test('a version read before a write keeps its own values and bytes', async () => {
  const before = configs.get(DEMO_AGENT_ID, 'sandbox');
  const beforeText = new TextDecoder().decode(before.bytes);
  const after = await configs.patchVariables(DEMO_AGENT_ID, 'sandbox', { greeting_message: 'Changed' });
  expect(before.page().variables?.greeting_message).not.toBe('Changed');
  expect(new TextDecoder().decode(before.bytes)).toBe(beforeText);
  expect(after.page().variables?.greeting_message).toBe('Changed');
  expect(after.lastUpdated! > before.lastUpdated!).toBe(true);
  // A copy: changing it changes nothing stored.
  after.page().variables!.greeting_message = 'Tampered';
  expect(configs.get(DEMO_AGENT_ID, 'sandbox').page().variables?.greeting_message).toBe('Changed');
});

test('a 412 answered after later writes of its group shows the version it names, not theirs', async () => {
  const base = configs.get(DEMO_AGENT_ID, 'sandbox');
  // Three writes in one event-loop turn share one transaction: the second is stale once the first lands, the third
  // lands after it.
  const first = configs.patchVariables(DEMO_AGENT_ID, 'sandbox', { x: 1 });
  const stale = configs
    .patchVariables(DEMO_AGENT_ID, 'sandbox', { x: 2 }, `"${base.lastUpdated}"`)
    .catch((error: unknown) => error);
  const third = configs.patchVariables(DEMO_AGENT_ID, 'sandbox', { x: 3 });
  const [afterFirst, refused] = await Promise.all([first, stale, third]);
  const currentPage = (refused as { statusCode: number; data: { currentPage: ConfigPage } }).data.currentPage;
  expect((refused as { statusCode: number }).statusCode).toBe(412);
  expect(currentPage.lastUpdated).toBe(afterFirst.lastUpdated);
  expect(currentPage.variables?.x).toBe(1);
});

test('a page answer carries every property of the contract page', () => {
  expect(Object.keys(configs.get(DEMO_AGENT_ID, 'sandbox').page()).sort()).toEqual(
    Object.keys(ConfigPage.properties).sort(),
  );
});
