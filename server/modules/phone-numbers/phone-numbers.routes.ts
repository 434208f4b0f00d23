import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  AgentParams,
  BatchGetPhoneNumbersBody,
  BatchGetPhoneNumbersResponse,
  DeletePhoneNumberResponse,
  DeletePhoneNumbersBody,
  DeletePhoneNumbersResponse,
  ImportPhoneNumberBody,
  ImportPhoneNumberResponse,
  ImportPhoneNumbersBody,
  ImportPhoneNumbersResponse,
  PhoneNumber,
  PhoneNumberList,
  PhoneNumberListQuery,
  PhoneNumberParams,
  ReassignPhoneNumberBody,
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

  api.post(
    BASE,
    {
      config,
      schema: { params: AgentParams, body: ImportPhoneNumbersBody, response: { 201: ImportPhoneNumbersResponse } },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ imported: numbers.importNumbers(req.params.agentId, req.body.phoneNumbers, req.body.clientEnv) }),
  );

  api.post(
    `${BASE}/:phoneNumber`,
    {
      config,
      schema: { params: PhoneNumberParams, body: ImportPhoneNumberBody, response: { 201: ImportPhoneNumberResponse } },
    },
    async (req, reply) => {
      const [imported] = numbers.importNumbers(req.params.agentId, [req.params.phoneNumber], req.body?.clientEnv);
      return reply.status(201).send({ imported });
    },
  );

  api.patch(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, body: ReassignPhoneNumberBody, response: { 200: PhoneNumber } } },
    async (req) => numbers.reassign(req.params.agentId, req.params.phoneNumber, req.body.connectorId),
  );

  api.delete(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, response: { 200: DeletePhoneNumberResponse } } },
    async (req) => ({ deleted: numbers.delete(req.params.agentId, req.params.phoneNumber) }),
  );

  api.delete(
    BASE,
    {
      config,
      schema: { params: AgentParams, body: DeletePhoneNumbersBody, response: { 200: DeletePhoneNumbersResponse } },
    },
    async (req) => numbers.deleteMany(req.params.agentId, req.body.phoneNumbers),
  );
}
