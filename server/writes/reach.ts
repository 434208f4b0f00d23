/**
 * What a write reaches (contract/reach.ts), worked out from what it says and from the agent's connectors and numbers
 * as they are now: a connector answers calls in its environment, and so do its numbers (a number without one, in its
 * own). Anything that cannot be read is refused rather than guessed (503), and an environment that is not one of the
 * three is refused (400): a rule or a role must never be skipped because a write was not understood.
 */
import { reachOf, type Place, type Reach } from '../../contract/reach.ts';
import { isClientEnv } from '../../contract/client-envs.ts';
import type { Write } from '../../contract/writes.ts';
import type { ConfigPage, Connector, PhoneNumber } from '../../contract/agents-api.ts';
import { ApiError } from '../errors.ts';

/** Reads of the backend the reach needs (the emulator's repositories, or PolyAI): `undefined` for an unknown agent. */
export type Lookup = {
  connectors(agentId: string): Promise<Connector[] | undefined>;
  numbers(agentId: string): Promise<PhoneNumber[] | undefined>;
  /** A config page as it is now (undefined: no such agent or environment). */
  page(agentId: string, clientEnv: string): Promise<ConfigPage | undefined>;
};

const unreadable = () =>
  new ApiError(
    503,
    'REACH_UNKNOWN',
    'The agent’s connectors or numbers could not be read to check who may make this change: nothing was written; try again',
  );

const envOf = (env: string): Place['clientEnv'] => {
  if (!isClientEnv(env))
    throw new ApiError(
      400,
      'INVALID_REQUEST',
      `'${env.slice(0, 64)}' is not an environment (sandbox, pre-release or live): nothing was written`,
    );
  return env;
};

/** Reads through `lookup`, turning a failure into a refusal. */
async function read<T>(what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch {
    throw unreadable();
  }
}

/** Where each number answers calls now: its connector's environment, or its own while it has none. */
export function numberEnvs(numbers: PhoneNumber[], connectors: Connector[]): Map<string, string> {
  const envOfConnector = new Map(connectors.map((c) => [c.connectorId, c.clientEnv]));
  return new Map(numbers.map((n) => [n.number, (n.connectorId && envOfConnector.get(n.connectorId)) || n.clientEnv]));
}

export async function reachOfWrite(write: Write, lookup: Lookup): Promise<Reach> {
  const { agentId } = write;
  const at = (clientEnv: string): Place => ({ agentId, clientEnv: envOf(clientEnv) });
  switch (write.kind) {
    case 'variables':
    case 'schema':
      return reachOf([agentId], [at(write.clientEnv)], false);
    case 'number-import':
      return reachOf([agentId], [at(write.clientEnv)], true);
    case 'connector':
    case 'connector-delete':
    case 'connector-batch': {
      const updates =
        write.kind === 'connector-batch'
          ? write.updates
          : [{ connectorId: write.connectorId, ...(write.kind === 'connector' ? write.changes : {}) }];
      const connectors = new Map(((await read(() => lookup.connectors(agentId))) ?? []).map((c) => [c.connectorId, c]));
      const agents = [agentId];
      const places: Place[] = [];
      for (const { connectorId, projectId } of updates) {
        // A connector moved to another agent changes that agent too, whether or not the move can succeed.
        if (projectId !== undefined && projectId !== agentId) agents.push(projectId);
        // An unknown connector changes nothing: its write fails on its own.
        const connector = connectors.get(connectorId);
        if (!connector) continue;
        places.push(at(connector.clientEnv));
        if (projectId !== undefined && projectId !== agentId)
          places.push({ agentId: projectId, clientEnv: envOf(connector.clientEnv) });
      }
      return reachOf(agents, places, true);
    }
    case 'phone-number-move':
    case 'number-release': {
      const [numbers = [], connectors = []] = await read(() =>
        Promise.all([lookup.numbers(agentId), lookup.connectors(agentId)]),
      );
      const envOfNumber = numberEnvs(numbers, connectors);
      const named = write.kind === 'number-release' ? write.numbers : [write.phoneNumber];
      const places = named.flatMap((number) => {
        const env = envOfNumber.get(number);
        return env === undefined ? [] : [at(env)];
      });
      if (write.kind === 'phone-number-move') {
        const target = connectors.find((c) => c.connectorId === write.connectorId)?.clientEnv;
        if (target !== undefined) places.push(at(target));
      }
      return reachOf([agentId], places, true);
    }
  }
}
