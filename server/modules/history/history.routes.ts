import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AgentParams } from '../../../contract/agents-api.ts';
import { HistoryPage, HistoryQuery, HistorySettings, PageAt, PageAtQuery } from '../../../contract/history.ts';
import { ApiError } from '../../errors.ts';
import type { HistoryRepository } from './history.repository.ts';

const BASE = '/api/agents/:agentId/history';

/**
 * Switchboard's own history endpoints (both modes), behind the same Host and same-origin rules as everything else.
 * `readAgentPages` (proxy mode) reads an agent's pages before its history is answered, so a change made elsewhere
 * since the last read is in it.
 */
export function registerHistoryRoutes(
  app: FastifyInstance,
  history: HistoryRepository,
  readAgentPages?: (agentId: string, req: FastifyRequest) => Promise<void>,
) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    BASE,
    {
      schema: {
        summary: "An agent's recorded changes, newest first",
        tags: ['history'],
        params: AgentParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage },
      },
    },
    async (req) => {
      // Only for the first page: later pages continue the list the reader already has.
      if (readAgentPages && !req.query.cursor) await readAgentPages(req.params.agentId, req);
      return history.list(req.params.agentId, req.query);
    },
  );

  api.get(
    `${BASE}/page-at`,
    {
      schema: {
        summary: 'A config page as it was at a moment',
        tags: ['history'],
        params: AgentParams,
        querystring: PageAtQuery,
        response: { 200: PageAt },
      },
    },
    async (req) => {
      const page = await history.pageAt(req.params.agentId, req.query.clientEnv, req.query.at);
      if (!page)
        throw new ApiError(
          404,
          'HISTORY_PAGE_NOT_SEEN',
          `Switchboard has not seen the ${req.query.clientEnv} page of this agent yet`,
        );
      return page;
    },
  );

  // JSON Lines, oldest first: one entry per line, written as it is read, so an export of any size streams.
  api.get(
    `${BASE}.jsonl`,
    { schema: { summary: "An agent's whole history as JSON Lines", tags: ['history'], params: AgentParams } },
    async (req, reply) => {
      const { agentId } = req.params;
      async function* lines() {
        for await (const entry of history.all(agentId)) yield `${JSON.stringify(entry)}\n`;
      }
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="history-${agentId.replace(/[^\w.-]/g, '_')}.jsonl"`)
        .send(Readable.from(lines()));
    },
  );

  api.get('/api/settings/history', { schema: { tags: ['history'], response: { 200: HistorySettings } } }, async () =>
    history.settings(),
  );

  api.put(
    '/api/settings/history',
    {
      schema: {
        tags: ['history'],
        body: Type.Composite([HistorySettings], { additionalProperties: false }),
        response: { 200: HistorySettings },
      },
    },
    async (req) => {
      const saved = await history.saveSettings(req.body);
      await history.prune();
      return saved;
    },
  );
}
