import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, ifMatchAllows, isClientEnv, type ConfigPage, type ConfigPageList } from '../../contract/agents-api.ts';
import { CONDITIONAL_WRITES, CONFIG_PAGE_PATH, CONFIGS_PATH, ENDPOINTS, pathOf, type Endpoint } from '../../contract/endpoints.ts';
import type { HistoryRepository } from '../modules/history/history.repository.ts';
import { ApiError, preconditionFailed } from '../errors.ts';
import { sendError } from '../plugins/error-envelope.ts';
import { callUpstream, type UpstreamAnswer } from './forward.ts';
import type { PageLocks } from '../state/page-locks.ts';
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
) {
  const listEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIGS_PATH)!;
  app.decorateRequest('pageLock', undefined);
  // A page lock is let go after the history's own onSend hook (registered before this one) recorded the write.
  const releasePageLock = async (req: FastifyRequest) => {
    try {
      await req.pageLock?.release();
    } catch (error) {
      req.log.error({ err: error }, 'history: the write was forwarded, but its history entry could not be committed');
    }
  };
  app.addHook('onSend', async (req, _reply, payload) => {
    await releasePageLock(req);
    return payload;
  });
  // A safety net (releasing twice is harmless). Not on a client's abort: the write goes on, and the next writer must wait.
  app.addHook('onResponse', releasePageLock);
  const pageEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIG_PAGE_PATH)!;
  for (const endpoint of ENDPOINTS) {
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      // Hidden: the OpenAPI document describes the emulator's contract; the proxy serves the same paths.
      schema: { hide: true, ...(endpoint.params && { params: endpoint.params }), ...(endpoint.query && { querystring: endpoint.query }) },
      handler: async (req, reply) => {
        if (upstream.readOnly && !endpoint.read) {
          throw new ApiError(403, 'READ_ONLY_MODE', 'Switchboard runs read-only: writes are not forwarded to PolyAI');
        }
        const target = upstreamTarget(endpoint, req);
        if (CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`)) {
          const params = req.params as Params;
          req.pageLock = await pageLocks.acquire(params.agentId, params.clientEnv);
          return conditionalWrite(req, reply, endpoint, target);
        }
        const answer = await callUpstream(upstream, req, req.method, target, req.body);
        if (endpoint.method === 'GET' && endpoint.path === CONFIGS_PATH && answer.status === 200) await observeList(req, answer.body);
        return relay(req, reply, endpoint, answer);
      },
    });
  }

  /** Every page of a list read is compared with the last version seen (a single page is, by the history's hook). */
  async function observeList(req: FastifyRequest, body: string) {
    try {
      const { configPages } = JSON.parse(body) as ConfigPageList;
      const { agentId } = req.params as Params;
      for (const page of configPages) if (isClientEnv(page.clientEnv)) await history.observe(agentId, page.clientEnv, page);
    } catch (error) {
      req.log.error({ err: error }, 'history: a page list could not be compared with the last versions seen');
    }
  }

  /**
   * Writes through this server are serialised per page (across replicas on a shared store: page-locks.ts); each re-reads the page upstream (which also tells the
   * history what the write replaces, and records any change made elsewhere first), answers 412 itself when the
   * version is stale, and only then forwards. What remains is a window of one upstream round trip in which a writer
   * that does not go through this server could still slip in; it is measured and reported in /api/runtime.
   */
  async function conditionalWrite(req: FastifyRequest, reply: FastifyReply, endpoint: Endpoint, target: string) {
    const current = await callUpstream(upstream, req, 'GET', pathOf(pageEndpoint, req.params as Params));
    if (current.status !== 200) return relay(req, reply, endpoint, current);
    let page: ConfigPage;
    try {
      page = JSON.parse(current.body) as ConfigPage;
    } catch {
      throw new ApiError(502, 'UPSTREAM_INVALID_RESPONSE', "PolyAI's API answered the page re-read with something other than JSON: nothing was written");
    }
    const { agentId, clientEnv } = req.params as Params;
    if (isClientEnv(clientEnv)) await history.observe(agentId, clientEnv, page, req.pageLock?.tx);
    if (req.historyWrite) req.historyWrite.previous = { variables: page.variables ?? {}, schema: page.schema };
    if (!ifMatchAllows(req.headers['if-match'], page)) throw preconditionFailed(page);
    const readAt = performance.now();
    const answer = await callUpstream(upstream, req, req.method, target, req.body);
    raceWindows.samples = [...raceWindows.samples.slice(-99), performance.now() - readAt];
    return relay(req, reply, endpoint, answer);
  }

  /**
   * Reads an agent's pages now, so the history shows changes made elsewhere up to this moment. Best effort: if PolyAI
   * does not answer, the history answers with what it has.
   */
  return async function readAgentPages(agentId: string, req: FastifyRequest): Promise<void> {
    try {
      const answer = await callUpstream(upstream, req, 'GET', pathOf(listEndpoint, { agentId }));
      if (answer.status === 200) await observeList(req, answer.body);
    } catch (error) {
      req.log.warn({ err: error }, 'history: the pages could not be read before answering');
    }
  };
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
      return sendError(req, reply, 502, 'UPSTREAM_INVALID_RESPONSE', `PolyAI's API answered ${answer.status} with ${type} instead of JSON`);
    }
    return sendError(req, reply, answer.status, 'UPSTREAM_ERROR', `PolyAI's API answered ${answer.status} (${type})${excerpt ? `: ${excerpt}` : ''}`);
  }
  const isPage = endpoint.path === CONFIG_PAGE_PATH || CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`);
  if (isPage && answer.status >= 200 && answer.status < 300) {
    try {
      reply.header('etag', etagOf(JSON.parse(answer.body) as ConfigPage));
    } catch {
      // Not a page after all: relayed without an ETag.
    }
  }
  return reply.status(answer.status).type('application/json; charset=utf-8').send(answer.body);
}
