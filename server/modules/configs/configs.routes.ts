import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { etagOf, AgentParams, ConfigPage, ConfigPageList, ConfigPageParams } from '../../../contract/agents-api.ts';
import type { ConfigsRepository, PageVersion } from './configs.repository.ts';

const BASE = '/v1/agents/:agentId/real-time-configs';
const JSON_TYPE = 'application/json; charset=utf-8';

// Pages are free-form JSON: each version's text is encoded once by the repository and sent as it is, instead of
// being serialised by the response schema on every answer (the schemas below document the answers).
export function registerConfigRoutes(app: FastifyInstance, configs: ConfigsRepository) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const sendBytes = (reply: FastifyReply, bytes: Uint8Array) => reply.type(JSON_TYPE).send(bytes);
  const sendPage = (reply: FastifyReply, version: PageVersion) =>
    sendBytes(reply.header('etag', etagOf(version)), version.bytes);

  api.get(BASE, { schema: { params: AgentParams, response: { 200: ConfigPageList } } }, async (req, reply) =>
    sendBytes(reply, configs.encodedList(configs.list(req.params.agentId))),
  );

  api.get(
    `${BASE}/:clientEnv`,
    { schema: { params: ConfigPageParams, response: { 200: ConfigPage } } },
    async (req, reply) => sendPage(reply, configs.get(req.params.agentId, req.params.clientEnv)),
  );
}
