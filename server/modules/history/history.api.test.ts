// @vitest-environment node
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import type { HistoryEntry, HistoryPage, PageAt } from '../../../contract/history.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp } from '../../test/test-app.ts';

const page = (env = 'sandbox') => `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/${env}`;
const historyUrl = `/api/agents/${DEMO_AGENT_ID}/history`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp({ author: 'dana' });
});
afterEach(() => ctx.close());

const patch = (variables: object, headers: Record<string, string> = {}, env = 'sandbox') =>
  ctx.app.inject({ method: 'PATCH', url: `${page(env)}/variables`, payload: { variables }, headers });
const historyOf = async (query = '') => {
  const response = await ctx.app.inject(`${historyUrl}${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<HistoryPage>();
};

describe('recording', () => {
  test('a save is recorded with who, when, why, its correlation id, its version and each changed key before → after', async () => {
    const before = (await ctx.app.inject(page())).json<ConfigPage>();
    const saved = await patch(
      { silence_timeout_seconds: 12, promo_code: 'WINTER25', brand_new: 'x' },
      { 'x-switchboard-note': encodeURIComponent('Callers wait longer —\r\nticket #42'), 'x-correlation-id': 'corr-1' },
    );
    expect(saved.statusCode).toBe(200);
    const [entry] = (await historyOf()).entries;
    expect(entry).toMatchObject({
      author: 'dana',
      note: 'Callers wait longer —\nticket #42',
      clientEnv: 'sandbox',
      kind: 'variables',
      outcome: 'applied',
      version: saved.json<ConfigPage>().lastUpdated,
    });
    expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 10_000);
    // promo_code was already WINTER25: not a change. A key that did not exist has no `before`.
    expect(entry.changes).toEqual([
      { key: 'brand_new', after: 'x' },
      { key: 'silence_timeout_seconds', before: before.variables?.silence_timeout_seconds, after: 12 },
    ]);
    expect(entry.correlationId).toBeTruthy();
  });

  test('refused writes are not changes: invalid values, a stale If-Match, a bad note', async () => {
    expect((await patch({ silence_timeout_seconds: 999 })).statusCode).toBe(400);
    expect(
      (await patch({ silence_timeout_seconds: 12 }, { 'if-match': '"2000-01-01T00:00:00.000Z"' })).statusCode,
    ).toBe(412);
    expect((await patch({ silence_timeout_seconds: 12 }, { 'x-switchboard-note': '%E0%A4%A' })).statusCode).toBe(400);
    expect((await patch({ silence_timeout_seconds: 12 }, { 'x-switchboard-kind': 'magic' })).statusCode).toBe(400);
    // A note is text and lines; a source is an environment, an entry id or page-at:<time> (both are shown to people).
    expect(
      (await patch({ silence_timeout_seconds: 12 }, { 'x-switchboard-note': '%00%1b%5B31m' })).json().error_code,
    ).toBe('HISTORY_NOTE_INVALID');
    expect(
      (await patch({ silence_timeout_seconds: 12 }, { 'x-switchboard-source': '<img src=x>' })).json().error_code,
    ).toBe('HISTORY_SOURCE_INVALID');
    expect((await historyOf()).entries).toEqual([]);
  });

  test('a schema write keeps the whole schema before and after; promotions and restores say so', async () => {
    const before = (await ctx.app.inject(page('live'))).json<ConfigPage>();
    const schema = { type: 'object', properties: { only: { type: 'string' } } };
    expect(
      (await ctx.app.inject({ method: 'PUT', url: `${page('live')}/schema`, payload: { schema } })).statusCode,
    ).toBe(200);
    expect(
      (
        await patch(
          { promo_code: 'SPRING' },
          { 'x-switchboard-kind': 'promotion', 'x-switchboard-source': 'pre-release' },
          'pre-release',
        )
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await patch(
          { promo_code: 'WINTER25' },
          { 'x-switchboard-kind': 'restore', 'x-switchboard-source': '1' },
          'pre-release',
        )
      ).statusCode,
    ).toBe(200);
    const [restore, promotion, schemaWrite] = (await historyOf()).entries;
    expect(schemaWrite).toMatchObject({
      kind: 'schema',
      clientEnv: 'live',
      schema: { before: before.schema, after: schema },
      changes: [],
    });
    expect(promotion).toMatchObject({
      kind: 'promotion',
      source: 'pre-release',
      changes: [{ key: 'promo_code', before: 'WINTER25', after: 'SPRING' }],
    });
    expect(restore).toMatchObject({
      kind: 'restore',
      source: '1',
      changes: [{ key: 'promo_code', before: 'SPRING', after: 'WINTER25' }],
    });
  });

  test('every connector and phone-number write is recorded with what it was about', async () => {
    const agent = `/v1/agents/${DEMO_AGENT_ID}/telephony`;
    const send = async (method: 'PATCH' | 'POST' | 'DELETE', url: string, payload?: object) => {
      const response = await ctx.app.inject({ method, url: `${agent}${url}`, ...(payload && { payload }) });
      expect(response.statusCode, response.body).toBeLessThan(300);
    };
    await send('PATCH', '/connectors/conn_hv_sbx_main', { voiceName: 'en-GB-Neural2-D' });
    await send('PATCH', '/connectors/batch', {
      updates: [
        { connectorId: 'conn_hv_sbx_de', asrLangCode: 'de-AT' },
        { connectorId: 'conn_hv_pre_uk', variantId: null },
      ],
    });
    await send('POST', '/phone-numbers', { phoneNumbers: ['+442079460500', '+442079460501'], clientEnv: 'sandbox' });
    await send('POST', '/phone-numbers/+442079460502', { clientEnv: 'sandbox' });
    await send('PATCH', '/phone-numbers/+442079460500', { connectorId: 'conn_hv_sbx_main' });
    await send('DELETE', '/phone-numbers', { phoneNumbers: ['+442079460501', '+442079460502'] });
    await send('DELETE', '/phone-numbers/+442079460500');
    await send('DELETE', '/connectors/conn_hv_sbx_de');
    const entries = (await historyOf()).entries.reverse();
    expect(entries.map((e) => [e.kind, e.subject])).toEqual([
      ['connector', 'Connector conn_hv_sbx_main'],
      ['connector', 'Batch edit of 2 connectors'],
      ['phone-number', 'Imported 2 numbers'],
      ['phone-number', 'Imported +442079460502'],
      ['phone-number', 'Moved +442079460500'],
      ['phone-number', 'Released 2 numbers'],
      ['phone-number', 'Released +442079460500'],
      ['connector', 'Deleted connector conn_hv_sbx_de'],
    ]);
    expect(entries[0].changes).toEqual([{ key: 'voiceName', after: 'en-GB-Neural2-D' }]);
    expect(entries[1].changes).toEqual([
      { key: 'conn_hv_pre_uk', after: { variantId: null } },
      { key: 'conn_hv_sbx_de', after: { asrLangCode: 'de-AT' } },
    ]);
    expect(entries[4].changes).toEqual([{ key: '+442079460500', after: { connectorId: 'conn_hv_sbx_main' } }]);
    expect(entries.every((e) => e.author === 'dana' && e.outcome === 'applied')).toBe(true);
  });

  test('a team can require a note for live; other environments stay free', async () => {
    const settings = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/history',
      payload: { requireNoteForLive: true },
    });
    expect(settings.json()).toEqual({ requireNoteForLive: true });
    const refused = await patch({ promo_code: 'SPRING26' }, {}, 'live');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error_code).toBe('HISTORY_NOTE_REQUIRED');
    expect((await patch({ promo_code: 'SPRING26' }, { 'x-switchboard-note': 'launch' }, 'live')).statusCode).toBe(200);
    expect((await patch({ promo_code: 'SPRING26' }, {}, 'sandbox')).statusCode).toBe(200);
    expect((await ctx.app.inject('/api/settings/history')).json()).toEqual({ requireNoteForLive: true });
  });
});

describe('reading', () => {
  test('filters by environment, key, kind, author and words; pages with a cursor, newest first', async () => {
    for (let i = 0; i < 5; i++) await patch({ silence_timeout_seconds: 11 + i }, { 'x-switchboard-note': `step ${i}` });
    await patch({ promo_code: 'LIVE1' }, {}, 'live');
    expect((await historyOf('?clientEnv=live')).entries.map((e) => e.changes[0].key)).toEqual(['promo_code']);
    expect((await historyOf('?key=silence_timeout_seconds')).entries).toHaveLength(5);
    expect((await historyOf('?q=STEP%203')).entries.map((e) => e.note)).toEqual(['step 3']);
    expect((await historyOf('?q=LIVE1')).entries).toHaveLength(1);
    expect((await historyOf('?author=someone-else')).entries).toEqual([]);
    expect((await historyOf('?kind=schema')).entries).toEqual([]);

    const first = await historyOf('?limit=4');
    expect(first.entries).toHaveLength(4);
    const second = await historyOf(`?limit=4&cursor=${first.nextCursor}`);
    expect(second.entries).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    // % and _ are searched as themselves.
    expect((await historyOf('?q=%25')).entries).toEqual([]);
  });

  test('a page as it was at any recorded moment', async () => {
    await ctx.app.inject(page()); // the first read is the baseline
    const original = (await ctx.app.inject(page())).json<ConfigPage>();
    await patch({ silence_timeout_seconds: 20 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await patch({ silence_timeout_seconds: 25, added: true });
    const at = async (moment: string) =>
      (await ctx.app.inject(`${historyUrl}/page-at?clientEnv=sandbox&at=${moment}`)).json<PageAt>();
    expect((await at(between)).variables).toEqual({ ...original.variables, silence_timeout_seconds: 20 });
    expect((await at('2000-01-01T00:00:00.000Z')).variables).toEqual(original.variables);
    expect((await at(new Date().toISOString())).variables).toEqual({
      ...original.variables,
      silence_timeout_seconds: 25,
      added: true,
    });
    expect((await ctx.app.inject(`${historyUrl}/page-at?clientEnv=live&at=${between}`)).statusCode).toBe(404);
  });

  test('exports an agent’s history as JSON Lines, oldest first', async () => {
    await patch({ silence_timeout_seconds: 11 });
    await patch({ silence_timeout_seconds: 12 });
    const response = await ctx.app.inject(`${historyUrl}.jsonl`);
    expect(response.headers['content-type']).toMatch(/ndjson/);
    expect(response.headers['content-disposition']).toContain('attachment');
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as HistoryEntry);
    expect(lines.map((e) => e.changes[0].after)).toEqual([11, 12]);
  });

  test('the history endpoints are in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json<{ paths: Record<string, object> }>();
    expect(
      Object.keys(doc.paths)
        .filter((path) => path.startsWith('/api/'))
        .sort(),
    ).toEqual([
      '/api/agents/{agentId}/history',
      '/api/agents/{agentId}/history.jsonl',
      '/api/agents/{agentId}/history/page-at',
      '/api/settings/history',
    ]);
  });

  test('history answers are refused cross-origin like every write, and its query is checked', async () => {
    const foreign = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/history',
      payload: { requireNoteForLive: true },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await ctx.app.inject(`${historyUrl}?limit=100000`)).statusCode).toBe(400);
    expect((await ctx.app.inject(`${historyUrl}?cursor=1%20OR%201=1`)).statusCode).toBe(400);
    expect(
      (await ctx.app.inject({ method: 'PUT', url: '/api/settings/history', payload: { requireNoteForLive: 'yes' } }))
        .statusCode,
    ).toBe(400);
  });
});
