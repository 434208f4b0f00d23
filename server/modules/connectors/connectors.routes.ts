import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  AgentParams,
  BatchGetConnectorsBody,
  BatchGetConnectorsResponse,
  Connector,
  ConnectorList,
  ConnectorParams,
  LookupConnectorBody,
} from '../../../contract/agents-api.ts';
import { ApiError } from '../../errors.ts';
import type { ConnectorsRepository } from './connectors.repository.ts';

const BASE = '/v1/agents/:agentId/telephony/connectors';
const config = { badRequestCode: 'CONNECTORS_VALIDATION_FAILED' };

/** The connector a phone number of the agent is assigned to, if any (the phone numbers' repository knows). */
export type ConnectorOfNumber = (agentId: string, phoneNumber: string) => string | null;

export function registerConnectorRoutes(
  app: FastifyInstance,
  connectors: ConnectorsRepository,
  connectorOfNumber: ConnectorOfNumber,
) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(BASE, { config, schema: { params: AgentParams, response: { 200: ConnectorList } } }, async (req) => ({
    connectors: connectors.list(req.params.agentId),
  }));

  api.get(
    `${BASE}/:connectorId`,
    { config, schema: { params: ConnectorParams, response: { 200: Connector } } },
    async (req) => connectors.get(req.params.agentId, req.params.connectorId),
  );

  api.post(
    `${BASE}/batch`,
    {
      config,
      schema: { params: AgentParams, body: BatchGetConnectorsBody, response: { 200: BatchGetConnectorsResponse } },
    },
    async (req) => connectors.batchGet(req.params.agentId, req.body.connectorIds),
  );

  /** Which connector answers this number. An unknown number, or one with no connector, is a 404 (our choice). */
  api.post(
    `${BASE}/lookup`,
    { config, schema: { params: AgentParams, body: LookupConnectorBody, response: { 200: Connector } } },
    async (req) => {
      const { agentId } = req.params;
      const connectorId = connectorOfNumber(agentId, req.body.phoneNumber);
      if (!connectorId) {
        throw new ApiError(
          404,
          'CONNECTORS_NOT_FOUND',
          `Phone number '${req.body.phoneNumber}' is not assigned to a connector`,
        );
      }
      return connectors.get(agentId, connectorId);
    },
  );
}
