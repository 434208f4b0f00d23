import type { FastifyInstance } from 'fastify';
import { AgentList } from '../../../contract/agents-api.ts';
import type { AgentsRepository } from './agents.repository.ts';

export function registerAgentRoutes(app: FastifyInstance, agents: AgentsRepository) {
  app.get('/v1/agents', { schema: { response: { 200: AgentList } } }, async () => agents.list());
}
