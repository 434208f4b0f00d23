/**
 * Every Agents API endpoint Switchboard uses, as method + path shape. The emulator implements exactly these (a test
 * checks it), and in proxy mode they are the allowlist: nothing else is ever forwarded to PolyAI.
 * `read` marks requests that change nothing, including the POSTs that only look things up (allowed in read-only mode).
 */
export type Endpoint = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; read: boolean };

const AGENT = '/v1/agents/:agentId';
const CONFIGS = `${AGENT}/real-time-configs`;
const CONNECTORS = `${AGENT}/telephony/connectors`;
const NUMBERS = `${AGENT}/telephony/phone-numbers`;

export const ENDPOINTS: Endpoint[] = [
  { method: 'GET', path: '/v1/agents', read: true },
  { method: 'GET', path: '/v1/accounts/:accountId/agents', read: true },
  { method: 'GET', path: CONFIGS, read: true },
  { method: 'GET', path: `${CONFIGS}/:clientEnv`, read: true },
  { method: 'PUT', path: `${CONFIGS}/:clientEnv/schema`, read: false },
  { method: 'PATCH', path: `${CONFIGS}/:clientEnv/variables`, read: false },
  { method: 'GET', path: CONNECTORS, read: true },
  { method: 'GET', path: `${CONNECTORS}/:connectorId`, read: true },
  { method: 'PATCH', path: `${CONNECTORS}/:connectorId`, read: false },
  { method: 'DELETE', path: `${CONNECTORS}/:connectorId`, read: false },
  { method: 'POST', path: `${CONNECTORS}/batch`, read: true },
  { method: 'PATCH', path: `${CONNECTORS}/batch`, read: false },
  { method: 'POST', path: `${CONNECTORS}/lookup`, read: true },
  { method: 'GET', path: NUMBERS, read: true },
  { method: 'GET', path: `${NUMBERS}/:phoneNumber`, read: true },
  { method: 'POST', path: `${NUMBERS}/batch`, read: true },
  { method: 'POST', path: NUMBERS, read: false },
  { method: 'POST', path: `${NUMBERS}/:phoneNumber`, read: false },
  { method: 'PATCH', path: `${NUMBERS}/:phoneNumber`, read: false },
  { method: 'DELETE', path: `${NUMBERS}/:phoneNumber`, read: false },
  { method: 'DELETE', path: NUMBERS, read: false },
];

/** The two config-page writes that honour If-Match. */
export const CONDITIONAL_WRITES = new Set([`PUT ${CONFIGS}/:clientEnv/schema`, `PATCH ${CONFIGS}/:clientEnv/variables`]);
export const CONFIG_PAGE_PATH = `${CONFIGS}/:clientEnv`;
