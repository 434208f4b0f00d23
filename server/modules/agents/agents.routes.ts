import type { FastifyInstance } from 'fastify';
import { AccountParams, AgentList, type Static } from '../../../contract/agents-api.ts';
import type { AgentsRepository } from './agents.repository.ts';

export function registerAgentRoutes(app: FastifyInstance, agents: AgentsRepository) {
  /** The older, key-scoped listing (API v1.0.3); the emulator has one workspace, so it lists every agent. */
  app.get('/v1/agents', { schema: { response: { 200: AgentList } } }, async () => agents.list());

  app.get<{ Params: Static<typeof AccountParams> }>(
    '/v1/accounts/:accountId/agents',
    { schema: { params: AccountParams, response: { 200: AgentList } } },
    async (req) => agents.listByAccount(req.params.accountId),
  );
}
