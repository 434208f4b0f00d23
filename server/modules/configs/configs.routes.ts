import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  etagOf,
  AgentParams,
  ConfigPage,
  ConfigPageList,
  ConfigPageParams,
  UpdateSchemaBody,
  UpdateVariablesBody,
} from '../../../contract/agents-api.ts';
import type { PreviousPage } from '../history/history.recorder.ts';
import type { ConfigsRepository, PageVersion } from './configs.repository.ts';

const BASE = '/v1/agents/:agentId/real-time-configs';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The history is told what a write replaces, from inside the write's own transaction. */
const seenBy = (req: FastifyRequest) => (previous: PreviousPage) => {
  if (req.historyWrite) req.historyWrite.previous = previous;
};

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

  api.put(
    `${BASE}/:clientEnv/schema`,
    { schema: { params: ConfigPageParams, body: UpdateSchemaBody, response: { 200: ConfigPage } } },
    async (req, reply) =>
      sendPage(
        reply,
        await configs.putSchema(
          req.params.agentId,
          req.params.clientEnv,
          req.body.schema,
          req.headers['if-match'],
          seenBy(req),
        ),
      ),
  );

  api.patch(
    `${BASE}/:clientEnv/variables`,
    { schema: { params: ConfigPageParams, body: UpdateVariablesBody, response: { 200: ConfigPage } } },
    async (req, reply) =>
      sendPage(
        reply,
        await configs.patchVariables(
          req.params.agentId,
          req.params.clientEnv,
          req.body.variables,
          req.headers['if-match'],
          seenBy(req),
        ),
      ),
  );
}
