/**
 * Which environments a phone-number write reaches, for the approval rules: a call to a number is answered by its
 * connector, so a number counts in its connector's environment (its own, while it has none); moving it reaches the
 * environment it leaves and the one it joins. A move under a rule is requested like any change (kind
 * `phone-number-move`); importing and releasing numbers under a rule are refused.
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { ConnectorParams, PhoneNumberParams, type Connector, type PhoneNumber } from '../../../contract/agents-api.ts';
import { isClientEnv, type ClientEnv } from '../../../contract/client-envs.ts';

/** A move request's body: the number, and the connector it goes to. */
export const PhoneNumberMoveSchema = Type.Object(
  { phoneNumber: PhoneNumberParams.properties.phoneNumber, connectorId: ConnectorParams.properties.connectorId },
  { additionalProperties: false },
);
export type PhoneNumberMove = { phoneNumber: string; connectorId: string };

/** What a write touches: the numbers it names, and for a move, the connector they go to. */
export type NumberWrite = { numbers: string[]; toConnector?: string; importInto?: string };

export type Telephony = { numbers: PhoneNumber[]; connectors: Connector[] };

/** Where each number answers calls now: its connector's environment, or its own while it has none. */
function numberEnvs({ numbers, connectors }: Telephony): Map<string, string> {
  const envOfConnector = new Map(connectors.map((c) => [c.connectorId, c.clientEnv]));
  return new Map(numbers.map((n) => [n.number, (n.connectorId && envOfConnector.get(n.connectorId)) || n.clientEnv]));
}

/**
 * The environments a write reaches (unknown numbers and connectors reach none: the write itself fails). Looked up in
 * maps: a body may name tens of thousands of numbers before it is validated.
 */
export function envsReached(telephony: Telephony, write: NumberWrite): ClientEnv[] {
  const envOf = numberEnvs(telephony);
  const envs = new Set<string>(write.numbers.map((number) => envOf.get(number)).filter((env) => env !== undefined));
  if (write.toConnector) {
    const target = telephony.connectors.find((c) => c.connectorId === write.toConnector)?.clientEnv;
    if (target) envs.add(target);
  }
  if (write.importInto) envs.add(write.importInto);
  return [...envs].filter(isClientEnv);
}

/** A move's base (numbers have no versions): where the number is now, and where its new connector answers calls. */
export function moveBase(telephony: Telephony, move: PhoneNumberMove): string | undefined {
  const number = telephony.numbers.find((n) => n.number === move.phoneNumber);
  const target = telephony.connectors.find((c) => c.connectorId === move.connectorId);
  if (!number || !target) return undefined;
  return createHash('sha256')
    .update(JSON.stringify({ from: number.connectorId ?? null, env: numberEnvs(telephony).get(move.phoneNumber), to: target.clientEnv }))
    .digest('hex');
}
