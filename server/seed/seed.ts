import { CLIENT_ENVS, type JsonObject } from '../../contract/agents-api.ts';
import type { Db } from '../store/database.ts';
import { DEMO_ACCOUNT_ID, DEMO_AGENTS, type SeedAgent } from './demo-agents.ts';
import { ttsLangCodeOf } from '../../contract/voices.ts';

/** Seeds the demo workspace into an empty database; a database that already holds agents is left alone. */
export function seedIfEmpty(db: Db, agents: SeedAgent[] = DEMO_AGENTS): boolean {
  const { count } = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM agents').get()!;
  if (count > 0) return false;
  db.transaction(() => insertAgents(db, agents)).immediate();
  return true;
}

function insertAgents(db: Db, agents: SeedAgent[]) {
  const agent = db.prepare('INSERT INTO agents VALUES (?, ?, ?, ?, ?)');
  const page = db.prepare(
    'INSERT INTO config_pages (agent_id, client_env, schema_json, last_updated) VALUES (?, ?, ?, ?)',
  );
  const connector = db.prepare('INSERT INTO connectors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const phone = db.prepare('INSERT INTO phone_numbers VALUES (?, ?, ?, ?, ?)');
  for (const seed of agents) {
    agent.run(seed.agentId, DEMO_ACCOUNT_ID, seed.agentName, seed.createdAt, seed.createdAt);
    CLIENT_ENVS.forEach((env, i) => {
      // Stagger the timestamps so the overview shows pages edited at different times, as real ones are.
      const lastUpdated = new Date(Date.now() - (i + 1) * 3_600_000 * 7).toISOString();
      page.run(seed.agentId, env, JSON.stringify(seed.schema(env)), lastUpdated);
      insertVariables(db, seed.agentId, env, seed.variables[env]);
    });
    for (const c of seed.connectors) {
      connector.run(
        c.connectorId,
        seed.agentId,
        DEMO_ACCOUNT_ID,
        c.name,
        c.clientEnv,
        c.variantId,
        c.asrLangCode,
        ttsLangCodeOf(c.voiceName) ?? '',
        c.voiceName,
        c.disableHandoff ? 1 : 0,
      );
      for (const number of c.phoneNumbers) phone.run(number, seed.agentId, DEMO_ACCOUNT_ID, c.clientEnv, c.connectorId);
    }
  }
}

/** Stores a page's variables, one row per key, in the object's key order. */
export function insertVariables(db: Db, agentId: string, env: string, variables: JsonObject) {
  const insert = db.prepare('INSERT INTO config_variables (agent_id, client_env, key, value_json) VALUES (?, ?, ?, ?)');
  for (const [key, value] of Object.entries(variables)) insert.run(agentId, env, key, JSON.stringify(value));
}
