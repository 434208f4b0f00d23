/** The write a request or an approved change request makes (the shape: contract/writes.ts). */
import { Value } from '@sinclair/typebox/value';
import type { ChangeRequestKind } from '../../contract/change-request-values.ts';
import { ENDPOINTS, type WriteEndpoint } from '../../contract/endpoints.ts';
import type { ConnectorChanges, Write } from '../../contract/writes.ts';
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

/** The write an approved change request makes, from its kind and body (checked when it was opened). */
export function writeOfChangeRequest(request: {
  agentId: string;
  clientEnv: string;
  kind: ChangeRequestKind;
  body: Body;
}): Write {
  const { agentId, clientEnv, kind, body } = request;
  switch (kind) {
    case 'variables':
      return { kind, agentId, clientEnv, variables: body };
    case 'schema':
      return { kind, agentId, clientEnv, schema: body };
    case 'connector':
      return { kind, agentId, connectorId: body.connectorId as string, changes: body.changes as ConnectorChanges };
    case 'connector-delete':
      return { kind, agentId, connectorId: body.connectorId as string };
    case 'connector-batch':
      return { kind, agentId, updates: body.updates as ({ connectorId: string } & ConnectorChanges)[] };
    case 'phone-number-move':
      return { kind, agentId, phoneNumber: body.phoneNumber as string, connectorId: body.connectorId as string };
  }
}
