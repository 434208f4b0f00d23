import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  etagOf,
  AgentParams,
  ConfigPage,
  ConfigPageList,
  ConfigPageParams,
  UpdateSchemaBody,
  UpdateVariablesBody,
  type Static,
} from '../../../contract/agents-api.ts';
import type { ConfigsRepository } from './configs.repository.ts';

const withEtag = (reply: FastifyReply, page: ConfigPage) => {
  reply.header('etag', etagOf(page));
  return page;
};

type PageParams = Static<typeof ConfigPageParams>;
const BASE = '/v1/agents/:agentId/real-time-configs';

export function registerConfigRoutes(app: FastifyInstance, configs: ConfigsRepository) {
  // Pages are free-form JSON: serialised once per version, instead of by a schema-driven serializer on every read.
  const serializerCompiler = () => configs.serialize;
  app.get<{ Params: Static<typeof AgentParams> }>(
    BASE,
    { serializerCompiler, schema: { params: AgentParams, response: { 200: ConfigPageList } } },
    async (req) => ({ configPages: configs.list(req.params.agentId) }),
  );

  app.get<{ Params: PageParams }>(
    `${BASE}/:clientEnv`,
    { serializerCompiler, schema: { params: ConfigPageParams, response: { 200: ConfigPage } } },
    async (req, reply) => withEtag(reply, configs.get(req.params.agentId, req.params.clientEnv)),
  );

  app.put<{ Params: PageParams; Body: UpdateSchemaBody }>(
    `${BASE}/:clientEnv/schema`,
    { serializerCompiler, schema: { params: ConfigPageParams, body: UpdateSchemaBody, response: { 200: ConfigPage } } },
    async (req, reply) =>
      withEtag(reply, configs.putSchema(req.params.agentId, req.params.clientEnv, req.body.schema, req.headers['if-match'])),
  );

  app.patch<{ Params: PageParams; Body: UpdateVariablesBody }>(
    `${BASE}/:clientEnv/variables`,
    { serializerCompiler, schema: { params: ConfigPageParams, body: UpdateVariablesBody, response: { 200: ConfigPage } } },
    async (req, reply) =>
      withEtag(reply, configs.patchVariables(req.params.agentId, req.params.clientEnv, req.body.variables, req.headers['if-match'])),
  );
}
