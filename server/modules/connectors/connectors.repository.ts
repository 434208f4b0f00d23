import type { Connector } from '../../../contract/agents-api.ts';
import type { Db } from '../../store/database.ts';
import type { AgentsRepository } from '../agents/agents.repository.ts';

export type ConnectorRow = {
  connector_id: string;
  agent_id: string;
  account_id: string;
  name: string;
  client_env: string;
  variant_id: string;
  asr_lang_code: string;
  tts_lang_code: string;
  voice_name: string;
  disable_handoff: number;
};

const toConnector = (row: ConnectorRow): Connector => ({
  connectorId: row.connector_id,
  name: row.name,
  accountId: row.account_id,
  projectId: row.agent_id,
  clientEnv: row.client_env,
  variantId: row.variant_id,
  asrLangCode: row.asr_lang_code,
  ttsLangCode: row.tts_lang_code,
  voiceName: row.voice_name,
  disableHandoff: row.disable_handoff === 1,
});

export function createConnectorsRepository(db: Db, agents: AgentsRepository) {
  const byAgent = db.prepare<[string], ConnectorRow>('SELECT * FROM connectors WHERE agent_id = ? ORDER BY name');
  return {
    list(agentId: string): Connector[] {
      agents.require(agentId);
      return byAgent.all(agentId).map(toConnector);
    },
  };
}
export type ConnectorsRepository = ReturnType<typeof createConnectorsRepository>;
