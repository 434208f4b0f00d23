import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, ifMatchAllows, type ConfigPage } from '../../contract/agents-api.ts';
import { CONDITIONAL_WRITES, CONFIG_PAGE_PATH, ENDPOINTS, type Endpoint } from '../../contract/endpoints.ts';
import { ApiError, preconditionFailed } from '../errors.ts';
import { callUpstream, type UpstreamAnswer } from './forward.ts';
import { PerKeyQueue } from './per-key-queue.ts';
import type { UpstreamOptions } from './upstream-options.ts';

type PageParams = { agentId: string; clientEnv: string };

/** Recent race windows of conditional writes (re-read answered → write answered), for /api/runtime. */
export type RaceWindowStats = { samples: number[] };

/**
 * Proxy mode: each contract endpoint is forwarded to PolyAI with the server's key; any other path is a local 404 and
 * never leaves this machine. PolyAI has no If-Match, so conditional writes are checked here (see conditionalWrite).
 */
export function registerProxyRoutes(app: FastifyInstance, upstream: UpstreamOptions, raceWindows: RaceWindowStats) {
  const writesPerPage = new PerKeyQueue();

  for (const endpoint of ENDPOINTS) {
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (req, reply) => {
        if (upstream.readOnly && !endpoint.read) {
          throw new ApiError(403, 'READ_ONLY_MODE', 'Switchboard runs read-only: writes are not forwarded to PolyAI');
        }
        const conditional = CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`) && req.headers['if-match'] !== undefined;
        if (conditional) {
          const { agentId, clientEnv } = req.params as PageParams;
          return writesPerPage.run(`${agentId}\u0000${clientEnv}`, () => conditionalWrite(req, reply, endpoint));
        }
        return relay(reply, endpoint, await callUpstream(upstream, req, req.method, req.url, req.body));
      },
    });
  }

  /**
   * Writes through this server are serialised per page; each re-reads the page upstream, answers 412 itself when the
   * version is stale, and only then forwards. What remains is a window of one upstream round trip in which a writer
   * that does not go through this server could still slip in; it is measured and reported in /api/runtime.
   */
  async function conditionalWrite(req: FastifyRequest, reply: FastifyReply, endpoint: Endpoint) {
    const { agentId, clientEnv } = req.params as PageParams;
    const pagePath = `/v1/agents/${encodeURIComponent(agentId)}/real-time-configs/${encodeURIComponent(clientEnv)}`;
    const current = await callUpstream(upstream, req, 'GET', pagePath);
    if (current.status !== 200) return relay(reply, endpoint, current);
    const page = JSON.parse(current.body) as ConfigPage;
    if (!ifMatchAllows(req.headers['if-match'], page)) throw preconditionFailed(page);
    const readAt = performance.now();
    const answer = await callUpstream(upstream, req, req.method, req.url, req.body);
    raceWindows.samples = [...raceWindows.samples.slice(-99), performance.now() - readAt];
    return relay(reply, endpoint, answer);
  }
}

/** Passes PolyAI's answer through unchanged (status and body), adding the page ETag our console relies on. */
function relay(reply: FastifyReply, endpoint: Endpoint, answer: UpstreamAnswer) {
  const isPage = endpoint.path === CONFIG_PAGE_PATH || CONDITIONAL_WRITES.has(`${endpoint.method} ${endpoint.path}`);
  if (isPage && answer.status >= 200 && answer.status < 300) {
    try {
      reply.header('etag', etagOf(JSON.parse(answer.body) as ConfigPage));
    } catch {
      // Not JSON: relayed as it is, without an ETag.
    }
  }
  return reply.status(answer.status).type(answer.contentType).send(answer.body);
}
