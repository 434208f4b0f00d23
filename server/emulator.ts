/** The emulated Agents API's store and repositories (SQLite), seeded when new: what its routes and its writes use. */
import { createAgentsRepository } from './modules/agents/agents.repository.ts';
import { createConfigsRepository } from './modules/configs/configs.repository.ts';
import { createConnectorsRepository } from './modules/connectors/connectors.repository.ts';
import { createPhoneNumbersRepository } from './modules/phone-numbers/phone-numbers.repository.ts';
import { seedScaleAgents } from './seed/scale-seed.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { openDatabase } from './store/database.ts';
import { CheckPool } from './validation/check-pool.ts';
import { ConfigChecks } from './validation/config-checks.ts';

export type EmulatorOptions = {
  /** Adds the large benchmark agents (PROJECT-SCALE, PROJECT-SCALE-COMPARE) to the seed. */
  scale?: boolean;
  /** How long one schema compile or config check may take in a worker before it is refused as too costly. */
  checkBudgetMs?: number;
};

/** Opens (and seeds, when new) the emulator's SQLite file; its owner closes `db` and `pool`. */
export function openEmulator(dbFile: string, options: EmulatorOptions = {}) {
  const db = openDatabase(dbFile);
  seedIfEmpty(db);
  if (options.scale) seedScaleAgents(db);
  const budgetMs = options.checkBudgetMs ?? 3_000;
  const pool = new CheckPool({ size: 2, budgetMs });
  const agents = createAgentsRepository(db);
  const configs = createConfigsRepository(db, agents, new ConfigChecks(pool, budgetMs));
  const numbers = createPhoneNumbersRepository(db, agents);
  const connectors = createConnectorsRepository(db, agents);
  return { db, pool, agents, configs, numbers, connectors };
}

export type Emulator = ReturnType<typeof openEmulator>;
