// @vitest-environment node
/**
 * Team mode: two server processes on one Postgres, both proxying to the same upstream (a real emulator standing in
 * for PolyAI). Whichever replica a request reaches, conditional writes have exactly one winner per version, no
 * acknowledged write is lost, and the history holds each write once, in the order the versions were made.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { ConfigPage } from '../../contract/agents-api.ts';
import type { HistoryPage } from '../../contract/history.ts';
import { DEMO_AGENT_ID } from '../seed/demo-agents.ts';
import { freshDatabase } from '../test/postgres.ts';
import { startServerProcess, type ServerProcess } from '../test/server-process.ts';
import { createTestApp } from '../test/test-app.ts';

const KEY = 'sk-test-replicas-0123456789';
const PAGE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;
let upstream: Awaited<ReturnType<typeof createTestApp>>;
let replicas: ServerProcess[] = [];

beforeAll(async () => {
  upstream = await createTestApp({ requireApiKey: KEY });
  const baseUrl = await upstream.app.listen({ port: 0, host: '127.0.0.1' });
  // Any key may be written: the test is about who wins, not about the schema.
  const open = await upstream.app.inject({
    method: 'PUT',
    url: `${PAGE}/schema`,
    payload: { schema: { type: 'object' } },
    headers: { 'x-api-key': KEY },
  });
  expect(open.statusCode).toBe(200);
  const env = {
    DATABASE_URL: await freshDatabase(inject('postgresUrl')),
    POLYAI_API_KEY: KEY,
    POLYAI_BASE_URL: baseUrl,
    SWITCHBOARD_USER: 'replica-test',
  };
  // Started together: the migrations must run once, whichever replica gets there first.
  replicas = await Promise.all([startServerProcess(env), startServerProcess(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await upstream?.close();
});

const send = (replica: ServerProcess, path: string, init: RequestInit = {}) =>
  fetch(replica.url + path, {
    ...init,
    headers: { 'content-type': 'application/json', origin: replica.url, ...init.headers },
  });

const patch = (replica: ServerProcess, variables: object, ifMatch?: string) =>
  send(replica, `${PAGE}/variables`, {
    method: 'PATCH',
    body: JSON.stringify({ variables }),
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });

test('conditional writes through both replicas: one winner per version, no lost write, the history complete and in order', async () => {
  const [a, b] = replicas;
  const first = await send(a, PAGE);
  let etag = first.headers.get('etag')!;
  const winners: string[] = [];
  for (let round = 0; round < 8; round++) {
    // Eight writers on the same version, alternating replicas, all at once.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        patch(i % 2 ? b : a, { [`round_${round}`]: `writer ${i}` }, etag).then(async (r) => ({
          i,
          r,
          body: await r.text(),
        })),
      ),
    );
    const won = answers.filter(({ r }) => r.status === 200);
    expect(won, answers.map(({ r, body }) => `${r.status} ${body}`).join('\n')).toHaveLength(1);
    expect(answers.filter(({ r }) => r.status === 412)).toHaveLength(7);
    winners.push(`writer ${won[0].i}`);
    etag = won[0].r.headers.get('etag')!;
  }
  // Unconditional writes of distinct keys through both: every one lands.
  const distinct = await Promise.all(
    Array.from({ length: 20 }, (_, i) => patch(i % 2 ? b : a, { [`distinct_${i}`]: i })),
  );
  expect(distinct.map((r) => r.status)).toEqual(Array(20).fill(200));

  const stored = (await upstream.app.inject({ url: PAGE, headers: { 'x-api-key': KEY } })).json<ConfigPage>()
    .variables!;
  winners.forEach((winner, round) => expect(stored[`round_${round}`]).toBe(winner));
  for (let i = 0; i < 20; i++) expect(stored[`distinct_${i}`]).toBe(i);

  // Each write recorded once, by whichever replica served it; none mistaken for a change made outside Switchboard.
  const history = (await (await send(b, `/api/agents/${DEMO_AGENT_ID}/history?limit=500`)).json()) as HistoryPage;
  const writes = history.entries.filter((entry) => entry.kind === 'variables');
  expect(history.entries.filter((entry) => entry.kind === 'external')).toEqual([]);
  expect(writes).toHaveLength(8 + 20);
  expect(writes.every((entry) => entry.author === 'replica-test' && entry.outcome === 'applied')).toBe(true);
  // Newest first: versions descend as ids do. Each conditional write made its own; unconditional writes that waited
  // for the page together were sent as one and share theirs.
  const versions = writes.map((entry) => entry.version!);
  expect(versions).toEqual([...versions].sort().reverse());
  const rounds = writes.filter((entry) => entry.changes[0].key.startsWith('round_')).reverse();
  expect(new Set(rounds.map((entry) => entry.version)).size).toBe(8);
  expect(rounds.map((entry) => entry.changes[0])).toEqual(
    winners.map((winner, round) => ({ key: `round_${round}`, after: winner })),
  );
}, 60_000);
