/**
 * A phone number's move as a change request (kind `phone-number-move`): its body, and its base — numbers have no
 * versions, so the base is where the number answers calls now and where it will (what it reaches: server/writes/reach.ts).
 */
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { ConnectorParams, PhoneNumberParams, type Connector, type PhoneNumber } from '../../../contract/agents-api.ts';
import { numberEnvs } from '../../writes/reach.ts';

/** A move request's body: the number, and the connector it goes to. */
export const PhoneNumberMoveSchema = Type.Object(
  { phoneNumber: PhoneNumberParams.properties.phoneNumber, connectorId: ConnectorParams.properties.connectorId },
  { additionalProperties: false },
);
export type PhoneNumberMove = { phoneNumber: string; connectorId: string };

type Telephony = { numbers: PhoneNumber[]; connectors: Connector[] };

/** A move's base (numbers have no versions): where the number is now, and where its new connector answers calls. */
export function moveBase(telephony: Telephony, move: PhoneNumberMove): string | undefined {
  const number = telephony.numbers.find((n) => n.number === move.phoneNumber);
  const target = telephony.connectors.find((c) => c.connectorId === move.connectorId);
  if (!number || !target) return undefined;
  return createHash('sha256')
    .update(
      JSON.stringify({
        from: number.connectorId ?? null,
        env: numberEnvs(telephony.numbers, telephony.connectors).get(move.phoneNumber),
        to: target.clientEnv,
      }),
    )
    .digest('hex');
}
