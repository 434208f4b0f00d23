/**
 * Team mode at load: two replicas on one Postgres proxying to an emulator that stands in for PolyAI, 50 signed-in
 * users writing their own keys at once (each user one key; the users spread over the six demo pages, so writers to
 * one page wait for its lock, and go upstream together). Measured against the same 50 writers sent straight to the
 * upstream in the same run, both warmed up and measured in turn: the latency the proxy adds at p50 and p99. Then contested rounds (every writer on the same version) and a
 * read-back: no lost write, one winner per version, every acknowledged write in the history once.
 */
import { request } from 'undici';
import { DEMO_AGENT_ID } from '../server/seed/demo-agents.ts';
import type { ConfigPage } from '../contract/agents-api.ts';
import type { HistoryPage } from '../contract/history.ts';
import { startOidcProvider } from '../server/test/oidc-provider.ts';
import { createHistoryRepository } from '../server/modules/history/history.repository.ts';
import { openStateStore } from '../server/state/state-store.ts';
import { freshDatabase, startPostgres } from '../server/test/postgres.ts';
import { startServerProcess } from '../server/test/server-process.ts';
import { signIn } from '../server/test/sign-in.ts';
import { freePort } from '../server/test/free-port.ts';
import { summarize, type Row } from './report.ts';

const USERS = Number(process.env.BENCH_TEAM_USERS ?? 50);
/** 4,000 measured writes: the p99 of 2,000 moved by tens of milliseconds from run to run here. */
const WRITES_PER_USER = Number(process.env.BENCH_TEAM_WRITES ?? 80);
const CONTESTED_ROUNDS = 10;
const KEY = 'sk-bench-team-0123456789';
const ADMIN = 'admin@bench.example';
const AGENTS = [DEMO_AGENT_ID, 'PROJECT-RIVERSIDE'];
const PAGES = AGENTS.flatMap((agent) =>
  ['sandbox', 'pre-release', 'live'].map((env) => `/v1/agents/${agent}/real-time-configs/${env}`),
);
const SCENARIO = `team: 2 replicas on Postgres, ${USERS} users`;

type Writer = { base: string; headers: Record<string, string>; prefix: string };

/** Unmeasured writes per user on each path first: both are measured warm (JIT, connection pools, caches). */
const WARM_UP_WRITES = 5;
/** The measured writes alternate between the paths in this many turns (a slow moment of the machine hits both). */
const TURNS = 4;

/**
 * Each user writes their own key `writes` times, all users at once; returns each request's latency and records the last
 * value acknowledged per user (values differ from round to round, so every write changes something). Sent with
 * undici's request, not fetch: the load generator shares the machine, and its own CPU and pauses (fetch makes far more
 * garbage) would land on whichever path it happened to be measuring. Answers are asked for compressed, as a browser does.
 */
async function load(
  writerOf: (user: number) => Writer,
  acknowledged: Map<number, string>,
  round: string,
  writes: number,
): Promise<number[]> {
  const { prefix } = writerOf(0);
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      const { base, headers } = writerOf(user);
      for (let n = 1; n <= writes; n++) {
        const value = `${round}:${n}`;
        const started = performance.now();
        const response = await request(`${base}${PAGES[user % PAGES.length]}/variables`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br', ...headers },
          body: JSON.stringify({ variables: { [`${prefix}${user}`]: value } }),
        });
        await response.body.arrayBuffer();
        latencies.push(performance.now() - started);
        if (response.statusCode === 200) acknowledged.set(user, value);
        else throw new Error(`user ${user}: ${response.statusCode}`);
      }
    }),
  );
  return latencies;
}

