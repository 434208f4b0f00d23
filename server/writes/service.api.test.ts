// @vitest-environment node
/**
 * The write service on its own, against both backends: the emulator's repositories, and PolyAI (a real emulator
 * listening, reached through the upstream backend). A writer makes one call and nothing else; what it may do, the
 * rule, the write and its history all follow from that call.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Me } from '../../contract/access.ts';
import type { ConfigPage } from '../../contract/agents-api.ts';
import type { ChangePolicy } from '../../contract/change-request-values.ts';
import { CONFIG_PAGE_PATH, CONNECTORS_PATH } from '../../contract/endpoints.ts';
import { openEmulator } from '../emulator.ts';
import { ApiError } from '../errors.ts';
import { createHistoryRepository, type HistoryRepository } from '../modules/history/history.repository.ts';
import { DEMO_AGENT_ID as A } from '../seed/demo-agents.ts';
import { createPageLocks } from '../state/page-locks.ts';
import { openStateStore, type StateDb } from '../state/state-store.ts';
import { createTestApp } from '../test/test-app.ts';
import type { Backend } from './backend.ts';
import { emulatorBackend } from './emulator-backend.ts';
import { createWriteService, type WriteCall, type WriteService } from './service.ts';
import { upstreamBackend } from './upstream-backend.ts';
import { writeEndpointOf } from './write.ts';

const KEY = 'sk-test-1f2e3d4c5b6a';
const VARIABLES = writeEndpointOf(`PATCH ${CONFIG_PAGE_PATH}/variables`)!;
const CONNECTOR = writeEndpointOf(`PATCH ${CONNECTORS_PATH}/:connectorId`)!;
const LOCAL: Me = { mode: 'local', name: 'dana' };
const member = (grants: Extract<Me, { mode: 'team' }>['grants']): Me => ({
  mode: 'team',
  email: 'eve@example.com',
  admin: false,
  grants,
  expiresAt: '',
});

type Setup = { backend: Backend; close: () => Promise<void> };

/** Each backend, on a freshly seeded emulator. */
const BACKENDS: [string, (history: HistoryRepository, state: StateDb) => Promise<Setup>][] = [
  [
    'the emulator',
    async () => {
      const emulator = openEmulator(':memory:');
      return {
        backend: emulatorBackend(emulator),
        close: async () => {
          await emulator.pool.close();
          emulator.db.close();
        },
      };
    },
  ],
  [
    'PolyAI (proxy mode)',
    async (history, state) => {
      const upstream = await createTestApp({ requireApiKey: KEY });
      const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
      const backend = upstreamBackend(
        { apiKey: KEY, baseUrl, readOnly: false, timeoutMs: 5_000 },
        { history, pageLocks: createPageLocks(state), raceWindows: { samples: [] } },
      );
      return { backend, close: () => upstream.close() };
    },
  ],
];

