// @vitest-environment node
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type {
  ApiErrorBody,
  BatchGetConnectorsResponse,
  BatchUpdateConnectorsResponse,
  Connector,
  DeleteConnectorResponse,
  PhoneNumberList,
} from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract } from '../../test/test-app.ts';

const base = `/v1/agents/${DEMO_AGENT_ID}/telephony/connectors`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const patch = (id: string, payload: object) => ctx.app.inject({ method: 'PATCH', url: `${base}/${id}`, payload });
const errorCode = (body: unknown) => (body as ApiErrorBody).error_code;

describe('one connector', () => {
  test('reads a connector by id, and 404s an unknown one', async () => {
    const connector = expectContract(await ctx.app.inject(`${base}/conn_hv_live_uk`), 200, 'Connector') as Connector;
    expect(connector).toMatchObject({
      name: 'UK main line',
      clientEnv: 'live',
      voiceName: 'en-GB-Neural2-A',
      ttsLangCode: 'en-GB',
    });
    expect(errorCode(expectContract(await ctx.app.inject(`${base}/conn_nope`), 404, 'ApiErrorBody'))).toBe(
      'CONNECTORS_NOT_FOUND',
    );
  });

  test('a partial update changes only the fields sent; the TTS language follows the voice', async () => {
    const before = (await ctx.app.inject(`${base}/conn_hv_live_uk`)).json<Connector>();
    const after = expectContract(
      await patch('conn_hv_live_uk', { voiceName: 'fr-FR-Neural2-A' }),
      200,
      'Connector',
    ) as Connector;
    expect(after).toEqual({ ...before, voiceName: 'fr-FR-Neural2-A', ttsLangCode: 'fr-FR' });
    expect((await ctx.app.inject(`${base}/conn_hv_live_uk`)).json()).toEqual(after);
  });

  test('variantId null unassigns and reads back as ""', async () => {
    const after = expectContract(await patch('conn_hv_live_us', { variantId: null }), 200, 'Connector') as Connector;
    expect(after.variantId).toBe('');
  });

  test.each([
    ['a voice that fails the TTS probe', { voiceName: 'robot' }],
    ['an ASR language that is not a language code', { asrLangCode: 'english please' }],
    ['a field of the wrong type', { asrLangCode: 42 }],
  ])('refuses %s with CONNECTORS_VALIDATION_FAILED and changes nothing', async (_name, body) => {
    const before = (await ctx.app.inject(`${base}/conn_hv_live_uk`)).json();
    expect(errorCode(expectContract(await patch('conn_hv_live_uk', body), 400, 'ApiErrorBody'))).toBe(
      'CONNECTORS_VALIDATION_FAILED',
    );
    expect((await ctx.app.inject(`${base}/conn_hv_live_uk`)).json()).toEqual(before);
  });

  test('moving to another project takes the connector and its numbers along; an unknown project is 404', async () => {
    const moved = expectContract(
      await patch('conn_hv_live_uk', { projectId: 'PROJECT-RIVERSIDE' }),
      200,
      'Connector',
    ) as Connector;
    expect(moved.projectId).toBe('PROJECT-RIVERSIDE');
    const numbers = (
      await ctx.app.inject('/v1/agents/PROJECT-RIVERSIDE/telephony/phone-numbers?connectorId=conn_hv_live_uk')
    ).json<PhoneNumberList>();
    expect(numbers.phoneNumbers.map((n) => n.number)).toEqual(['+442079460100', '+442079460101']);
    expect(
      errorCode(expectContract(await patch('conn_hv_live_us', { projectId: 'PROJECT-NOPE' }), 404, 'ApiErrorBody')),
    ).toBe('PROJECT_NOT_FOUND');
  });

  test('delete cascades to its phone numbers and reports them', async () => {
    const response = await ctx.app.inject({ method: 'DELETE', url: `${base}/conn_hv_live_uk` });
    expect(expectContract(response, 200, 'DeleteConnectorResponse')).toEqual({
      deletedConnector: 'conn_hv_live_uk',
      deletedPhoneNumbers: ['+442079460100', '+442079460101'],
    } satisfies DeleteConnectorResponse);
    expect(
      (await ctx.app.inject(`/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers/%2B442079460100`)).statusCode,
    ).toBe(404);
    expect((await ctx.app.inject({ method: 'DELETE', url: `${base}/conn_hv_live_uk` })).statusCode).toBe(404);
  });
});

describe('batches and lookup', () => {
  test('batch get splits found from notFound', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `${base}/batch`,
      payload: { connectorIds: ['conn_hv_pre_uk', 'conn_x', 'conn_hv_live_es'] },
    });
    const body = expectContract(response, 200, 'BatchGetConnectorsResponse') as BatchGetConnectorsResponse;
    expect(body.found.map((c) => c.connectorId)).toEqual(['conn_hv_pre_uk', 'conn_hv_live_es']);
    expect(body.notFound).toEqual(['conn_x']);
    const empty = await ctx.app.inject({ method: 'POST', url: `${base}/batch`, payload: { connectorIds: [] } });
    expect(errorCode(expectContract(empty, 400, 'ApiErrorBody'))).toBe('CONNECTORS_VALIDATION_FAILED');
  });

  test('batch update applies each item on its own and reports partial success', async () => {
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `${base}/batch`,
      payload: {
        updates: [
          { connectorId: 'conn_hv_sbx_main', asrLangCode: 'en-US' },
          { connectorId: 'conn_missing', asrLangCode: 'en-US' },
          { connectorId: 'conn_hv_sbx_de', voiceName: 'not a voice' },
          { connectorId: 'conn_hv_pre_fr', asrLangCode: 'fr-FR' },
        ],
      },
    });
    const { results } = expectContract(response, 200, 'BatchUpdateConnectorsResponse') as BatchUpdateConnectorsResponse;
    expect(results.map((r) => [r.connectorId, r.success])).toEqual([
      ['conn_hv_sbx_main', true],
      ['conn_missing', false],
      ['conn_hv_sbx_de', false],
      ['conn_hv_pre_fr', true],
    ]);
    expect(results[1].error).toMatch(/CONNECTORS_NOT_FOUND/);
    expect(results[3].data?.asrLangCode).toBe('fr-FR');
    expect((await ctx.app.inject(`${base}/conn_hv_sbx_de`)).json<Connector>().voiceName).toBe('de-DE-Neural2-B');
  });

  test('lookup finds the connector answering a number; unknown and malformed numbers are refused', async () => {
    const lookup = (phoneNumber: string) =>
      ctx.app.inject({ method: 'POST', url: `${base}/lookup`, payload: { phoneNumber } });
    expect((expectContract(await lookup('+34910123456'), 200, 'Connector') as Connector).connectorId).toBe(
      'conn_hv_live_es',
    );
    expect(errorCode(expectContract(await lookup('+15550000000'), 404, 'ApiErrorBody'))).toBe(
      'PHONE_NUMBERS_NOT_FOUND',
    );
    expect(errorCode(expectContract(await lookup('020 7946 0100'), 400, 'ApiErrorBody'))).toBe(
      'PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT',
    );
  });
});
