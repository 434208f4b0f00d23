import { CLIENT_ENVS } from '../../contract/agents-api.ts';
import type { Db } from '../store/database.ts';
import { ttsLangCodeOf } from '../../contract/voices.ts';
import { DEMO_ACCOUNT_ID } from './demo-agents.ts';
import { insertVariables } from './seed.ts';
import { generatedSchema, generatedTelephony, generatedVariables } from './scale-data.ts';
import { COMPARE_SCALE, SCALE } from './scale-size.ts';

export const SCALE_AGENT_ID = 'PROJECT-SCALE';
export const COMPARE_SCALE_AGENT_ID = 'PROJECT-SCALE-COMPARE';

/**
 * Adds the benchmark agents (idempotent): a 2,000-property config with 10,000 connectors and 20,000 numbers, and a
 * 5,000-key config whose environments differ in a few hundred keys (the compare benchmark).
 */
export function seedScaleAgents(db: Db) {
  seedCompareAgent(db);
  if (db.prepare('SELECT 1 FROM agents WHERE agent_id = ?').get(SCALE_AGENT_ID)) return false;
  const { connectors, numbers } = generatedTelephony(SCALE.connectors, SCALE.phoneNumbers);
  db.transaction(() => {
    insertGeneratedAgent(db, SCALE_AGENT_ID, 'Scale test agent', SCALE.variables);
    const connector = db.prepare('INSERT INTO connectors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const c of connectors) {
      connector.run(
        c.connectorId,
        SCALE_AGENT_ID,
        DEMO_ACCOUNT_ID,
        c.name,
        c.clientEnv,
        c.variantId,
        c.asrLangCode,
        ttsLangCodeOf(c.voiceName) ?? '',
        c.voiceName,
        c.disableHandoff ? 1 : 0,
      );
    }
    const phone = db.prepare('INSERT INTO phone_numbers VALUES (?, ?, ?, ?, ?)');
    for (const n of numbers) phone.run(n.number, SCALE_AGENT_ID, DEMO_ACCOUNT_ID, n.clientEnv, n.connectorId);
  }).immediate();
  return true;
}

function seedCompareAgent(db: Db) {
  if (db.prepare('SELECT 1 FROM agents WHERE agent_id = ?').get(COMPARE_SCALE_AGENT_ID)) return;
  db.transaction(() =>
    insertGeneratedAgent(
      db,
      COMPARE_SCALE_AGENT_ID,
      'Compare scale test agent',
      COMPARE_SCALE.variables,
      COMPARE_SCALE.changeEvery,
    ),
  ).immediate();
}

/** An agent whose three pages share one generated schema; each environment's values differ about one in `changeEvery`. */
function insertGeneratedAgent(db: Db, agentId: string, name: string, count: number, changeEvery?: number) {
  const created = '2026-01-05T08:00:00.000Z';
  const schema = JSON.stringify(generatedSchema(count));
  db.prepare('INSERT INTO agents VALUES (?, ?, ?, ?, ?)').run(agentId, DEMO_ACCOUNT_ID, name, created, created);
  const page = db.prepare(
    'INSERT INTO config_pages (agent_id, client_env, schema_json, last_updated) VALUES (?, ?, ?, ?)',
  );
  CLIENT_ENVS.forEach((env, i) => {
    page.run(agentId, env, schema, created);
    insertVariables(db, agentId, env, generatedVariables(count, i, changeEvery));
  });
}
