/**
 * Every config page read (either mode) is compared with the last version the history has seen, so a change made
 * outside Switchboard is recorded when it is first seen. A read of the version already known costs one map lookup.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isClientEnv, type ConfigPage } from '../../../contract/agents-api.ts';
import { CONFIG_PAGE_PATH } from '../../../contract/endpoints.ts';
import type { HistoryRepository } from './history.repository.ts';

const textOf = (payload: unknown): string | undefined =>
  typeof payload === 'string'
    ? payload
    : payload instanceof Uint8Array
      ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')
      : undefined;

const versionOf = (reply: FastifyReply): string | undefined => {
  const etag = reply.getHeader('etag');
  return typeof etag === 'string' ? etag.replace(/^"|"$/g, '') : undefined;
};

/** Registered before compression, whose onSend hook turns answers into streams: the page is read as written. */
export function registerPageReads(app: FastifyInstance, history: HistoryRepository) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' && req.routeOptions.url === CONFIG_PAGE_PATH && reply.statusCode === 200)
      await observeRead(req, reply, payload);
    return payload;
  });

  async function observeRead(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const { agentId, clientEnv } = req.params as { agentId: string; clientEnv: string };
    const version = versionOf(reply);
    if (!isClientEnv(clientEnv) || !version || history.isKnown(agentId, clientEnv, version)) return;
    const text = textOf(payload);
    if (text === undefined) return;
    try {
      await history.observe(agentId, clientEnv, JSON.parse(text) as ConfigPage);
    } catch (error) {
      req.log.error({ err: error }, 'history: a page read could not be compared with the last version seen');
    }
  }
}
