// @vitest-environment node
/**
 * What each write endpoint of the contract reaches, over the seeded demo agents (the emulator's own repositories):
 * one row per endpoint, so a write endpoint added without its reach fails here.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { ENDPOINTS, type WriteEndpoint } from '../../contract/endpoints.ts';
import type { Reach } from '../../contract/reach.ts';
import { seedIfEmpty } from '../seed/seed.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { openDatabase } from '../store/database.ts';
import { createAgentsRepository } from '../modules/agents/agents.repository.ts';
import { createConfigsRepository } from '../modules/configs/configs.repository.ts';
import { createConnectorsRepository } from '../modules/connectors/connectors.repository.ts';
import { createPhoneNumbersRepository } from '../modules/phone-numbers/phone-numbers.repository.ts';
import { CheckPool } from '../validation/check-pool.ts';
import { ConfigChecks } from '../validation/config-checks.ts';
import { emulatorLookup } from './lookup.ts';
import { reachOfWrite, type Lookup } from './reach.ts';
import { writeOfRequest } from './write.ts';

const A = DEMO_AGENT_ID;
const B = 'PROJECT-RIVERSIDE';
type Row = { params: Record<string, string>; body?: unknown; reach: Reach };
const at = (agentId: string, clientEnv: 'sandbox' | 'pre-release' | 'live') => ({ agentId, clientEnv });

/** Every write endpoint, by `METHOD path`: a request to it and what it reaches. */
const TABLE: Record<string, Row[]> = {
  'PUT /v1/agents/:agentId/real-time-configs/:clientEnv/schema': [
    {
      params: { agentId: A, clientEnv: 'live' },
      body: { schema: {} },
      reach: { agents: [A], places: [at(A, 'live')], telephony: false },
    },
  ],
  'PATCH /v1/agents/:agentId/real-time-configs/:clientEnv/variables': [
    {
      params: { agentId: A, clientEnv: 'pre-release' },
      body: { variables: { a: 1 } },
      reach: { agents: [A], places: [at(A, 'pre-release')], telephony: false },
    },
  ],
  'PATCH /v1/agents/:agentId/telephony/connectors/:connectorId': [
    {
      params: { agentId: A, connectorId: 'conn_hv_live_uk' },
      body: { voiceName: 'en-GB-Neural2-B' },
      reach: { agents: [A], places: [at(A, 'live')], telephony: true },
    },
    // A move reaches the connector's environment in both agents.
    {
      params: { agentId: A, connectorId: 'conn_hv_pre_uk' },
      body: { projectId: B },
      reach: { agents: [A, B], places: [at(A, 'pre-release'), at(B, 'pre-release')], telephony: true },
    },
  ],
  'DELETE /v1/agents/:agentId/telephony/connectors/:connectorId': [
    {
      params: { agentId: A, connectorId: 'conn_hv_sbx_main' },
      reach: { agents: [A], places: [at(A, 'sandbox')], telephony: true },
    },
  ],
  'PATCH /v1/agents/:agentId/telephony/connectors/batch': [
    {
      params: { agentId: A },
      body: {
        updates: [
          { connectorId: 'conn_hv_sbx_main', asrLangCode: 'en-GB' },
          { connectorId: 'conn_hv_live_us', projectId: B },
          { connectorId: 'conn_gone', projectId: B },
        ],
      },
      reach: { agents: [A, B], places: [at(A, 'live'), at(B, 'live'), at(A, 'sandbox')], telephony: true },
    },
  ],
  'POST /v1/agents/:agentId/telephony/phone-numbers': [
    {
      params: { agentId: A },
      body: { phoneNumbers: ['+442079460777'] },
      reach: { agents: [A], places: [at(A, 'live')], telephony: true },
    },
    {
      params: { agentId: A },
      body: { phoneNumbers: ['+442079460777'], clientEnv: 'sandbox' },
      reach: { agents: [A], places: [at(A, 'sandbox')], telephony: true },
    },
  ],
  'POST /v1/agents/:agentId/telephony/phone-numbers/:phoneNumber': [
    {
      params: { agentId: A, phoneNumber: '+442079460777' },
      reach: { agents: [A], places: [at(A, 'live')], telephony: true },
    },
  ],
  'PATCH /v1/agents/:agentId/telephony/phone-numbers/:phoneNumber': [
    // A number counts where its connector answers; moving it reaches where it goes too.
    {
      params: { agentId: A, phoneNumber: '+442079460101' },
      body: { connectorId: 'conn_hv_sbx_main' },
      reach: { agents: [A], places: [at(A, 'live'), at(A, 'sandbox')], telephony: true },
    },
  ],
  'DELETE /v1/agents/:agentId/telephony/phone-numbers/:phoneNumber': [
    {
      params: { agentId: A, phoneNumber: '+442079460180' },
      reach: { agents: [A], places: [at(A, 'pre-release')], telephony: true },
    },
  ],
  'DELETE /v1/agents/:agentId/telephony/phone-numbers': [
    {
      params: { agentId: A },
      body: { phoneNumbers: ['+442079460180', '+442079460199', '+449999999999'] },
      reach: { agents: [A], places: [at(A, 'pre-release'), at(A, 'sandbox')], telephony: true },
    },
  ],
};

