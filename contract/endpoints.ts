/**
 * Every Agents API endpoint Switchboard uses, as method + path shape. The emulator implements exactly these (a test
 * checks it), and in proxy mode they are the allowlist: nothing else is ever forwarded to PolyAI.
 * `read` marks requests that change nothing, including the POSTs that only look things up (allowed in read-only mode).
 * `params` and `query` are what the endpoint takes in its URL: the proxy checks them and builds the upstream URL from
 * them alone, so what reaches PolyAI is always this endpoint's path, however the request was spelled.
 */
import type { TObject } from '@sinclair/typebox';
import {
  AccountParams,
  AgentParams,
  BatchUpdateConnectorsBody,
  BatchUpdateConnectorsResponse,
  ConfigPage,
  Connector,
  DeleteConnectorResponse,
  DeletePhoneNumberResponse,
  DeletePhoneNumbersResponse,
  ImportPhoneNumberResponse,
  ImportPhoneNumbersResponse,
  PhoneNumber,
  ConfigPageParams,
  ConnectorParams,
  DeletePhoneNumbersBody,
  ImportPhoneNumberBody,
  ImportPhoneNumbersBody,
  PhoneNumberListQuery,
  PhoneNumberParams,
  ReassignPhoneNumberBody,
  UpdateConnectorBody,
  UpdateSchemaBody,
  UpdateVariablesBody,
} from './agents-api.ts';
import type { ConnectorChanges, Write } from './writes.ts';

type Params = Record<string, string>;
type Body = Record<string, unknown>;
type Common = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; params?: TObject; query?: TObject };
/**
 * A write says what it sends (`body`, checked before anything reads it) and what it changes (`writes`: from its
 * checked parameters and body, the write Switchboard reasons about — who may make it, which rule holds it). The type
 * makes a write endpoint without them impossible.
 */
export type Endpoint =
  | (Common & { read: true })
  | (Common & {
      read: false;
      body?: TObject;
      writes: (params: Params, body: Body) => Write;
      /** What it answers when it succeeds, and with which status (200 unless said). */
      answer: TObject;
      created?: true;
    });
export type WriteEndpoint = Extract<Endpoint, { read: false }>;

const AGENT = '/v1/agents/:agentId';
const CONFIGS = `${AGENT}/real-time-configs`;
const CONNECTORS = `${AGENT}/telephony/connectors`;
const NUMBERS = `${AGENT}/telephony/phone-numbers`;
const agent = AgentParams;
const page = ConfigPageParams;
const connector = ConnectorParams;
const number = PhoneNumberParams;

