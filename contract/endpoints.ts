/**
 * Every Agents API endpoint Switchboard uses, as method + path shape. The emulator implements exactly these (a test
 * checks it), and in proxy mode they are the allowlist: nothing else is ever forwarded to PolyAI.
 * `read` marks requests that change nothing, including the POSTs that only look things up (allowed in read-only mode).
 * `params` and `query` are what the endpoint takes in its URL: the proxy checks them and builds the upstream URL from
 * them alone, so what reaches PolyAI is always this endpoint's path, however the request was spelled.
 */
import type { TObject } from '@sinclair/typebox';
import { AccountParams, AgentParams, ConfigPageParams, ConnectorParams, PhoneNumberListQuery, PhoneNumberParams } from './agents-api.ts';

export type Endpoint = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; read: boolean; params?: TObject; query?: TObject };

const AGENT = '/v1/agents/:agentId';
const CONFIGS = `${AGENT}/real-time-configs`;
const CONNECTORS = `${AGENT}/telephony/connectors`;
const NUMBERS = `${AGENT}/telephony/phone-numbers`;
const agent = AgentParams;
const page = ConfigPageParams;
const connector = ConnectorParams;
const number = PhoneNumberParams;

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/v1/agents', read: true },
  { method: 'GET', path: '/v1/accounts/:accountId/agents', read: true, params: AccountParams },
  { method: 'GET', path: CONFIGS, read: true, params: agent },
  { method: 'GET', path: `${CONFIGS}/:clientEnv`, read: true, params: page },
  { method: 'PUT', path: `${CONFIGS}/:clientEnv/schema`, read: false, params: page },
  { method: 'PATCH', path: `${CONFIGS}/:clientEnv/variables`, read: false, params: page },
  { method: 'GET', path: CONNECTORS, read: true, params: agent },
  { method: 'GET', path: `${CONNECTORS}/:connectorId`, read: true, params: connector },
  { method: 'PATCH', path: `${CONNECTORS}/:connectorId`, read: false, params: connector },
  { method: 'DELETE', path: `${CONNECTORS}/:connectorId`, read: false, params: connector },
  { method: 'POST', path: `${CONNECTORS}/batch`, read: true, params: agent },
  { method: 'PATCH', path: `${CONNECTORS}/batch`, read: false, params: agent },
  { method: 'POST', path: `${CONNECTORS}/lookup`, read: true, params: agent },
  { method: 'GET', path: NUMBERS, read: true, params: agent, query: PhoneNumberListQuery },
  { method: 'GET', path: `${NUMBERS}/:phoneNumber`, read: true, params: number },
  { method: 'POST', path: `${NUMBERS}/batch`, read: true, params: agent },
  { method: 'POST', path: NUMBERS, read: false, params: agent },
  { method: 'POST', path: `${NUMBERS}/:phoneNumber`, read: false, params: number },
  { method: 'PATCH', path: `${NUMBERS}/:phoneNumber`, read: false, params: number },
  { method: 'DELETE', path: `${NUMBERS}/:phoneNumber`, read: false, params: number },
  { method: 'DELETE', path: NUMBERS, read: false, params: agent },
];

/** The two config-page writes that honour If-Match. */
export const CONDITIONAL_WRITES = new Set([`PUT ${CONFIGS}/:clientEnv/schema`, `PATCH ${CONFIGS}/:clientEnv/variables`]);
export const CONFIG_PAGE_PATH = `${CONFIGS}/:clientEnv`;
export { CONFIGS as CONFIGS_PATH, CONNECTORS as CONNECTORS_PATH, NUMBERS as NUMBERS_PATH };

/** The path of `endpoint` with its parameters filled in, each percent-encoded as one segment. */
export function pathOf(endpoint: Pick<Endpoint, 'path'>, params: Record<string, string>): string {
  return endpoint.path.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name]));
}