describe.each(BACKENDS)('the write service writing to %s', (_name, open) => {
  let state: StateDb;
  let history: HistoryRepository;
  let setup: Setup;
  let policies: ChangePolicy[];
  let writes: WriteService;
  /** What the service logged as failing: nothing, in every test here. */
  let logged: string[];

  beforeEach(async () => {
    state = await openStateStore(':memory:');
    history = createHistoryRepository(state);
    setup = await open(history, state);
    policies = [];
    logged = [];
    writes = createWriteService({
      backend: setup.backend,
      history,
      policies: async () => policies,
      log: { error: (_detail: object, message: string) => void logged.push(message) },
    });
  });
  afterEach(async () => {
    expect(logged).toEqual([]);
    await setup.close();
    await state.destroy();
  });

  const page = async (env = 'live') => (await setup.backend.lookup('test').page(A, env)) as ConfigPage;
  const entries = async () => (await history.list(A, {})).entries;
  const variablesCall = (variables: object, more: Partial<WriteCall> = {}): WriteCall => ({
    endpoint: VARIABLES,
    params: { agentId: A, clientEnv: 'live' },
    body: { variables },
    by: LOCAL,
    correlationId: 'test-write',
    ...more,
  });
  /** Why a write was refused (a refusal from PolyAI is an answer of its own: its status). */
  const refusal = (call: WriteCall) =>
    writes.write(call).then(
      (answer) => (answer.status < 300 ? undefined : String(answer.status)),
      (error: unknown) => (error instanceof ApiError ? `${error.statusCode} ${error.code}` : String(error)),
    );

  test('one call writes the page and records who, why, and what each key held before', async () => {
    const before = (await page()).variables!.silence_timeout_seconds as number;
    const answer = await writes.write(
      variablesCall({ silence_timeout_seconds: before + 1, added: 1 }, { note: 'why' }),
    );

    expect(answer.status).toBe(200);
    const after = await page();
    expect(after.variables).toMatchObject({ silence_timeout_seconds: before + 1, added: 1 });
    expect(answer.version).toBe(after.lastUpdated);
    const [entry] = await entries();
    expect(entry).toMatchObject({ kind: 'variables', author: 'dana', note: 'why', outcome: 'applied' });
    expect(entry.changes).toEqual([
      { key: 'added', after: 1 },
      { key: 'silence_timeout_seconds', before, after: before + 1 },
    ]);
  });

  test('a write based on a stale version is refused with 412: nothing written, nothing recorded', async () => {
    const before = await page();
    expect(await refusal(variablesCall({ added: 1 }, { ifMatch: '"1999-01-01T00:00:00.000Z"' }))).toBe(
      '412 PRECONDITION_FAILED',
    );
    expect((await page()).lastUpdated).toBe(before.lastUpdated);
    expect(await entries()).toEqual([]);
  });

  test('a body not of the endpoint’s shape is refused before anything is read or written', async () => {
    expect(await refusal({ ...variablesCall({}), body: { variables: 'not an object' } })).toBe('400 INVALID_REQUEST');
    expect(await entries()).toEqual([]);
  });

  test('a member is refused what their roles do not allow, before anything is written', async () => {
    const before = await page();
    const sandboxOnly = member([{ role: 'editor', agentId: A, clientEnv: 'sandbox' }]);
    expect(await refusal(variablesCall({ added: 1 }, { by: sandboxOnly }))).toBe('403 FORBIDDEN');
    expect((await page()).lastUpdated).toBe(before.lastUpdated);
    expect(await entries()).toEqual([]);
  });

  test('a rule holds a write for approval; the approved request’s write passes it, and still needs the role', async () => {
    policies = [{ clientEnv: 'live', approvals: 1 }];
    const editor = member([{ role: 'editor', agentId: A }]);
    expect(await refusal(variablesCall({ added: 1 }, { by: editor }))).toBe('409 CHANGE_REQUEST_REQUIRED');
    const viewer = member([{ role: 'viewer', agentId: A }]);
    expect(await refusal(variablesCall({ added: 1 }, { by: viewer, approved: true }))).toBe('403 FORBIDDEN');

    await writes.write(variablesCall({ added: 2 }, { by: editor, approved: true, source: 'change-request:7' }));
    expect((await page()).variables).toMatchObject({ added: 2 });
    expect((await entries())[0]).toMatchObject({ author: 'eve@example.com', source: 'change-request:7' });
  });

  test('a connector write is checked over every environment it reaches, and recorded', async () => {
    const [connector] = (await setup.backend.lookup('test').connectors(A))!;
    const call: WriteCall = {
      endpoint: CONNECTOR,
      params: { agentId: A, connectorId: connector.connectorId },
      body: { voiceName: 'en-GB-Neural2-C' },
      by: member([{ role: 'editor', agentId: A, clientEnv: 'sandbox' }]),
      correlationId: 'test-connector',
    };
    expect(await refusal(call)).toBe('403 FORBIDDEN');
    await writes.write({ ...call, by: member([{ role: 'editor', agentId: A }]) });
    expect((await entries())[0]).toMatchObject({
      kind: 'connector',
      subject: `Connector ${connector.connectorId}`,
      changes: [{ key: 'voiceName', after: 'en-GB-Neural2-C' }],
    });
  });
});