/** Numbers imported without an environment land in PolyAI's default, taken to be live. */
const DEFAULT_IMPORT_ENV = 'live';

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/v1/agents', read: true },
  { method: 'GET', path: '/v1/accounts/:accountId/agents', read: true, params: AccountParams },
  { method: 'GET', path: CONFIGS, read: true, params: agent },
  { method: 'GET', path: `${CONFIGS}/:clientEnv`, read: true, params: page },
  {
    method: 'PUT',
    path: `${CONFIGS}/:clientEnv/schema`,
    read: false,
    params: page,
    body: UpdateSchemaBody,
    answer: ConfigPage,
    writes: ({ agentId, clientEnv }, body) => ({ kind: 'schema', agentId, clientEnv, schema: body.schema as Body }),
  },
  {
    method: 'PATCH',
    path: `${CONFIGS}/:clientEnv/variables`,
    read: false,
    params: page,
    body: UpdateVariablesBody,
    answer: ConfigPage,
    writes: ({ agentId, clientEnv }, body) => ({
      kind: 'variables',
      agentId,
      clientEnv,
      variables: body.variables as Body,
    }),
  },
  { method: 'GET', path: CONNECTORS, read: true, params: agent },
  { method: 'GET', path: `${CONNECTORS}/:connectorId`, read: true, params: connector },
  {
    method: 'PATCH',
    path: `${CONNECTORS}/:connectorId`,
    read: false,
    params: connector,
    body: UpdateConnectorBody,
    answer: Connector,
    writes: ({ agentId, connectorId }, body) => ({
      kind: 'connector',
      agentId,
      connectorId,
      changes: body as ConnectorChanges,
    }),
  },
  {
    method: 'DELETE',
    path: `${CONNECTORS}/:connectorId`,
    read: false,
    params: connector,
    answer: DeleteConnectorResponse,
    writes: ({ agentId, connectorId }) => ({ kind: 'connector-delete', agentId, connectorId }),
  },
  { method: 'POST', path: `${CONNECTORS}/batch`, read: true, params: agent },
  {
    method: 'PATCH',
    path: `${CONNECTORS}/batch`,
    read: false,
    params: agent,
    body: BatchUpdateConnectorsBody,
    answer: BatchUpdateConnectorsResponse,
    writes: ({ agentId }, body) => ({
      kind: 'connector-batch',
      agentId,
      updates: body.updates as ({ connectorId: string } & ConnectorChanges)[],
    }),
  },
  { method: 'POST', path: `${CONNECTORS}/lookup`, read: true, params: agent },
  { method: 'GET', path: NUMBERS, read: true, params: agent, query: PhoneNumberListQuery },
  { method: 'GET', path: `${NUMBERS}/:phoneNumber`, read: true, params: number },
  { method: 'POST', path: `${NUMBERS}/batch`, read: true, params: agent },
  {
    method: 'POST',
    path: NUMBERS,
    read: false,
    params: agent,
    body: ImportPhoneNumbersBody,
    answer: ImportPhoneNumbersResponse,
    created: true,
    writes: ({ agentId }, body) => ({
      kind: 'number-import',
      agentId,
      numbers: body.phoneNumbers as string[],
      clientEnv: (body.clientEnv as string | undefined) ?? DEFAULT_IMPORT_ENV,
    }),
  },
  {
    method: 'POST',
    path: `${NUMBERS}/:phoneNumber`,
    read: false,
    params: number,
    body: ImportPhoneNumberBody,
    answer: ImportPhoneNumberResponse,
    created: true,
    writes: ({ agentId, phoneNumber }, body) => ({
      kind: 'number-import',
      agentId,
      numbers: [phoneNumber],
      clientEnv: (body.clientEnv as string | undefined) ?? DEFAULT_IMPORT_ENV,
    }),
  },
  {
    method: 'PATCH',
    path: `${NUMBERS}/:phoneNumber`,
    read: false,
    params: number,
    body: ReassignPhoneNumberBody,
    answer: PhoneNumber,
    writes: ({ agentId, phoneNumber }, body) => ({
      kind: 'phone-number-move',
      agentId,
      phoneNumber,
      connectorId: body.connectorId as string,
    }),
  },
  {
    method: 'DELETE',
    path: `${NUMBERS}/:phoneNumber`,
    read: false,
    params: number,
    answer: DeletePhoneNumberResponse,
    writes: ({ agentId, phoneNumber }) => ({ kind: 'number-release', agentId, numbers: [phoneNumber] }),
  },
  {
    method: 'DELETE',
    path: NUMBERS,
    read: false,
    params: agent,
    body: DeletePhoneNumbersBody,
    answer: DeletePhoneNumbersResponse,
    writes: ({ agentId }, body) => ({ kind: 'number-release', agentId, numbers: body.phoneNumbers as string[] }),
  },
];

/** The two config-page writes that honour If-Match. */
export const CONDITIONAL_WRITES = new Set([
  `PUT ${CONFIGS}/:clientEnv/schema`,
  `PATCH ${CONFIGS}/:clientEnv/variables`,
]);
export const CONFIG_PAGE_PATH = `${CONFIGS}/:clientEnv`;
export { CONFIGS as CONFIGS_PATH, CONNECTORS as CONNECTORS_PATH, NUMBERS as NUMBERS_PATH };

/** The path of `endpoint` with its parameters filled in, each percent-encoded as one segment. */
export function pathOf(endpoint: Pick<Endpoint, 'path'>, params: Record<string, string>): string {
  return endpoint.path.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name]));
}
