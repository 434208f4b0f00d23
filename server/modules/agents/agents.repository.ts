import type { Agent } from '../../../contract/agents-api.ts';
import type { Db } from '../../store/database.ts';
import { projectNotFound } from '../../errors.ts';

type AgentRow = { agent_id: string; account_id: string; agent_name: string; created_at: string; updated_at: string };

const toAgent = (row: AgentRow): Agent => ({
  accountId: row.account_id,
  agentId: row.agent_id,
  agentName: row.agent_name,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function createAgentsRepository(db: Db) {
  const list = db.prepare<[], AgentRow>('SELECT * FROM agents ORDER BY agent_name');
  const byId = db.prepare<[string], AgentRow>('SELECT * FROM agents WHERE agent_id = ?');
  return {
    list: (): Agent[] => list.all().map(toAgent),
    listByAccount: (accountId: string): Agent[] =>
      list
        .all()
        .filter((row) => row.account_id === accountId)
        .map(toAgent),
    find(agentId: string): Agent | undefined {
      const row = byId.get(agentId);
      return row && toAgent(row);
    },
    /** Throws PROJECT_NOT_FOUND, the API's answer for an unknown agent on every agent-scoped path. */
    require(agentId: string): Agent {
      const row = byId.get(agentId);
      if (!row) throw projectNotFound(agentId);
      return toAgent(row);
    },
  };
}
export type AgentsRepository = ReturnType<typeof createAgentsRepository>;
