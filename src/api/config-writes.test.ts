/**
 * The one write protocol against the real server (in process), with its faults: every outcome a caller must handle,
 * and never a second write sent by itself.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import { startInProcessServer } from '../test/in-process-server.ts';
import { writeSchema, writeVariables } from './config-writes.ts';
import { createQueryClient } from './query-client.ts';
import { configKeys } from './configs.ts';

const AGENT = 'PROJECT-HARBOURVIEW';
const PAGE = `/v1/agents/${AGENT}/real-time-configs/sandbox`;
let server: Awaited<ReturnType<typeof startInProcessServer>>;
beforeEach(async () => {
  server = await startInProcessServer();
});
afterEach(() => server.close());

const read = async () => (await server.app.inject(PAGE)).json<ConfigPage>();
const patches = () => server.requests.filter((r) => r.method === 'PATCH');

describe('writeVariables', () => {
  test('saved: the answer is the new page, and the cache holds it', async () => {
    const queryClient = createQueryClient();
    const basedOn = await read();
    const outcome = await writeVariables(queryClient, AGENT, 'sandbox', { agent_persona_name: 'Ada' }, basedOn);
    expect(outcome).toMatchObject({ kind: 'saved', page: { variables: { agent_persona_name: 'Ada' } } });
    expect(outcome.kind === 'saved' && outcome.found).toBeUndefined();
    expect(queryClient.getQueryData<ConfigPage>(configKeys.page(AGENT, 'sandbox'))?.variables?.agent_persona_name).toBe(
      'Ada',
    );
    expect(patches()[0].headers['if-match']).toBe(`"${basedOn.lastUpdated}"`);
  });

  test('conflict: someone wrote since; their keys are named, the current page is cached, nothing of ours is written', async () => {
    const queryClient = createQueryClient();
    const basedOn = await read();
    await server.app.inject({
      method: 'PATCH',
      url: `${PAGE}/variables`,
      payload: { variables: { silence_timeout_seconds: 20, speaking_rate: 1.3 } },
    });
    const outcome = await writeVariables(queryClient, AGENT, 'sandbox', { agent_persona_name: 'Ada' }, basedOn);
    expect(outcome).toMatchObject({
      kind: 'conflict',
      theirKeys: ['silence_timeout_seconds', 'speaking_rate'],
      schemaChanged: false,
    });
    expect((await read()).variables?.agent_persona_name).toBe(basedOn.variables?.agent_persona_name);
    expect(
      queryClient.getQueryData<ConfigPage>(configKeys.page(AGENT, 'sandbox'))?.variables?.silence_timeout_seconds,
    ).toBe(20);
    expect(patches()).toHaveLength(1);
  });

  test('the answer was lost after the write landed: read back and reported saved (found), never sent twice', async () => {
    const basedOn = await read();
    await server.injectFaults({ fail: { count: 1, status: 503, when: 'after', match: 'writes' } });
    const outcome = await writeVariables(createQueryClient(), AGENT, 'sandbox', { agent_persona_name: 'Ada' }, basedOn);
    expect(outcome).toMatchObject({ kind: 'saved', found: true, page: { variables: { agent_persona_name: 'Ada' } } });
    expect(patches()).toHaveLength(1);
  });

  test('the server failed before writing: read back, reported not landed, never sent twice', async () => {
    const basedOn = await read();
    await server.injectFaults({ fail: { count: 1, status: 503, when: 'before', match: 'writes' } });
    const outcome = await writeVariables(createQueryClient(), AGENT, 'sandbox', { agent_persona_name: 'Ada' }, basedOn);
    expect(outcome).toMatchObject({ kind: 'failed', landed: 'no' });
    expect(patches()).toHaveLength(1);
    expect((await read()).variables?.agent_persona_name).not.toBe('Ada');
  });

  test('no answer and the page cannot be read back either: not known', async () => {
    const basedOn = await read();
    await server.injectFaults({ fail: { count: 10, status: 503, when: 'before', match: 'all' } });
    const outcome = await writeVariables(createQueryClient(), AGENT, 'sandbox', { agent_persona_name: 'Ada' }, basedOn);
    expect(outcome).toMatchObject({ kind: 'failed', landed: 'unknown' });
    expect(patches()).toHaveLength(1);
  });

  test('a refusal (values the schema refuses) is a failure that did not land, with the field errors', async () => {
    const outcome = await writeVariables(
      createQueryClient(),
      AGENT,
      'sandbox',
      { silence_timeout_seconds: 99 },
      await read(),
    );
    expect(outcome).toMatchObject({
      kind: 'failed',
      landed: 'no',
      error: { status: 400, fieldErrors: [{ path: '/silence_timeout_seconds' }] },
    });
  });
});

describe('writeSchema', () => {
  test('the same protocol: saved, conflict with the schema change named, a lost answer found', async () => {
    const basedOn = await read();
    const schema = { ...basedOn.schema, title: 'Renamed' };
    const saved = await writeSchema(createQueryClient(), AGENT, 'sandbox', schema, basedOn);
    expect(saved).toMatchObject({ kind: 'saved', page: { schema: { title: 'Renamed' } } });

    const stale = await writeSchema(createQueryClient(), AGENT, 'sandbox', { ...schema, title: 'Again' }, basedOn);
    expect(stale).toMatchObject({ kind: 'conflict', schemaChanged: true, theirKeys: [] });

    await server.injectFaults({ fail: { count: 1, status: 502, when: 'after', match: 'writes' } });
    const current = await read();
    const found = await writeSchema(createQueryClient(), AGENT, 'sandbox', { ...schema, title: 'Third' }, current);
    expect(found).toMatchObject({ kind: 'saved', found: true, page: { schema: { title: 'Third' } } });
  });
});
