// @vitest-environment node
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type {
  ApiErrorBody,
  BatchGetPhoneNumbersResponse,
  DeletePhoneNumbersResponse,
  PhoneNumber,
  PhoneNumberList,
} from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract } from '../../test/test-app.ts';

const base = `/v1/agents/${DEMO_AGENT_ID}/telephony/phone-numbers`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());
const errorCode = (body: unknown) => (body as ApiErrorBody).error_code;
const list = async (query = '') => (await ctx.app.inject(`${base}${query}`)).json<PhoneNumberList>().phoneNumbers;

describe('reading numbers', () => {
  test("lists every number, or only a connector's", async () => {
    const all = expectContract(await ctx.app.inject(base), 200, 'PhoneNumberList') as PhoneNumberList;
    expect(all.phoneNumbers).toHaveLength(7);
    expect((await list('?connectorId=conn_hv_live_uk')).map((n) => n.number)).toEqual([
      '+442079460100',
      '+442079460101',
    ]);
    expect(await list('?connectorId=conn_nope')).toEqual([]);
  });

  test('gets one number whether the + is percent-encoded or not', async () => {
    for (const path of ['%2B442079460100', '+442079460100']) {
      const number = expectContract(await ctx.app.inject(`${base}/${path}`), 200, 'PhoneNumber') as PhoneNumber;
      expect(number).toEqual({
        number: '+442079460100',
        projectId: DEMO_AGENT_ID,
        accountId: 'ws-5f3a9c21',
        clientEnv: 'live',
        connectorId: 'conn_hv_live_uk',
      });
    }
    expect(errorCode(expectContract(await ctx.app.inject(`${base}/%2B15550000000`), 404, 'ApiErrorBody'))).toBe(
      'PHONE_NUMBERS_NOT_FOUND',
    );
    expect(errorCode(expectContract(await ctx.app.inject(`${base}/0207`), 400, 'ApiErrorBody'))).toBe(
      'PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT',
    );
  });

  test('batch get splits found from notFound', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `${base}/batch`,
      payload: { phoneNumbers: ['+34910123456', '+15550000000'] },
    });
    const body = expectContract(response, 200, 'BatchGetPhoneNumbersResponse') as BatchGetPhoneNumbersResponse;
    expect(body.found.map((n) => n.number)).toEqual(['+34910123456']);
    expect(body.notFound).toEqual(['+15550000000']);
  });
});

describe('changing numbers', () => {
  test('imports a batch into live by default, with no connector yet', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: base,
      payload: { phoneNumbers: ['+15551230001', '+15551230002'] },
    });
    expect(expectContract(response, 201, 'ImportPhoneNumbersResponse')).toEqual({
      imported: ['+15551230001', '+15551230002'],
    });
    const number = (await ctx.app.inject(`${base}/%2B15551230001`)).json<PhoneNumber>();
    expect(number).toEqual({
      number: '+15551230001',
      projectId: DEMO_AGENT_ID,
      accountId: 'ws-5f3a9c21',
      clientEnv: 'live',
    });
  });

  test('imports a single number into the environment asked for', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `${base}/%2B15551230003`,
      payload: { clientEnv: 'sandbox' },
    });
    expect(expectContract(response, 201, 'ImportPhoneNumberResponse')).toEqual({ imported: '+15551230003' });
    expect((await ctx.app.inject(`${base}/%2B15551230003`)).json<PhoneNumber>().clientEnv).toBe('sandbox');
  });

  test('an import with one existing or malformed number imports none of them', async () => {
    const before = await list();
    const existing = await ctx.app.inject({
      method: 'POST',
      url: base,
      payload: { phoneNumbers: ['+15551230009', '+34910123456'] },
    });
    expect(errorCode(expectContract(existing, 409, 'ApiErrorBody'))).toBe('PHONE_NUMBERS_ALREADY_EXISTS');
    const malformed = await ctx.app.inject({
      method: 'POST',
      url: base,
      payload: { phoneNumbers: ['+15551230009', '555-1234'] },
    });
    expect(errorCode(expectContract(malformed, 400, 'ApiErrorBody'))).toBe('PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT');
    expect(await list()).toEqual(before);
  });

  test('reassigns a number to another connector; an unknown connector is refused', async () => {
    const url = `${base}/%2B442079460199`;
    const moved = expectContract(
      await ctx.app.inject({ method: 'PATCH', url, payload: { connectorId: 'conn_hv_sbx_de' } }),
      200,
      'PhoneNumber',
    ) as PhoneNumber;
    expect(moved.connectorId).toBe('conn_hv_sbx_de');
    const bad = await ctx.app.inject({ method: 'PATCH', url, payload: { connectorId: 'conn_nope' } });
    expect(errorCode(expectContract(bad, 404, 'ApiErrorBody'))).toBe('PHONE_NUMBERS_CONNECTOR_DOES_NOT_EXIST');
    expect((await ctx.app.inject(url)).json<PhoneNumber>().connectorId).toBe('conn_hv_sbx_de');
  });

  test('deletes one number, and a batch with per-number errors', async () => {
    expect(
      expectContract(
        await ctx.app.inject({ method: 'DELETE', url: `${base}/%2B33170123456` }),
        200,
        'DeletePhoneNumberResponse',
      ),
    ).toEqual({ deleted: '+33170123456' });
    const batch = await ctx.app.inject({
      method: 'DELETE',
      url: base,
      payload: { phoneNumbers: ['+442079460180', '+15550000000', 'nope'] },
    });
    expect(expectContract(batch, 200, 'DeletePhoneNumbersResponse')).toEqual({
      deleted: ['+442079460180'],
      errors: [
        { phoneNumber: '+15550000000', error: 'PHONE_NUMBERS_NOT_FOUND' },
        { phoneNumber: 'nope', error: 'PHONE_NUMBERS_INVALID_PHONE_NUMBER_FORMAT' },
      ],
    } satisfies DeletePhoneNumbersResponse);
    const clean = await ctx.app.inject({ method: 'DELETE', url: base, payload: { phoneNumbers: ['+18885550142'] } });
    expect(clean.json()).toEqual({ deleted: ['+18885550142'] });
  });
});
