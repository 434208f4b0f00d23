import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  etagOf,
  ifMatchAllows,
  isClientEnv,
  type ConfigPage,
  type ConfigPageList,
  type JsonObject,
} from '../../contract/agents-api.ts';
import {
  CONDITIONAL_WRITES,
  CONFIG_PAGE_PATH,
  CONFIGS_PATH,
  ENDPOINTS,
  pathOf,
  type Endpoint,
} from '../../contract/endpoints.ts';
import type { HistoryRepository } from '../modules/history/history.repository.ts';
import { ApiError, preconditionFailed } from '../errors.ts';
import { sendError } from '../plugins/error-envelope.ts';
import { callUpstream, type UpstreamAnswer } from './forward.ts';
import type { PageLock, PageLocks } from '../state/page-locks.ts';
import type { IntendWrites, PreviousPage } from '../modules/history/history.recorder.ts';
import { createWriteCombiner, mergeVariables, type Outcome } from './combined-writes.ts';
import type { UpstreamOptions } from './upstream-options.ts';

type Params = Record<string, string>;
/** Recent race windows of conditional writes (re-read answered → write answered), for /api/runtime. */
export type RaceWindowStats = { samples: number[] };

/**
 * Proxy mode: each contract endpoint is forwarded to PolyAI with the server's key; any other path is a local 404 and
 * never leaves this machine. The URL sent upstream is built from the matched endpoint's path and its parameters,
 * checked by the contract's schemas (an id can hold no `/`, `\`, `.`/`..` segment, `%` or control character) and
 * encoded again, plus the query parameters the endpoint takes: whatever the spelling of the request, the endpoint
 * called upstream is the one that was matched here, with its read-only and If-Match rules. PolyAI has no If-Match,
 * so conditional writes are checked here (see conditionalWrite).
 */
