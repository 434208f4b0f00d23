/**
 * PolyAI's API as a backend of the write service (proxy mode). PolyAI has no If-Match, so a config page write is made
 * conditional here: writes through Switchboard are serialised per page (across replicas on a shared store:
 * page-locks.ts); each re-reads the page upstream (which tells what the write replaces, and records first any change
 * made elsewhere), is refused with 412 when its version is stale, has its intent recorded, and only then is sent. What
 * remains is a window of one upstream round trip in which a writer that does not go through Switchboard could still
 * slip in; it is measured and reported in /api/runtime. Unconditional variable writes waiting for the same page are
 * sent as one (combined-writes.ts).
 */
import { ifMatchAllows, isClientEnv, type ConfigPage, type JsonObject } from '../../contract/agents-api.ts';
import { CONFIG_PAGE_PATH, ENDPOINTS, pathOf } from '../../contract/endpoints.ts';
import { ApiError, preconditionFailed } from '../errors.ts';
import type { HistoryRepository, NewEntry } from '../modules/history/history.repository.ts';
import type { PageLock, PageLocks } from '../state/page-locks.ts';
import { createWriteCombiner, mergeVariables, type Outcome } from '../upstream/combined-writes.ts';
import { callUpstream, type UpstreamAnswer } from '../upstream/forward.ts';
import { checkedAnswer } from '../upstream/relay.ts';
import type { UpstreamOptions } from '../upstream/upstream-options.ts';
import type { Backend, EndpointCall, PageCall, PageWritten, WriteAnswer } from './backend.ts';
import type { PreviousPage } from './entries.ts';
import { upstreamLookup } from './lookup.ts';

/** Recent race windows of conditional writes (re-read answered → write answered), for /api/runtime. */
export type RaceWindowStats = { samples: number[] };

const pageEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIG_PAGE_PATH)!;

/** A write of a batch: PolyAI's answer, or the failure that left it without one; and what its keys held before. */
type Sent = { answer: WriteAnswer } | { failure: unknown };
type Combinable = { call: PageCall; variables: JsonObject; previous?: PreviousPage; intent?: string };