export async function teamRows(): Promise<Row[]> {
  const postgres = await startPostgres();
  const [portA, portB] = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${portA}`;
  const provider = await startOidcProvider([`${publicUrl}/api/auth/callback`]);
  const upstream = await startServerProcess({ EMULATOR_API_KEY: KEY, LOG_LEVEL: 'error' });
  const stops = [upstream.stop, provider.stop, postgres.stop];
  try {
    const direct = { 'x-api-key': KEY };
    // Any key may be written: the bench is about the path, not the schema.
    for (const page of PAGES) {
      await fetch(`${upstream.url}${page}/schema`, {
        method: 'PUT',
        headers: { ...direct, 'content-type': 'application/json' },
        body: JSON.stringify({ schema: { type: 'object' } }),
      });
    }
    const env = {
      DATABASE_URL: await freshDatabase(postgres.url),
      POLYAI_API_KEY: KEY,
      POLYAI_BASE_URL: upstream.url,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      PUBLIC_URL: publicUrl,
      ADMIN_EMAILS: ADMIN,
      LOG_LEVEL: 'error',
      // Every user signs in from this one address.
      SIGN_IN_RATE_PER_MINUTE: '10000',
    };
    const replicas = await Promise.all([
      startServerProcess({ ...env, PORT: String(portA) }),
      startServerProcess({ ...env, PORT: String(portB) }),
    ]);
    stops.unshift(...replicas.map((replica) => replica.stop));

    // Straight to the upstream, the users write keys of their own: Switchboard records those as changes made outside it.
    const straight = () => ({ base: upstream.url, headers: direct, prefix: 'direct_user_' });
    const admin = (await signIn(publicUrl, ADMIN)).cookie;
    const cookies: string[] = [];
    for (let user = 0; user < USERS; user++) {
      const email = `user${user}@bench.example`;
      await fetch(`${publicUrl}/api/members/${email}`, {
        method: 'PUT',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ admin: false, grants: [{ role: 'editor' }] }),
      });
      cookies.push((await signIn(publicUrl, email)).cookie);
    }
    /**
     * The pages as the console has them open: read through each replica (the console re-reads open pages in the
     * background), which is where a change made outside Switchboard — here the straight writes of the turn before — is
     * found and recorded, not in the next write.
     */
    const openPages = async () => {
      for (const replica of replicas)
        for (const page of PAGES)
          await (await fetch(`${replica.url}${page}`, { headers: { cookie: admin } })).arrayBuffer();
    };
    await openPages();

    const acknowledged = new Map<number, string>();
    const viaReplicas = (user: number) => ({
      base: replicas[user % 2].url,
      headers: { cookie: cookies[user] },
      prefix: 'bench_user_',
    });
    // Warm both paths, then measure them in turn, so both meet the machine in the same state.
    await load(straight, new Map(), 'warm-up', WARM_UP_WRITES);
    await openPages();
    await load(viaReplicas, acknowledged, 'warm-up', WARM_UP_WRITES);
    const directLatencies: number[] = [];
    const proxied: number[] = [];
    for (let turn = 1; turn <= TURNS; turn++) {
      directLatencies.push(...(await load(straight, new Map(), `turn ${turn}`, WRITES_PER_USER / TURNS)));
      await openPages();
      proxied.push(...(await load(viaReplicas, acknowledged, `turn ${turn}`, WRITES_PER_USER / TURNS)));
    }

    // Contested: ten writers on one version, alternating replicas, ten rounds.
    let badRounds = 0;
    let contestedWins = 0;
    const contested = `${publicUrl}${PAGES[0]}`;
    for (let round = 0; round < CONTESTED_ROUNDS; round++) {
      const etag = (await fetch(contested, { headers: { cookie: admin } })).headers.get('etag')!;
      const statuses = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const response = await fetch(`${replicas[i % 2].url}${PAGES[0]}/variables`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'if-match': etag, cookie: cookies[i % USERS] },
            body: JSON.stringify({ variables: { contested: `${round}:${i}` } }),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      const wins = statuses.filter((status) => status === 200).length;
      contestedWins += wins;
      if (wins !== 1 || statuses.filter((status) => status === 412).length !== 9) badRounds++;
    }

    // Read back: every user's last acknowledged value is stored upstream.
    let lost = 0;
    const stored = new Map<string, Record<string, unknown>>();
    for (const page of PAGES)
      stored.set(
        page,
        ((await (await fetch(upstream.url + page, { headers: direct })).json()) as ConfigPage).variables ?? {},
      );
    for (const [user, n] of acknowledged)
      if (stored.get(PAGES[user % PAGES.length])![`bench_user_${user}`] !== n) lost++;

    // The history holds each acknowledged write through the proxies once, and no outside change.
    let recorded = 0;
    let external = 0;
    for (const agent of AGENTS) {
      let cursor = '';
      do {
        const page = (await (
          await fetch(`${publicUrl}/api/agents/${agent}/history?limit=500${cursor && `&cursor=${cursor}`}`, {
            headers: { cookie: admin },
          })
        ).json()) as HistoryPage;
        recorded += page.entries.filter(
          (entry) => entry.kind === 'variables' && entry.author?.endsWith('@bench.example'),
        ).length;
        external += page.entries.filter(
          (entry) =>
            entry.kind === 'external' &&
            entry.changes.some((change) => change.key.startsWith('bench_user_') || change.key === 'contested'),
        ).length;
        cursor = page.nextCursor ?? '';
      } while (cursor);
    }
    const expected = USERS * (WARM_UP_WRITES + WRITES_PER_USER) + contestedWins;

    const own = summarize(directLatencies);
    const through = summarize(proxied);
    const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(0.99 * values.length) - 1];
    const rows: Row[] = [
      {
        scenario: SCENARIO,
        figure: `PATCH latency through the replicas (p50 / p95; ${proxied.length} writes)`,
        unit: 'ms',
        ...through,
      },
      { scenario: SCENARIO, figure: 'PATCH latency straight to the upstream (p50 / p95)', unit: 'ms', ...own },
      {
        scenario: SCENARIO,
        figure: 'added by Switchboard at p99',
        unit: 'ms',
        median: p99(proxied) - p99(directLatencies),
        target: { on: 'median', op: '<=', value: 20 },
      },
      { scenario: SCENARIO, figure: 'added by Switchboard at p50', unit: 'ms', median: through.median - own.median },
      {
        scenario: SCENARIO,
        figure: 'lost acknowledged writes',
        unit: 'writes',
        median: lost,
        target: { on: 'median', op: '<=', value: 0 },
      },
      {
        scenario: SCENARIO,
        figure: `contested rounds without exactly one winner (of ${CONTESTED_ROUNDS})`,
        unit: 'rounds',
        median: badRounds,
        target: { on: 'median', op: '<=', value: 0 },
      },
      {
        scenario: SCENARIO,
        figure: `history entries missing or extra (of ${expected})`,
        unit: 'entries',
        median: Math.abs(expected - recorded) + external,
        target: { on: 'median', op: '<=', value: 0 },
      },
    ];
    rows.push(await handoverRow(postgres.url));
    return rows;
  } finally {
    for (const stop of stops) await stop();
  }
}

/**
 * What a replica does on reading a page version the other replica wrote (every batch handed over between them, under
 * the page lock): the page's history at 100,000 entries against the same read with none (the anchor). It must not
 * depend on how long the history is.
 */
async function handoverRow(serverUrl: string): Promise<Row> {
  const READS = 300;
  const medianRead = async (entries: number) => {
    const db = await openStateStore(await freshDatabase(serverUrl));
    try {
      const [writer, reader] = [createHistoryRepository(db), createHistoryRepository(db)];
      await writer.observe('A', 'live', {
        clientEnv: 'live',
        lastUpdated: new Date(0).toISOString(),
        variables: { k: 0 },
      });
      const row = {
        agent_id: 'A',
        client_env: 'live',
        kind: 'variables',
        outcome: 'applied',
        at: new Date(0).toISOString(),
        author: ADMIN,
      };
      for (let i = 0; i < entries; i += 1_000)
        await db
          .insertInto('history_entries')
          .values(Array.from({ length: Math.min(1_000, entries - i) }, () => row))
          .execute();
      const times: number[] = [];
      for (let i = 1; i <= READS; i++) {
        const version = new Date(i * 1_000).toISOString();
        await writer.record(
          { agentId: 'A', clientEnv: 'live', kind: 'variables', outcome: 'applied', changes: [{ key: 'k', after: i }] },
          { version, values: { k: i } },
        );
        const started = performance.now();
        await reader.observe('A', 'live', { clientEnv: 'live', lastUpdated: version, variables: { k: i } });
        times.push(performance.now() - started);
      }
      return summarize(times.slice(50));
    } finally {
      await db.destroy();
    }
  };
  const anchor = (await medianRead(0)).median;
  return {
    scenario: 'team: history of 100,000 entries',
    figure: 'a read of the version the other replica wrote (anchor: no history)',
    unit: 'ms',
    ...(await medianRead(100_000)),
    anchor,
    target: { on: 'ratio', op: '<=', value: 2 },
  };
}
