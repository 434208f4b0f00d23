/**
 * `npm run bench -- hostile`: how long one costly request delays everyone else. A probe reads a config page over and
 * over while the request is in flight, through its own connection; the figure is the probe's worst latency, against
 * the probe's median on an idle server as anchor. Target (issue "Hardening"): no request delays another by more than
 * 100 ms, whatever it sends within the body limit.
 */
import { DEMO_AGENT_ID } from '../server/seed/demo-agents.ts';
import { startSwitchboard } from './processes.ts';
import { summarize, type Row } from './report.ts';

const page = (env: string) => `/v1/agents/${DEMO_AGENT_ID}/real-time-configs/${env}`;
const enumOf = (n: number) => ({
  type: 'object',
  properties: { tier: { enum: Array.from({ length: n }, (_, i) => `tier-${i}`) } },
});
const patternsOf = (n: number) => ({
  type: 'object',
  patternProperties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`^k${i}_`, { type: 'string' }])),
});
const propertiesOf = (n: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, { type: 'string' }])),
});

type Hostile = {
  name: string;
  setup?: { env: string; schema: object };
  method: 'PUT' | 'PATCH';
  env: string;
  body: object;
};
const HOSTILE: Hostile[] = [
  { name: 'PUT schema: 50,000-value enum', method: 'PUT', env: 'sandbox', body: { schema: enumOf(50_000) } },
  { name: 'PUT schema: 5,000 patternProperties', method: 'PUT', env: 'sandbox', body: { schema: patternsOf(5_000) } },
  { name: 'PUT schema: 20,000 properties', method: 'PUT', env: 'pre-release', body: { schema: propertiesOf(20_000) } },
  {
    name: 'PATCH: uniqueItems over 100,000 arrays',
    setup: { env: 'live', schema: { type: 'object', properties: { list: { type: 'array', uniqueItems: true } } } },
    method: 'PATCH',
    env: 'live',
    body: { variables: { list: Array.from({ length: 100_000 }, (_, i) => [i]) } },
  },
];

async function probe(url: string, until: () => boolean, minimum = 0): Promise<number[]> {
  const latencies: number[] = [];
  while (!until() || latencies.length < minimum) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

export async function hostileRows(): Promise<Row[]> {
  const server = await startSwitchboard(4620);
  const rows: Row[] = [];
  try {
    const probeUrl = server.url + page('live');
    const idleUntil = performance.now() + 2_000;
    const idle = summarize(await probe(probeUrl, () => performance.now() > idleUntil));
    for (const hostile of HOSTILE) {
      if (hostile.setup) {
        await fetch(`${server.url}${page(hostile.setup.env)}/schema`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ schema: hostile.setup.schema }),
        });
      }
      let done = false;
      const started = performance.now();
      const request = fetch(`${server.url}${page(hostile.env)}${hostile.method === 'PUT' ? '/schema' : '/variables'}`, {
        method: hostile.method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(hostile.body),
      }).then(async (response) => {
        const body = (await response.json()) as { error_code?: string };
        done = true;
        return `${response.status}${body.error_code ? ` ${body.error_code}` : ''} after ${Math.round(performance.now() - started)} ms`;
      });
      const latencies = await probe(probeUrl, () => done, 3);
      const outcome = await request;
      console.log(`hostile: ${hostile.name} → ${outcome}; ${latencies.length} probes meanwhile`);
      rows.push({
        scenario: `hostile: ${hostile.name}`,
        figure: `probe GET latency meanwhile, worst (p95 of ${latencies.length}); anchor: idle median`,
        unit: 'ms',
        median: Math.max(...latencies),
        p95: summarize(latencies).p95,
        anchor: idle.median,
        target: { on: 'median', op: '<=', value: 100 },
      });
    }
  } finally {
    await server.stop();
  }
  return rows;
}