export function upstreamBackend(
  upstream: UpstreamOptions,
  options: {
    history: Pick<HistoryRepository, 'observe' | 'intend'>;
    pageLocks: PageLocks;
    raceWindows: RaceWindowStats;
  },
): Backend {
  const { history, pageLocks, raceWindows } = options;
  const combiner = createWriteCombiner(pageLocks);

  /** The write sent upstream: the endpoint's own path with its checked parameters, and the body as sent. */
  async function send(call: EndpointCall, body: unknown): Promise<Sent> {
    try {
      const answer = await callUpstream(
        upstream,
        { id: call.correlationId },
        call.endpoint.method,
        pathOf(call.endpoint, call.params),
        {
          body,
        },
      );
      return { answer: writeAnswerOf(answer) };
    } catch (failure) {
      return { failure };
    }
  }

  /** A page write sent after the re-read; the time between them is the race window reported in /api/runtime. */
  async function sendAfterReread(call: EndpointCall, body: unknown): Promise<Sent> {
    const readAt = performance.now();
    const sent = await send(call, body);
    raceWindows.samples = [...raceWindows.samples.slice(-99), performance.now() - readAt];
    return sent;
  }

  /** The page as it is upstream now, compared with the history's last version seen (under the page lock). */
  async function reread(call: PageCall, lock: PageLock): Promise<{ page: ConfigPage } | Sent> {
    const { agentId, clientEnv } = call.write;
    let answer: UpstreamAnswer;
    try {
      answer = await callUpstream(
        upstream,
        { id: call.correlationId },
        'GET',
        pathOf(pageEndpoint, { agentId, clientEnv }),
      );
    } catch (failure) {
      return { failure };
    }
    if (answer.status !== 200) return { answer: writeAnswerOf(answer) };
    let page: ConfigPage;
    try {
      page = JSON.parse(answer.body) as ConfigPage;
    } catch {
      return {
        failure: new ApiError(
          502,
          'UPSTREAM_INVALID_RESPONSE',
          "PolyAI's API answered the page re-read with something other than JSON: nothing was written",
        ),
      };
    }
    if (isClientEnv(clientEnv)) await history.observe(agentId, clientEnv, page, lock.tx);
    return { page };
  }

  /** Intents of writes about to be sent, in one statement (history.repository.ts: intend). */
  async function intend(writes: { entry: NewEntry; set: (id: string) => void }[]) {
    if (writes.length === 0) return;
    const ids = await history.intend(writes.map((w) => w.entry));
    writes.forEach((w, i) => w.set(ids[i]));
  }

  /** A write with If-Match (or a schema): on its own, under the page lock. */
  async function conditionalWrite(call: PageCall): Promise<PageWritten> {
    const lock = await pageLocks.acquire(call.write.agentId, call.write.clientEnv);
    try {
      const current = await reread(call, lock);
      if (!('page' in current)) return { ...current, lock };
      const { page } = current;
      const previous: PreviousPage = { variables: page.variables ?? {}, schema: page.schema };
      if (!ifMatchAllows(call.ifMatch, page)) return { failure: preconditionFailed(page), previous, lock };
      let intent: string | undefined;
      await intend([{ entry: call.intentOf(previous), set: (id) => (intent = id) }]);
      return { ...(await sendAfterReread(call, call.body)), previous, lock, intent };
    } catch (failure) {
      return { failure, lock };
    }
  }

  /**
   * One re-read for the batch, then one PATCH with every write's keys merged in order; each writer is answered with the
   * page as written and told what its own keys held before it (earlier writes of the batch included). A refusal of the
   * merged write (4xx: a value the schema refuses, say) changed nothing, and one bad value must fail only its own
   * writer: the writes are then sent one by one, still under the lock.
   */
  async function writeTogether(
    batch: { writes: readonly Combinable[]; close: () => Combinable[] },
    lock: PageLock,
  ): Promise<Outcome<Sent>[]> {
    const current = await reread(batch.writes[0].call, lock);
    // Writes that arrived during the re-read go with this batch too.
    const writes = batch.close();
    if (!('page' in current)) return writes.map(() => ({ result: current }));
    const page = current.page.variables ?? {};
    // Each write's intent, with what its keys hold before it if the batch lands whole, is in the store before anything
    // is sent (history.repository.ts); its record replaces it once the answer is known.
    const planned = new Map(Object.entries(page));
    for (const write of writes) {
      write.previous = previousIn(planned, write.variables);
      applyTo(planned, write.variables);
    }
    await intend(writes.map((w) => ({ entry: w.call.intentOf(w.previous!), set: (id) => (w.intent = id) })));
    if (writes.length > 1) {
      const sent = await sendAfterReread(writes[0].call, { variables: mergeVariables(writes.map((w) => w.variables)) });
      // Written, or perhaps written (a 5xx, no answer): every writer is answered alike, each with what it replaced.
      if ('failure' in sent || sent.answer.status < 400 || sent.answer.status >= 500)
        return writes.map(() => ({ result: sent }));
    }
    // One by one: what each key holds before the next write that lands.
    const values = new Map(Object.entries(page));
    const outcomes: Outcome<Sent>[] = [];
    for (const write of writes) {
      write.previous = previousIn(values, write.variables);
      const sent = await sendAfterReread(write.call, { variables: write.variables });
      if ('answer' in sent && sent.answer.status < 300) applyTo(values, write.variables);
      outcomes.push({ result: sent });
    }
    return outcomes;
  }

  /** A variables write without If-Match, written together with the others waiting for its page (combined-writes.ts). */
  async function combinedWrite(call: PageCall, variables: JsonObject): Promise<PageWritten> {
    const write: Combinable = { call, variables };
    const { agentId, clientEnv } = call.write;
    let joined: Awaited<ReturnType<typeof combiner.join<Combinable, Sent>>>;
    try {
      joined = await combiner.join(agentId, clientEnv, write, JSON.stringify(variables).length, writeTogether);
    } catch (failure) {
      return { failure };
    }
    const { outcome, lock } = joined;
    const sent: Sent = 'error' in outcome ? { failure: outcome.error } : outcome.result;
    return { ...sent, previous: write.previous, lock, intent: write.intent };
  }

  return {
    lookup: (correlationId) => upstreamLookup(upstream, correlationId),
    writePage(call) {
      const variables = combinableVariables(call);
      return variables ? combinedWrite(call, variables) : conditionalWrite(call);
    },
    async write(call) {
      const sent = await send(call, call.body);
      if ('failure' in sent) throw sent.failure;
      return sent.answer;
    },
  };
}

/** PolyAI's answer to a write, as JSON; anything else is refused (relay.ts). A page written carries its version. */
function writeAnswerOf(answer: UpstreamAnswer): WriteAnswer {
  const checked = checkedAnswer(answer);
  let version: string | undefined;
  if (checked.status < 300 && checked.body.startsWith('{')) {
    try {
      version = (JSON.parse(checked.body) as ConfigPage).lastUpdated;
    } catch {
      // Not a page after all: answered without a version.
    }
  }
  return { status: checked.status, body: checked.body, version };
}

/** What the keys a write sends hold in `values` (the keys it adds are not there). */
const previousIn = (values: Map<string, unknown>, variables: JsonObject): PreviousPage => ({
  variables: Object.fromEntries(
    Object.keys(variables)
      .filter((key) => values.has(key))
      .map((key) => [key, values.get(key)]),
  ),
});
const applyTo = (values: Map<string, unknown>, variables: JsonObject) =>
  Object.entries(variables).forEach(([key, value]) => values.set(key, value));

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The variables of a write that may be combined with others (combined-writes.ts): a variables PATCH without If-Match
 * (or with `*`) whose body is `{ variables }` and nothing else, so the merged body says all it said.
 */
function combinableVariables(call: PageCall): JsonObject | undefined {
  if (call.write.kind !== 'variables') return undefined;
  if (call.ifMatch !== undefined && call.ifMatch.trim() !== '*') return undefined;
  const body = call.body;
  if (!isObject(body) || Object.keys(body).length !== 1 || !isObject(body.variables)) return undefined;
  return body.variables;
}
