/** The write a request or an approved change request makes (the shape: contract/writes.ts). */
import { Value } from '@sinclair/typebox/value';
import type { ChangeRequestKind } from '../../contract/change-request-values.ts';
import {
  CONFIG_PAGE_PATH,
  CONNECTORS_PATH,
  ENDPOINTS,
  NUMBERS_PATH,
  type WriteEndpoint,
} from '../../contract/endpoints.ts';
import type { Write } from '../../contract/writes.ts';
import { ApiError } from '../errors.ts';

type Body = Record<string, unknown>;

const WRITE_ENDPOINTS = new Map(
  ENDPOINTS.filter((e): e is WriteEndpoint => !e.read).map((e) => [`${e.method} ${e.path}`, e]),
);

/** The write endpoint routed as `METHOD path`, or undefined for anything else (a read, a route of our own). */
export const writeEndpointOf = (route: string): WriteEndpoint | undefined => WRITE_ENDPOINTS.get(route);

/** The write a request to `endpoint` makes; a body not of the contract's shape is refused (400), never guessed at. */
export function writeOfRequest(endpoint: WriteEndpoint, params: Record<string, string>, body: unknown): Write {
  const sent = body ?? {};
  if (endpoint.body && !Value.Check(endpoint.body, sent)) {
    const first = Value.Errors(endpoint.body, sent).First();
    throw new ApiError(
      400,
      'INVALID_REQUEST',
      `The request body is not one Switchboard can check${first ? ` (${first.path || 'body'}: ${first.message})` : ''}: nothing was written`,
    );
  }
  return endpoint.writes(params, sent as Body);
}

/** A write as a call of a contract endpoint, whoever makes it (service.ts). */
export type EndpointWrite = { endpoint: WriteEndpoint; params: Record<string, string>; body: Body };

const endpoint = (route: string) => writeEndpointOf(route)!;
const VARIABLES = endpoint(`PATCH ${CONFIG_PAGE_PATH}/variables`);
const SCHEMA = endpoint(`PUT ${CONFIG_PAGE_PATH}/schema`);
const CONNECTOR = endpoint(`PATCH ${CONNECTORS_PATH}/:connectorId`);
const CONNECTOR_DELETE = endpoint(`DELETE ${CONNECTORS_PATH}/:connectorId`);
const CONNECTOR_BATCH = endpoint(`PATCH ${CONNECTORS_PATH}/batch`);
const NUMBER_MOVE = endpoint(`PATCH ${NUMBERS_PATH}/:phoneNumber`);

/** The endpoint call a change request makes, from its kind and body (checked when it was opened). */
export function callOfChangeRequest(request: {
  agentId: string;
  clientEnv: string;
  kind: ChangeRequestKind;
  body: Body;
}): EndpointWrite {
  const { agentId, clientEnv, kind, body } = request;
  switch (kind) {
    case 'variables':
      return { endpoint: VARIABLES, params: { agentId, clientEnv }, body: { variables: body } };
    case 'schema':
      return { endpoint: SCHEMA, params: { agentId, clientEnv }, body: { schema: body } };
    case 'connector':
      return {
        endpoint: CONNECTOR,
        params: { agentId, connectorId: body.connectorId as string },
        body: body.changes as Body,
      };
    case 'connector-delete':
      return { endpoint: CONNECTOR_DELETE, params: { agentId, connectorId: body.connectorId as string }, body: {} };
    case 'connector-batch':
      return { endpoint: CONNECTOR_BATCH, params: { agentId }, body };
    case 'phone-number-move':
      return {
        endpoint: NUMBER_MOVE,
        params: { agentId, phoneNumber: body.phoneNumber as string },
        body: { connectorId: body.connectorId },
      };
  }
}

/** The write a change request makes (what it reaches is worked out from it). */
export const writeOfChangeRequest = (request: Parameters<typeof callOfChangeRequest>[0]): Write => {
  const call = callOfChangeRequest(request);
  return writeOfRequest(call.endpoint, call.params, call.body);
};
