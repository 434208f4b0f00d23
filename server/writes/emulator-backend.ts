/**
 * The emulator as a backend of the write service: each write endpoint of the contract is one call of its repositories.
 * A page write needs no page lock here: it is one SQLite transaction, which tells what it replaces from inside itself.
 */
import type { JsonObject } from '../../contract/agents-api.ts';
import { CONNECTORS_PATH, NUMBERS_PATH } from '../../contract/endpoints.ts';
import type { ConfigsRepository } from '../modules/configs/configs.repository.ts';
import type { ConnectorsRepository } from '../modules/connectors/connectors.repository.ts';
import type { PhoneNumbersRepository } from '../modules/phone-numbers/phone-numbers.repository.ts';
import type { Backend, EndpointCall, WriteAnswer } from './backend.ts';
import type { PreviousPage } from './entries.ts';
import { emulatorLookup } from './lookup.ts';

type Repositories = { configs: ConfigsRepository; connectors: ConnectorsRepository; numbers: PhoneNumbersRepository };
type Body = Record<string, unknown>;

/** Each connector and number write endpoint (`METHOD path`) as a call of the repositories. */
function telephonyWrites({ connectors, numbers }: Repositories) {
  const ok = (body: unknown, status = 200): WriteAnswer => ({ status, body });
  return new Map<string, (params: Record<string, string>, body: Body) => WriteAnswer>([
    [`PATCH ${CONNECTORS_PATH}/:connectorId`, (p, body) => ok(connectors.update(p.agentId, p.connectorId, body))],
    [`DELETE ${CONNECTORS_PATH}/:connectorId`, (p) => ok(connectors.delete(p.agentId, p.connectorId))],
    [
      `PATCH ${CONNECTORS_PATH}/batch`,
      (p, body) =>
        ok(connectors.batchUpdate(p.agentId, body.updates as Parameters<ConnectorsRepository['batchUpdate']>[1])),
    ],
    [
      `POST ${NUMBERS_PATH}`,
      (p, body) =>
        ok(
          {
            imported: numbers.importNumbers(
              p.agentId,
              body.phoneNumbers as string[],
              body.clientEnv as string | undefined,
            ),
          },
          201,
        ),
    ],
    [
      `POST ${NUMBERS_PATH}/:phoneNumber`,
      (p, body) =>
        ok(
          { imported: numbers.importNumbers(p.agentId, [p.phoneNumber], body.clientEnv as string | undefined)[0] },
          201,
        ),
    ],
    [
      `PATCH ${NUMBERS_PATH}/:phoneNumber`,
      (p, body) => ok(numbers.reassign(p.agentId, p.phoneNumber, body.connectorId as string)),
    ],
    [`DELETE ${NUMBERS_PATH}/:phoneNumber`, (p) => ok({ deleted: numbers.delete(p.agentId, p.phoneNumber) })],
    [`DELETE ${NUMBERS_PATH}`, (p, body) => ok(numbers.deleteMany(p.agentId, body.phoneNumbers as string[]))],
  ]);
}

export function emulatorBackend(repositories: Repositories): Backend {
  const { configs } = repositories;
  const lookup = emulatorLookup(configs, repositories.connectors, repositories.numbers);
  const writes = telephonyWrites(repositories);
  return {
    lookup: () => lookup,

    async writePage({ write, ifMatch }) {
      let previous: PreviousPage | undefined;
      const seen = (page: PreviousPage) => (previous = page);
      try {
        const version =
          write.kind === 'schema'
            ? await configs.putSchema(write.agentId, write.clientEnv, write.schema as JsonObject, ifMatch, seen)
            : await configs.patchVariables(
                write.agentId,
                write.clientEnv,
                write.variables as JsonObject,
                ifMatch,
                seen,
              );
        return { answer: { status: 200, body: version.bytes, version: version.lastUpdated }, previous };
      } catch (failure) {
        return { failure, previous };
      }
    },

    async write({ endpoint, params, body }: EndpointCall) {
      const write = writes.get(`${endpoint.method} ${endpoint.path}`);
      // The contract's write endpoints are exactly these (a test checks the emulator serves every endpoint).
      if (!write) throw new Error(`The emulator has no write ${endpoint.method} ${endpoint.path}`);
      return write(params, (body ?? {}) as Body);
    },
  };
}
