// @vitest-environment node
import { afterEach, beforeEach, expect, test } from 'vitest';
import { etagOf, type ApiErrorBody, type ConfigPage } from '../../../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../../seed/demo-agents.ts';
import { createTestApp, expectContract } from '../../test/test-app.ts';

const url = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let ctx: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const patch = (variables: object, ifMatch?: string) =>
  ctx.app.inject({
    method: 'PATCH',
    url: `${url}/variables`,
    payload: { variables },
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

test('reads and writes carry the page ETag, derived from its version', async () => {
  const read = await ctx.app.inject(url);
  expect(read.headers.etag).toBe(etagOf(read.json<ConfigPage>()));
  const written = await patch({ silence_timeout_seconds: 11 }, read.headers.etag as string);
  expect(written.statusCode).toBe(200);
  expect(written.headers.etag).toBe(etagOf(written.json<ConfigPage>()));
  expect(written.headers.etag).not.toBe(read.headers.etag);
});

test('a write based on a stale version gets 412 with the current page, and nothing is written', async () => {
  const stale = (await ctx.app.inject(url)).headers.etag as string;
  const theirs = (await patch({ silence_timeout_seconds: 20 })).json<ConfigPage>();
  const refused = await patch({ silence_timeout_seconds: 11 }, stale);
  const body = expectContract(refused, 412, 'ApiErrorBody') as ApiErrorBody;
  expect(body.error_code).toBe('PRECONDITION_FAILED');
  expect(body.data).toEqual({ currentPage: theirs });
  expect((await ctx.app.inject(url)).json<ConfigPage>()).toEqual(theirs);

  const schemaWrite = await ctx.app.inject({
    method: 'PUT',
    url: `${url}/schema`,
    payload: { schema: {} },
    headers: { 'if-match': stale },
  });
  expect(schemaWrite.statusCode).toBe(412);
  expect((await ctx.app.inject(url)).json<ConfigPage>().schema).toEqual(theirs.schema);
});

test('If-Match accepts any of several tags, and * for any version', async () => {
  const current = (await ctx.app.inject(url)).headers.etag as string;
  expect((await patch({ silence_timeout_seconds: 12 }, `"old", ${current}`)).statusCode).toBe(200);
  expect((await patch({ silence_timeout_seconds: 13 }, '*')).statusCode).toBe(200);
  expect((await patch({ silence_timeout_seconds: 14 }, 'W/"weak-tags-never-match"')).statusCode).toBe(412);
});
