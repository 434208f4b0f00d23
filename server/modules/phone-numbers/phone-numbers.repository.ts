import { E164_PATTERN, isClientEnv, type PhoneNumber } from '../../../contract/agents-api.ts';
import { inWriteTransaction, type Db } from '../../store/database.ts';
import { ApiError } from '../../errors.ts';
import type { AgentsRepository } from '../agents/agents.repository.ts';
import { findEach } from '../find-each.ts';

type NumberRow = {
  number: string;
  agent_id: string;
  account_id: string;
  client_env: string;
  connector_id: string | null;
};

const E164 = new RegExp(E164_PATTERN);

const toPhoneNumber = (row: NumberRow): PhoneNumber => ({
  number: row.number,
  projectId: row.agent_id,
  accountId: row.account_id,
  clientEnv: row.client_env,
  ...(row.connector_id ? { connectorId: row.connector_id } : {}),
});

export const invalidFormat = (numbers: string[]) =>
  new ApiError(
    400,
    'PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT',
    `Not in E.164 format (e.g. +442071234567): ${numbers.join(', ')}`,
  );
export const numberNotFound = (number: string) =>
  new ApiError(404, 'PHONE_NUMBERS_NOT_FOUND', `Phone number '${number}' does not exist for this agent`);

function requireE164(...numbers: string[]) {
  const bad = numbers.filter((n) => !E164.test(n));
  if (bad.length > 0) throw invalidFormat(bad);
}

export function createPhoneNumbersRepository(db: Db, agents: AgentsRepository) {
  const all = db.prepare<[string], NumberRow>('SELECT * FROM phone_numbers WHERE agent_id = ? ORDER BY number');
  const ofConnector = db.prepare<[string, string], NumberRow>(
    'SELECT * FROM phone_numbers WHERE agent_id = ? AND connector_id = ? ORDER BY number',
  );
  const one = db.prepare<[string, string], NumberRow>('SELECT * FROM phone_numbers WHERE agent_id = ? AND number = ?');
  const anywhere = db.prepare<[string], { number: string }>('SELECT number FROM phone_numbers WHERE number = ?');
  const insert = db.prepare<[string, string, string, string]>(
    'INSERT INTO phone_numbers (number, agent_id, account_id, client_env, connector_id) VALUES (?, ?, ?, ?, NULL)',
  );
  const connectorExists = db.prepare<[string, string], { connector_id: string }>(
    'SELECT connector_id FROM connectors WHERE agent_id = ? AND connector_id = ?',
  );
  const reassign = db.prepare<[string, string]>('UPDATE phone_numbers SET connector_id = ? WHERE number = ?');
  const remove = db.prepare<[string, string]>('DELETE FROM phone_numbers WHERE agent_id = ? AND number = ?');

  function requireNumber(agentId: string, number: string): NumberRow {
    requireE164(number);
    agents.require(agentId);
    const row = one.get(agentId, number);
    if (!row) throw numberNotFound(number);
    return row;
  }

  /** Imports numbers all-or-nothing: a bad or already-imported number fails the whole request and adds none. */
  function importNumbers(agentId: string, numbers: string[], clientEnv = 'live'): string[] {
    requireE164(...numbers);
    if (!isClientEnv(clientEnv)) {
      throw new ApiError(400, 'PHONE_NUMBERS_VALIDATION_FAILED', `Unknown client environment '${clientEnv}'`);
    }
    return inWriteTransaction(db, () => {
      const agent = agents.require(agentId);
      const unique = [...new Set(numbers)];
      const taken = unique.filter((n) => anywhere.get(n));
      if (taken.length > 0) {
        throw new ApiError(409, 'PHONE_NUMBERS_ALREADY_EXISTS', `Already imported: ${taken.join(', ')}`);
      }
      for (const number of unique) insert.run(number, agent.agentId, agent.accountId, clientEnv);
      return unique;
    });
  }

  return {
    list(agentId: string, connectorId?: string): PhoneNumber[] {
      agents.require(agentId);
      const rows = connectorId ? ofConnector.all(agentId, connectorId) : all.all(agentId);
      return rows.map(toPhoneNumber);
    },

    get: (agentId: string, number: string): PhoneNumber => toPhoneNumber(requireNumber(agentId, number)),

    /** The connector `number` is assigned to (null: none); a number that is not E.164 or not the agent's is refused. */
    connectorOf: (agentId: string, number: string): string | null => requireNumber(agentId, number).connector_id,

    batchGet(agentId: string, numbers: string[]) {
      requireE164(...numbers);
      agents.require(agentId);
      return findEach(numbers, (number) => {
        const row = one.get(agentId, number);
        return row && toPhoneNumber(row);
      });
    },

    importNumbers,

    reassign(agentId: string, number: string, connectorId: string): PhoneNumber {
      return inWriteTransaction(db, () => {
        const row = requireNumber(agentId, number);
        if (!connectorExists.get(agentId, connectorId)) {
          throw new ApiError(
            404,
            'PHONE_NUMBERS_CONNECTOR_DOES_NOT_EXIST',
            `Connector '${connectorId}' does not exist`,
          );
        }
        reassign.run(connectorId, number);
        return toPhoneNumber({ ...row, connector_id: connectorId });
      });
    },

    delete(agentId: string, number: string): string {
      return inWriteTransaction(db, () => {
        requireNumber(agentId, number);
        remove.run(agentId, number);
        return number;
      });
    },

    /** Releases each number on its own; the ones that cannot be released are reported, not fatal. */
    deleteMany(agentId: string, numbers: string[]) {
      agents.require(agentId);
      return inWriteTransaction(db, () => {
        const deleted: string[] = [];
        const errors: { phoneNumber: string; error: string }[] = [];
        for (const number of new Set(numbers)) {
          if (!E164.test(number))
            errors.push({ phoneNumber: number, error: 'PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT' });
          else if (remove.run(agentId, number).changes === 0)
            errors.push({ phoneNumber: number, error: 'PHONE_NUMBERS_NOT_FOUND' });
          else deleted.push(number);
        }
        return errors.length > 0 ? { deleted, errors } : { deleted };
      });
    },
  };
}
export type PhoneNumbersRepository = ReturnType<typeof createPhoneNumbersRepository>;
