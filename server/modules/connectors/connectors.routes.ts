import type { FastifyInstance } from 'fastify';
import { AgentParams, ConnectorList, type Static } from '../../../contract/agents-api.ts';
import type { ConnectorsRepository } from './connectors.repository.ts';

export function registerConnectorRoutes(app: FastifyInstance, connectors: ConnectorsRepository) {
  app.get<{ Params: Static<typeof AgentParams> }>(
    '/v1/agents/:agentId/telephony/connectors',
    { schema: { params: AgentParams, response: { 200: ConnectorList } } },
    async (req) => ({ connectors: connectors.list(req.params.agentId) }),
  );
}
