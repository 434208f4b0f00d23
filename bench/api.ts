/**
 * `npm run bench:api`: the emulator's GET and PATCH throughput and latency at 10 and 100 connections, with json-server
 * 0.17 serving the same config page measured in the same run as the anchor, and a read-back that counts lost writes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { ConfigPage } from '../contract/agents-api.ts';
import { DEMO_AGENT_ID } from '../server/seed/demo-agents.ts';
import type { Row } from './report.ts';
import { startJsonServer, startSwitchboard, type Running } from './processes.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
/** Each figure is the median of this many runs, each in fresh server processes (ours and the anchor alternating). */
const RUNS = Number(process.env.BENCH_API_RUNS ?? 3);
/**
 * Writers cycle through this many distinct keys, skipping any key a request in flight is still writing: a key is only
 * ever written by one request at a time, so "the last acknowledged value is stored" is the exact check. (Without the
 * skip, a request stalled behind slow ones could meet a later request for the same key on another connection, and
 * the two could arrive in either order.) The page stays a realistic size for as long as the run lasts.
 */
const KEY_POOL = 1000;
const PAGE = `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/sandbox`;

type Target = {
  name: string;
  start: () => Promise<Running>;
  readPath: string;
  patchPath: string;
  wrap: (vars: object) => object;
  readVariables: (body: unknown) => Record<string, unknown>;
};

async function seedPage(): Promise<ConfigPage> {
  const server = await startSwitchboard(4610);
  const page = (await (await fetch(server.url + PAGE)).json()) as ConfigPage;
  await server.stop();
  return page;
}

function targets(page: ConfigPage): Target[] {
  // json-server holds the same variables as a singular resource: its PATCH shallow-merges into it, like the API.
  const dir = mkdtempSync(path.join(tmpdir(), 'json-server-'));
  const dbFile = path.join(dir, 'db.json');
  return [
    {
      name: 'switchboard',
      start: () => startSwitchboard(4611),
      readPath: PAGE,
      patchPath: `${PAGE}/variables`,
      wrap: (variables) => ({ variables }),
      readVariables: (body) => (body as ConfigPage).variables ?? {},
    },
    {
      name: 'json-server',
      start: () => {
        writeFileSync(dbFile, JSON.stringify({ variables: page.variables }));
        return startJsonServer(4612, dbFile, '/variables');
      },
      readPath: '/variables',
      patchPath: '/variables',
      wrap: (variables) => variables,
      readVariables: (body) => body as Record<string, unknown>,
    },
  ];
}

type Result = { rps: number; p50: number; p99: number; lost?: number; errors: number };

async function measureGet(target: Target, connections: number): Promise<Result> {
  const server = await target.start();
  try {
    const result = await autocannon({ url: server.url + target.readPath, connections, duration: DURATION });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
    };
  } finally {
    await server.stop();
  }
}

async function measurePatch(target: Target, connections: number): Promise<Result> {
  const server = await target.start();
  // key → the value of the last request for that key the server acknowledged.
  const acknowledged = new Map<string, number>();
  const inFlight = new Set<string>();
  let counter = 0;
  let cursor = 0;
  const nextFreeKey = () => {
    let key: string;
    do key = `bench_${cursor++ % KEY_POOL}`;
    while (inFlight.has(key));
    inFlight.add(key);
    return key;
  };
  try {
    const result = await autocannon({
      url: server.url,
      connections,
      duration: DURATION,
      requests: [
        {
          method: 'PATCH',
          path: target.patchPath,
          headers: { 'content-type': 'application/json' },
          setupRequest: (request, context) => {
            const sequence = counter++;
            const key = nextFreeKey();
            Object.assign(context, { key, sequence });
            return { ...request, body: JSON.stringify(target.wrap({ [key]: sequence })) };
          },
          onResponse: (status, _body, context) => {
            const { key, sequence } = context as { key: string; sequence: number };
            inFlight.delete(key);
            if (status === 200 && sequence >= (acknowledged.get(key) ?? -1)) acknowledged.set(key, sequence);
          },
        },
      ],
    });
    const stored = target.readVariables(await (await fetch(server.url + target.readPath)).json());
    // A lost write: the key holds an older value than the last one acknowledged for it. (A newer one is fine: a request
    // the server applied while autocannon stopped before reading its answer.)
    const lost = [...acknowledged].filter(([key, sequence]) => {
      const value = stored[key];
      return typeof value !== 'number' || value < sequence;
    }).length;
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      lost,
      errors: result.non2xx + result.errors,
    };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs a measurement RUNS times, anchor and ours alternating, and keeps the median of each figure (lost: the worst). */
async function medianOf(
  measure: (target: Target, connections: number) => Promise<Result>,
  target: Target,
  anchor: Target,
  connections: number,
) {
  const ours: Result[] = [];
  const theirs: Result[] = [];
  for (let run = 0; run < RUNS; run++) {
    theirs.push(await measure(anchor, connections));
    ours.push(await measure(target, connections));
  }
  const summary = (results: Result[]): Result => ({
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    lost: results[0].lost === undefined ? undefined : Math.max(...results.map((r) => r.lost ?? 0)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  });
  const ratios = ours.map((o, i) => o.rps / theirs[i].rps);
  return {
    o: summary(ours),
    a: summary(theirs),
    spread: `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×`,
  };
}

/** Emulator vs json-server: GET and PATCH at 10 and 100 connections, with a lost-write read-back. */
export async function apiRows(): Promise<Row[]> {
  const page = await seedPage();
  const [ours, anchor] = targets(page);
  const rows: Row[] = [];
  for (const connections of [10, 100]) {
    for (const [kind, measure] of [
      ['GET page', measureGet],
      ['PATCH distinct keys', measurePatch],
    ] as const) {
      const { o, a, spread } = await medianOf(measure, ours, anchor, connections);
      const scenario = `api: ${kind}, ${connections} conn`;
      console.log(`${scenario}: throughput ratio per run ${spread} over ${RUNS} runs`);
      rows.push({
        scenario,
        figure: 'throughput',
        unit: 'req/s',
        median: o.rps,
        anchor: a.rps,
        target: kind.startsWith('PATCH') ? { on: 'ratio', op: '>=', value: 5 } : undefined,
      });
      rows.push({
        scenario,
        figure: 'latency p50 / p99',
        unit: 'ms',
        median: o.p50,
        p95: o.p99,
        anchor: a.p99,
        target: connections === 10 ? { on: 'p95', op: '<=', value: 25 } : undefined,
      });
      if (o.lost !== undefined) {
        rows.push({
          scenario,
          figure: `lost acknowledged writes (json-server: ${a.lost})`,
          unit: 'keys',
          median: o.lost,
          target: { on: 'median', op: '<=', value: 0 },
        });
      }
      if (o.errors > 0) console.warn(`${scenario}: ${o.errors} non-2xx or failed requests on switchboard`);
    }
  }
  console.log(
    `api: autocannon, ${DURATION} s per run, median of ${RUNS} runs in fresh processes, loopback; PATCH writers cycle through ${KEY_POOL} distinct keys.`,
  );
  console.log(
    'api: latency rows show p50 as median and p99 in the p95 column; the anchor is json-server 0.17 in the same run.',
  );
  return rows;
}
