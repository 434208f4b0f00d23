import type { FastifyInstance } from 'fastify';
import {
  AgentParams,
  BatchGetConnectorsBody,
  BatchGetConnectorsResponse,
  BatchUpdateConnectorsBody,
  BatchUpdateConnectorsResponse,
  Connector,
  ConnectorList,
  ConnectorParams,
  DeleteConnectorResponse,
  LookupConnectorBody,
  UpdateConnectorBody,
  type Static,
} from '../../../contract/agents-api.ts';
import { ApiError } from '../../errors.ts';
import type { PhoneNumbersRepository } from '../phone-numbers/phone-numbers.repository.ts';
import { requireE164 } from '../phone-numbers/phone-numbers.repository.ts';
import type { ConnectorsRepository } from './connectors.repository.ts';

type AgentOnly = { Params: Static<typeof AgentParams> };
type OneConnector = { Params: Static<typeof ConnectorParams> };
const BASE = '/v1/agents/:agentId/telephony/connectors';
const config = { badRequestCode: 'CONNECTORS_VALIDATION_FAILED' };

export function registerConnectorRoutes(app: FastifyInstance, connectors: ConnectorsRepository, numbers: PhoneNumbersRepository) {
  app.get<AgentOnly>(BASE, { config, schema: { params: AgentParams, response: { 200: ConnectorList } } }, async (req) => ({
    connectors: connectors.list(req.params.agentId),
  }));

  app.get<OneConnector>(`${BASE}/:connectorId`, { config, schema: { params: ConnectorParams, response: { 200: Connector } } }, async (req) =>
    connectors.get(req.params.agentId, req.params.connectorId),
  );

  app.patch<OneConnector & { Body: UpdateConnectorBody }>(
    `${BASE}/:connectorId`,
    { config, schema: { params: ConnectorParams, body: UpdateConnectorBody, response: { 200: Connector } } },
    async (req) => connectors.update(req.params.agentId, req.params.connectorId, req.body),
  );

  app.delete<OneConnector>(
    `${BASE}/:connectorId`,
    { config, schema: { params: ConnectorParams, response: { 200: DeleteConnectorResponse } } },
    async (req) => connectors.delete(req.params.agentId, req.params.connectorId),
  );

  app.post<AgentOnly & { Body: Static<typeof BatchGetConnectorsBody> }>(
    `${BASE}/batch`,
    { config, schema: { params: AgentParams, body: BatchGetConnectorsBody, response: { 200: BatchGetConnectorsResponse } } },
    async (req) => connectors.batchGet(req.params.agentId, req.body.connectorIds),
  );

  app.patch<AgentOnly & { Body: BatchUpdateConnectorsBody }>(
    `${BASE}/batch`,
    { config, schema: { params: AgentParams, body: BatchUpdateConnectorsBody, response: { 200: BatchUpdateConnectorsResponse } } },
    async (req) => connectors.batchUpdate(req.params.agentId, req.body.updates),
  );

  /** Which connector answers this number. An unknown number, or one with no connector, is a 404 (our choice). */
  app.post<AgentOnly & { Body: Static<typeof LookupConnectorBody> }>(
    `${BASE}/lookup`,
    { config, schema: { params: AgentParams, body: LookupConnectorBody, response: { 200: Connector } } },
    async (req) => {
      const { agentId } = req.params;
      requireE164(req.body.phoneNumber);
      const number = numbers.find(agentId, req.body.phoneNumber) ?? numbers.get(agentId, req.body.phoneNumber);
      if (!number.connectorId) {
        throw new ApiError(404, 'CONNECTORS_NOT_FOUND', `Phone number '${number.number}' is not assigned to a connector`);
      }
      return connectors.get(agentId, number.connectorId);
    },
  );
}