let lookup: Lookup;
beforeAll(() => {
  const db = openDatabase(':memory:');
  seedIfEmpty(db);
  const agents = createAgentsRepository(db);
  const configs = createConfigsRepository(
    db,
    agents,
    new ConfigChecks(new CheckPool({ size: 1, budgetMs: 1_000 }), 1_000),
  );
  lookup = emulatorLookup(configs, createConnectorsRepository(db, agents), createPhoneNumbersRepository(db, agents));
});

const writes = ENDPOINTS.filter((endpoint): endpoint is WriteEndpoint => !endpoint.read);

describe('what a write reaches', () => {
  test('every write endpoint of the contract has its rows here', () => {
    expect(writes.map((e) => `${e.method} ${e.path}`).filter((key) => !TABLE[key]?.length)).toEqual([]);
  });

  for (const endpoint of writes) {
    const key = `${endpoint.method} ${endpoint.path}`;
    test.each(TABLE[key] ?? [])(`${key} %#`, async ({ params, body, reach }) => {
      expect(await reachOfWrite(writeOfRequest(endpoint, params, body), lookup)).toEqual(reach);
    });
  }

  test('a body of another shape, or an environment that is not one of the three, is refused: never guessed at', async () => {
    const batch = writes.find((e) => e.method === 'PATCH' && e.path.endsWith('/batch'))!;
    expect(() =>
      writeOfRequest(batch, { agentId: A }, { updates: [{ connectorId: 'conn_hv_live_us', projectId: 7 }] }),
    ).toThrow(/not one Switchboard can check/);
    const variables = writes.find((e) => e.path.endsWith('/variables'))!;
    await expect(
      reachOfWrite(writeOfRequest(variables, { agentId: A, clientEnv: 'staging' }, { variables: {} }), lookup),
    ).rejects.toThrow(/not an environment/);
    const numbers = writes.find((e) => e.method === 'POST' && e.path.endsWith('/phone-numbers'))!;
    await expect(
      reachOfWrite(writeOfRequest(numbers, { agentId: A }, { phoneNumbers: ['+1'], clientEnv: 'prod' }), lookup),
    ).rejects.toThrow(/not an environment/);
  });

  test('a backend that cannot be read refuses the write (503) rather than letting it through', async () => {
    const broken: Lookup = {
      connectors: () => Promise.reject(new Error('down')),
      numbers: () => Promise.reject(new Error('down')),
      page: () => Promise.reject(new Error('down')),
    };
    const batch = writes.find((e) => e.method === 'PATCH' && e.path.endsWith('/batch'))!;
    await expect(
      reachOfWrite(
        writeOfRequest(batch, { agentId: A }, { updates: [{ connectorId: 'x', asrLangCode: 'en-GB' }] }),
        broken,
      ),
    ).rejects.toMatchObject({ statusCode: 503 });
  });
});
