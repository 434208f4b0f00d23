import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  AgentParams,
  BatchGetPhoneNumbersBody,
  BatchGetPhoneNumbersResponse,
  PhoneNumber,
  PhoneNumberList,
  PhoneNumberListQuery,
  PhoneNumberParams,
} from '../../../contract/agents-api.ts';
import type { PhoneNumbersRepository } from './phone-numbers.repository.ts';

const BASE = '/v1/agents/:agentId/telephony/phone-numbers';
const config = { badRequestCode: 'PHONE_NUMBERS_VALIDATION_FAILED' };

export function registerPhoneNumberRoutes(app: FastifyInstance, numbers: PhoneNumbersRepository) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    BASE,
    { config, schema: { params: AgentParams, querystring: PhoneNumberListQuery, response: { 200: PhoneNumberList } } },
    async (req) => ({ phoneNumbers: numbers.list(req.params.agentId, req.query.connectorId) }),
  );

  api.get(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, response: { 200: PhoneNumber } } },
    async (req) => numbers.get(req.params.agentId, req.params.phoneNumber),
  );

  api.post(
    `${BASE}/batch`,
    {
      config,
      schema: { params: AgentParams, body: BatchGetPhoneNumbersBody, response: { 200: BatchGetPhoneNumbersResponse } },
    },
    async (req) => numbers.batchGet(req.params.agentId, req.body.phoneNumbers),
  );
}