export function registerProxyRoutes(
  app: FastifyInstance,
  upstream: UpstreamOptions,
  raceWindows: RaceWindowStats,
  history: HistoryRepository,
  pageLocks: PageLocks,
  intend: IntendWrites,
) {
  const listEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIGS_PATH)!;
  const pageEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIG_PAGE_PATH)!;
  const combiner = createWriteCombiner(pageLocks);
  for (const endpoint of ENDPOINTS) {
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      // Hidden: the OpenAPI document describes the emulator's contract; the proxy serves the same paths.
      schema: {
        hide: true,
        ...(endpoint.params && { params: endpoint.params }),
        ...(endpoint.query && { querystring: endpoint.query }),
      },
      handler: async (req, reply) => {
        if (upstream.readOnly && !endpoint.read) {
          throw new ApiError(403, 'READ_ONLY_MODE', 'Switchboard runs read-only: writes are not forwarded to PolyAI');
        }
        const target = upstreamTarget(endpoint, req);
        if (CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`)) {
          const params = req.params as Params;
          const variables = combinableVariables(endpoint, req);
          if (variables) return combinedWrite(req, reply, endpoint, target, variables);
          req.pageLock = await pageLocks.acquire(params.agentId, params.clientEnv);
          return conditionalWrite(req, reply, endpoint, target);
        }
        const answer = await callUpstream(upstream, req, req.method, target, {
          body: req.body,
          compressed: !answersOnePage(endpoint),
        });
        if (endpoint.method === 'GET' && endpoint.path === CONFIGS_PATH && answer.status === 200)
          await observeList(req, answer.body);
        return relay(req, reply, endpoint, answer);
      },
    });
  }

  /** Every page of a list read is compared with the last version seen (a single page is, by the history's hook). */
  async function observeList(req: FastifyRequest, body: string) {
    try {
      const { configPages } = JSON.parse(body) as ConfigPageList;
      const { agentId } = req.params as Params;
      for (const page of configPages)
        if (isClientEnv(page.clientEnv)) await history.observe(agentId, page.clientEnv, page);
    } catch (error) {
      req.log.error({ err: error }, 'history: a page list could not be compared with the last versions seen');
    }
  }

  /**
   * Writes through this server are serialised per page (across replicas on a shared store: page-locks.ts); each
   * re-reads the page upstream (which also tells the history what the write replaces, and records any change made
   * elsewhere first), answers 412 itself when the version is stale, and only then forwards. What remains is a window of
   * one upstream round trip in which a writer that does not go through this server could still slip in; it is measured
   * and reported in /api/runtime.
   */
  async function conditionalWrite(req: FastifyRequest, reply: FastifyReply, endpoint: Endpoint, target: string) {
    const current = await reread(req, req.pageLock);
    if (!('page' in current)) return relay(req, reply, endpoint, current.answer);
    const { page } = current;
    if (req.historyWrite) req.historyWrite.previous = { variables: page.variables ?? {}, schema: page.schema };
    if (!ifMatchAllows(req.headers['if-match'], page)) throw preconditionFailed(page);
    await intend([req]);
    return relay(req, reply, endpoint, await forward(req, req.method, target, req.body));
  }

  /** A variables write without If-Match, written together with the others waiting for its page (combined-writes.ts). */
  async function combinedWrite(
    req: FastifyRequest,
    reply: FastifyReply,
    endpoint: Endpoint,
    target: string,
    variables: JsonObject,
  ) {
    const { agentId, clientEnv } = req.params as Params;
    const write: Combinable = { req, target, variables };
    const { outcome, lock } = await combiner.join(
      agentId,
      clientEnv,
      write,
      JSON.stringify(variables).length,
      writeTogether,
    );
    req.pageLock = lock;
    if ('error' in outcome) throw outcome.error;
    const written = outcome.result;
    // Set before a failure is thrown too: a write with no answer is recorded as unknown, with what it replaced.
    if (req.historyWrite && written.previous) req.historyWrite.previous = written.previous;
    if ('failure' in written) throw written.failure;
    return relay(req, reply, endpoint, written.answer);
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
  ): Promise<Outcome<Written>[]> {
    const current = await reread(batch.writes[0].req, lock);
    // Writes that arrived during the re-read go with this batch too.
    const writes = batch.close();
    const [first] = writes;
    if (!('page' in current)) return writes.map(() => ({ result: { answer: current.answer } }));
    const page = current.page.variables ?? {};
    // Each write's intent, with what its keys hold before it if the batch lands whole, is in the store before anything
    // is sent (history.repository.ts); its record replaces it once the answer is known.
    const planned = new Map(Object.entries(page));
    for (const write of writes) {
      if (write.req.historyWrite) write.req.historyWrite.previous = previousIn(planned, write.variables);
      applyTo(planned, write.variables);
    }
    await intend(writes.map((write) => write.req));
    if (writes.length > 1) {
      const sent = await send(first.req, first.target, mergeVariables(writes.map((w) => w.variables)));
      // Written, or perhaps written (a 5xx, no answer): every writer is answered alike, each with what it replaced.
      if ('failure' in sent || sent.answer.status < 400 || sent.answer.status >= 500) {
        return writes.map((write) => ({ result: { ...sent, previous: write.req.historyWrite?.previous } }));
      }
    }
    // One by one: what each key holds before the next write that lands.
    const values = new Map(Object.entries(page));
    const outcomes: Outcome<Written>[] = [];
    for (const write of writes) {
      const previous = previousIn(values, write.variables);
      const sent = await send(write.req, write.target, write.variables);
      if ('answer' in sent && sent.answer.status < 300) applyTo(values, write.variables);
      outcomes.push({ result: { ...sent, previous } });
    }
    return outcomes;
  }

  /** A variables PATCH of a batch: its answer, or why none came (a timeout, an unreachable API). */
  async function send(
    req: FastifyRequest,
    target: string,
    variables: JsonObject,
  ): Promise<{ answer: UpstreamAnswer } | { failure: unknown }> {
    try {
      return { answer: await forward(req, 'PATCH', target, { variables }) };
    } catch (failure) {
      return { failure };
    }
  }

  /** The page as it is upstream now, compared with the history's last version seen (under the page lock). */
  async function reread(
    req: FastifyRequest,
    lock: PageLock | undefined,
  ): Promise<{ page: ConfigPage } | { answer: UpstreamAnswer }> {
    const answer = await callUpstream(upstream, req, 'GET', pathOf(pageEndpoint, req.params as Params));
    if (answer.status !== 200) return { answer };
    let page: ConfigPage;
    try {
      page = JSON.parse(answer.body) as ConfigPage;
    } catch {
      throw new ApiError(
        502,
        'UPSTREAM_INVALID_RESPONSE',
        "PolyAI's API answered the page re-read with something other than JSON: nothing was written",
      );
    }
    const { agentId, clientEnv } = req.params as Params;
    if (isClientEnv(clientEnv)) await history.observe(agentId, clientEnv, page, lock?.tx);
    return { page };
  }

  /** A write sent after the re-read; the time between them is the race window reported in /api/runtime. */
  async function forward(req: FastifyRequest, method: string, target: string, body: unknown): Promise<UpstreamAnswer> {
    const readAt = performance.now();
    const answer = await callUpstream(upstream, req, method, target, { body });
    raceWindows.samples = [...raceWindows.samples.slice(-99), performance.now() - readAt];
    return answer;
  }

  /**
   * Reads an agent's pages now, so the history shows changes made elsewhere up to this moment. Best effort: if PolyAI
   * does not answer, the history answers with what it has.
   */
  return async function readAgentPages(agentId: string, req: FastifyRequest): Promise<void> {
    try {
      const answer = await callUpstream(upstream, req, 'GET', pathOf(listEndpoint, { agentId }), { compressed: true });
      if (answer.status === 200) await observeList(req, answer.body);
    } catch (error) {
      req.log.warn({ err: error }, 'history: the pages could not be read before answering');
    }
  };
}

type Combinable = { req: FastifyRequest; target: string; variables: JsonObject };

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
/** A write of a batch: PolyAI's answer, or the failure that left it without one; and what its keys held before. */
type Written = ({ answer: UpstreamAnswer } | { failure: unknown }) & { previous?: PreviousPage };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The variables of a write that may be combined with others (combined-writes.ts): a variables PATCH without If-Match
 * (or with `*`) whose body is `{ variables }` and nothing else, so the merged body says all it said.
 */
function combinableVariables(endpoint: Endpoint, req: FastifyRequest): JsonObject | undefined {
  if (endpoint.method !== 'PATCH') return undefined;
  const ifMatch = req.headers['if-match'];
  if (ifMatch !== undefined && ifMatch.trim() !== '*') return undefined;
  const body = req.body;
  if (!isObject(body) || Object.keys(body).length !== 1 || !isObject(body.variables)) return undefined;
  return body.variables;
}

/** The endpoint's own path with the checked parameters, and only the query parameters it takes, re-serialised. */
function upstreamTarget(endpoint: Endpoint, req: FastifyRequest): string {
  const path = pathOf(endpoint, req.params as Params);
  if (!endpoint.query) return path;
  const query = new URLSearchParams();
  const sent = req.query as Record<string, unknown>;
  for (const name of Object.keys(endpoint.query.properties)) {
    if (typeof sent[name] === 'string') query.set(name, sent[name]);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** A config page read or written: its answer is that page. */
const answersOnePage = (endpoint: Endpoint) =>
  endpoint.path === CONFIG_PAGE_PATH || CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`);

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Passes PolyAI's answer through (status and JSON body, the key scrubbed), adding the page ETag our console relies on.
 * Only JSON is relayed as it is: anything else (an HTML error page from a gateway, say) must not be served from the
 * console's origin as a document, so it becomes our error envelope with a short plain-text excerpt.
 */
function relay(req: FastifyRequest, reply: FastifyReply, endpoint: Endpoint, answer: UpstreamAnswer) {
  if (!JSON_TYPE.test(answer.contentType) && answer.status !== 204) {
    const excerpt = answer.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    const type = answer.contentType.split(';')[0] || 'no content type';
    if (answer.status < 400) {
      return sendError(
        req,
        reply,
        502,
        'UPSTREAM_INVALID_RESPONSE',
        `PolyAI's API answered ${answer.status} with ${type} instead of JSON`,
      );
    }
    return sendError(
      req,
      reply,
      answer.status,
      'UPSTREAM_ERROR',
      `PolyAI's API answered ${answer.status} (${type})${excerpt ? `: ${excerpt}` : ''}`,
    );
  }
  if (answersOnePage(endpoint) && answer.status >= 200 && answer.status < 300) {
    try {
      reply.header('etag', etagOf(JSON.parse(answer.body) as ConfigPage));
    } catch {
      // Not a page after all: relayed without an ETag.
    }
  }
  return reply.status(answer.status).type('application/json; charset=utf-8').send(answer.body);
}
