import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, isClientEnv, type ConfigPage, type ConfigPageList } from '../../contract/agents-api.ts';
import { CONFIG_PAGE_PATH, CONFIGS_PATH, ENDPOINTS, pathOf, type Endpoint } from '../../contract/endpoints.ts';
import type { HistoryRepository } from '../modules/history/history.repository.ts';
import { callUpstream, type UpstreamAnswer } from './forward.ts';
import { checkedAnswer } from './relay.ts';
import type { UpstreamOptions } from './upstream-options.ts';

type Params = Record<string, string>;

/**
 * Proxy mode's reads: each read endpoint of the contract is forwarded to PolyAI with the server's key (its writes go
 * through the write service: server/writes/routes.ts, upstream-backend.ts); any other path is a local 404 and never
 * leaves this machine. The URL sent upstream is built from the matched endpoint's path and its parameters, checked by
 * the contract's schemas (an id can hold no `/`, `\`, `.`/`..` segment, `%` or control character) and encoded again,
 * plus the query parameters the endpoint takes: whatever the spelling of the request, the endpoint called upstream is
 * the one that was matched here.
 */
export function registerProxyReads(app: FastifyInstance, upstream: UpstreamOptions, history: HistoryRepository) {
  const listEndpoint = ENDPOINTS.find((e) => e.method === 'GET' && e.path === CONFIGS_PATH)!;
  for (const endpoint of ENDPOINTS) {
    if (!endpoint.read) continue;
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
        const answer = await callUpstream(upstream, req, req.method, upstreamTarget(endpoint, req), {
          body: req.body,
          compressed: endpoint.path !== CONFIG_PAGE_PATH,
        });
        if (endpoint.method === 'GET' && endpoint.path === CONFIGS_PATH && answer.status === 200)
          await observeList(req, answer.body);
        return relay(reply, endpoint, answer);
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

/** Passes PolyAI's answer through (status and JSON body, the key scrubbed), adding the page ETag the console relies on. */
function relay(reply: FastifyReply, endpoint: Endpoint, answer: UpstreamAnswer) {
  const checked = checkedAnswer(answer);
  if (endpoint.path === CONFIG_PAGE_PATH && checked.status === 200) {
    try {
      reply.header('etag', etagOf(JSON.parse(checked.body) as ConfigPage));
    } catch {
      // Not a page after all: relayed without an ETag.
    }
  }
  return reply.status(checked.status).type('application/json; charset=utf-8').send(checked.body);
}
