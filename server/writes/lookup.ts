/** The reads a write's reach needs (reach.ts), from each backend: the emulator's repositories, or PolyAI. */
import type { ConfigPage, ConnectorList, PhoneNumberList } from '../../contract/agents-api.ts';
import { CONFIG_PAGE_PATH, CONNECTORS_PATH, ENDPOINTS, NUMBERS_PATH, pathOf } from '../../contract/endpoints.ts';
import { ApiError } from '../errors.ts';
import type { ConfigsRepository } from '../modules/configs/configs.repository.ts';
import type { ConnectorsRepository } from '../modules/connectors/connectors.repository.ts';
import type { PhoneNumbersRepository } from '../modules/phone-numbers/phone-numbers.repository.ts';
import { callUpstream } from '../upstream/forward.ts';
import type { UpstreamOptions } from '../upstream/upstream-options.ts';
import type { Lookup } from './reach.ts';

/** An unknown agent reads as undefined; anything else that fails, fails. */
const unlessUnknown = <T>(read: () => T): T | undefined => {
  try {
    return read();
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 404) return undefined;
    throw error;
  }
};

export function emulatorLookup(
  configs: ConfigsRepository,
  connectors: ConnectorsRepository,
  numbers: PhoneNumbersRepository,
): Lookup {
  return {
    connectors: async (agentId) => unlessUnknown(() => connectors.list(agentId)),
    numbers: async (agentId) => unlessUnknown(() => numbers.list(agentId)),
    page: async (agentId, clientEnv) => unlessUnknown(() => configs.get(agentId, clientEnv).page()),
  };
}

const connectorsEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONNECTORS_PATH)!;
const numbersEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === NUMBERS_PATH)!;
const pageEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIG_PAGE_PATH)!;

/** Reads PolyAI with the server's key, as the request `correlationId` (its id in PolyAI's logs). */
export function upstreamLookup(upstream: UpstreamOptions, correlationId: string): Lookup {
  async function get<T>(path: string, compressed = true): Promise<T | undefined> {
    const answer = await callUpstream(upstream, { id: correlationId }, 'GET', path, { compressed });
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new Error(`PolyAI answered ${answer.status}`);
    return JSON.parse(answer.body) as T;
  }
  return {
    connectors: async (agentId) => (await get<ConnectorList>(pathOf(connectorsEndpoint, { agentId })))?.connectors,
    numbers: async (agentId) => (await get<PhoneNumberList>(pathOf(numbersEndpoint, { agentId })))?.phoneNumbers,
    page: (agentId, clientEnv) => get<ConfigPage>(pathOf(pageEndpoint, { agentId, clientEnv }), false),
  };
}
