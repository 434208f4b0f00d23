import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AccountParams, AgentList } from '../../../contract/agents-api.ts';
import type { AgentsRepository } from './agents.repository.ts';

export function registerAgentRoutes(app: FastifyInstance, agents: AgentsRepository) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  /** The older, key-scoped listing (API v1.0.3); the emulator has one workspace, so it lists every agent. */
  api.get('/v1/agents', { schema: { response: { 200: AgentList } } }, async () => agents.list());

  api.get(
    '/v1/accounts/:accountId/agents',
    { schema: { params: AccountParams, response: { 200: AgentList } } },
    async (req) => agents.listByAccount(req.params.accountId),
  );
}
