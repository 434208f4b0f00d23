import type { BatchUpdateConnectorsResponse, Connector, UpdateConnectorBody } from '../../../contract/agents-api.ts';
import { inWriteTransaction, type Db } from '../../store/database.ts';
import { ApiError, projectNotFound } from '../../errors.ts';
import type { AgentsRepository } from '../agents/agents.repository.ts';
import { findEach } from '../find-each.ts';
import { isLanguageCode, ttsLangCodeOf } from '../../../contract/voices.ts';

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

const connectorNotFound = (connectorId: string) =>
  new ApiError(404, 'CONNECTORS_NOT_FOUND', `Connector '${connectorId}' does not exist`);
const invalid = (message: string) => new ApiError(400, 'CONNECTORS_VALIDATION_FAILED', message);

export function createConnectorsRepository(db: Db, agents: AgentsRepository) {
  const byAgent = db.prepare<[string], ConnectorRow>(
    'SELECT * FROM connectors WHERE agent_id = ? ORDER BY name, connector_id',
  );
  const byId = db.prepare<[string, string], ConnectorRow>(
    'SELECT * FROM connectors WHERE agent_id = ? AND connector_id = ?',
  );
  const numbersOf = db.prepare<[string], { number: string }>(
    'SELECT number FROM phone_numbers WHERE connector_id = ? ORDER BY number',
  );
  const remove = db.prepare<[string]>('DELETE FROM connectors WHERE connector_id = ?');
  const removeNumbers = db.prepare<[string]>('DELETE FROM phone_numbers WHERE connector_id = ?');
  const save = db.prepare<ConnectorRow>(
    `UPDATE connectors SET agent_id = @agent_id, account_id = @account_id, variant_id = @variant_id,
       asr_lang_code = @asr_lang_code, tts_lang_code = @tts_lang_code, voice_name = @voice_name
     WHERE connector_id = @connector_id`,
  );
  const moveNumbers = db.prepare<[string, string, string]>(
    'UPDATE phone_numbers SET agent_id = ?, account_id = ? WHERE connector_id = ?',
  );

  function requireRow(agentId: string, connectorId: string): ConnectorRow {
    agents.require(agentId);
    const row = byId.get(agentId, connectorId);
    if (!row) throw connectorNotFound(connectorId);
    return row;
  }

  /** Applies a partial update; every field is checked before anything is written. */
  function update(agentId: string, connectorId: string, changes: UpdateConnectorBody): Connector {
    return inWriteTransaction(db, () => {
      const row = { ...requireRow(agentId, connectorId) };
      if (changes.variantId !== undefined) row.variant_id = changes.variantId ?? '';
      if (changes.asrLangCode !== undefined) {
        if (!isLanguageCode(changes.asrLangCode))
          throw invalid(`asrLangCode '${changes.asrLangCode}' is not a language code such as en-GB`);
        row.asr_lang_code = changes.asrLangCode;
      }
      if (changes.voiceName !== undefined) {
        const tts = ttsLangCodeOf(changes.voiceName);
        if (!tts)
          throw invalid(
            `voiceName '${changes.voiceName}' failed the TTS probe: not a known voice such as en-GB-Neural2-A`,
          );
        row.voice_name = changes.voiceName;
        row.tts_lang_code = tts;
      }
      if (changes.projectId !== undefined && changes.projectId !== row.agent_id) {
        const target = agents.find(changes.projectId);
        if (!target || target.accountId !== row.account_id) throw projectNotFound(changes.projectId);
        row.agent_id = target.agentId;
        // The connector's numbers route through it, so they move with it rather than being left orphaned.
        moveNumbers.run(target.agentId, target.accountId, row.connector_id);
      }
      save.run(row);
      return toConnector(row);
    });
  }

  return {
    list(agentId: string): Connector[] {
      agents.require(agentId);
      return byAgent.all(agentId).map(toConnector);
    },

    get: (agentId: string, connectorId: string): Connector => toConnector(requireRow(agentId, connectorId)),

    update,

    /** Deletes the connector and, as the real API does, every phone number routed to it. */
    delete(agentId: string, connectorId: string) {
      return inWriteTransaction(db, () => {
        requireRow(agentId, connectorId);
        const deletedPhoneNumbers = numbersOf.all(connectorId).map((n) => n.number);
        removeNumbers.run(connectorId);
        remove.run(connectorId);
        return { deletedConnector: connectorId, deletedPhoneNumbers };
      });
    },

    batchGet(agentId: string, connectorIds: string[]) {
      agents.require(agentId);
      return findEach(connectorIds, (id) => {
        const row = byId.get(agentId, id);
        return row && toConnector(row);
      });
    },

    /** Each update is applied on its own, in order: one failing item never undoes or blocks the others. */
    batchUpdate(
      agentId: string,
      updates: (UpdateConnectorBody & { connectorId: string })[],
    ): BatchUpdateConnectorsResponse {
      agents.require(agentId);
      return {
        results: updates.map(({ connectorId, ...changes }) => {
          try {
            return { connectorId, success: true, data: update(agentId, connectorId, changes) };
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            return { connectorId, success: false, error: `${error.code}: ${error.message}` };
          }
        }),
      };
    },
  };
}
export type ConnectorsRepository = ReturnType<typeof createConnectorsRepository>;
