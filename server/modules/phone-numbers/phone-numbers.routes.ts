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
  type Static,
} from '../../../contract/agents-api.ts';
import type { PhoneNumbersRepository } from './phone-numbers.repository.ts';

type AgentOnly = { Params: Static<typeof AgentParams> };
type OneNumber = { Params: Static<typeof PhoneNumberParams> };
const BASE = '/v1/agents/:agentId/telephony/phone-numbers';
const config = { badRequestCode: 'PHONE_NUMBERS_VALIDATION_FAILED' };

export function registerPhoneNumberRoutes(app: FastifyInstance, numbers: PhoneNumbersRepository) {
  app.get<AgentOnly & { Querystring: Static<typeof PhoneNumberListQuery> }>(
    BASE,
    { config, schema: { params: AgentParams, querystring: PhoneNumberListQuery, response: { 200: PhoneNumberList } } },
    async (req) => ({ phoneNumbers: numbers.list(req.params.agentId, req.query.connectorId) }),
  );

  app.get<OneNumber>(`${BASE}/:phoneNumber`, { config, schema: { params: PhoneNumberParams, response: { 200: PhoneNumber } } }, async (req) =>
    numbers.get(req.params.agentId, req.params.phoneNumber),
  );

  app.post<AgentOnly & { Body: Static<typeof BatchGetPhoneNumbersBody> }>(
    `${BASE}/batch`,
    { config, schema: { params: AgentParams, body: BatchGetPhoneNumbersBody, response: { 200: BatchGetPhoneNumbersResponse } } },
    async (req) => numbers.batchGet(req.params.agentId, req.body.phoneNumbers),
  );

  app.post<AgentOnly & { Body: Static<typeof ImportPhoneNumbersBody> }>(
    BASE,
    { config, schema: { params: AgentParams, body: ImportPhoneNumbersBody, response: { 201: ImportPhoneNumbersResponse } } },
    async (req, reply) => reply.status(201).send({ imported: numbers.importNumbers(req.params.agentId, req.body.phoneNumbers, req.body.clientEnv) }),
  );

  app.post<OneNumber & { Body: Static<typeof ImportPhoneNumberBody> | undefined }>(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, body: ImportPhoneNumberBody, response: { 201: ImportPhoneNumberResponse } } },
    async (req, reply) => {
      const [imported] = numbers.importNumbers(req.params.agentId, [req.params.phoneNumber], req.body?.clientEnv);
      return reply.status(201).send({ imported });
    },
  );

  app.patch<OneNumber & { Body: Static<typeof ReassignPhoneNumberBody> }>(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, body: ReassignPhoneNumberBody, response: { 200: PhoneNumber } } },
    async (req) => numbers.reassign(req.params.agentId, req.params.phoneNumber, req.body.connectorId),
  );

  app.delete<OneNumber>(
    `${BASE}/:phoneNumber`,
    { config, schema: { params: PhoneNumberParams, response: { 200: DeletePhoneNumberResponse } } },
    async (req) => ({ deleted: numbers.delete(req.params.agentId, req.params.phoneNumber) }),
  );

  app.delete<AgentOnly & { Body: Static<typeof DeletePhoneNumbersBody> }>(
    BASE,
    { config, schema: { params: AgentParams, body: DeletePhoneNumbersBody, response: { 200: DeletePhoneNumbersResponse } } },
    async (req) => numbers.deleteMany(req.params.agentId, req.body.phoneNumbers),
  );
}
