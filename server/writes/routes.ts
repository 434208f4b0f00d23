/**
 * The `/v1` write endpoints, in both modes: one route per write endpoint of the contract, each a thin adapter that
 * turns the request into a call of the write service (service.ts) and its answer into a reply. In emulator mode they
 * document the contract (OpenAPI); in proxy mode they are hidden, like the forwarded reads.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { etagOf } from '../../contract/agents-api.ts';
import { CONNECTORS_PATH, ENDPOINTS, NUMBERS_PATH, type WriteEndpoint } from '../../contract/endpoints.ts';
import { ApiError } from '../errors.ts';
import type { WriteAnswer } from './backend.ts';
import type { WriteService } from './service.ts';
import { kindOf, noteOf, sourceOf } from './write-headers.ts';

export type WriteRoutesOptions = {
  /** Emulator mode: the routes check bodies with the contract's schemas and are in the OpenAPI document. */
  documented: boolean;
  /** Proxy mode's read-only switch: every write is refused before anything else. */
  readOnly?: boolean;
  /** Local mode: the name the history gives the author of a write. */
  author: string;
};

const WRITE_ENDPOINTS = ENDPOINTS.filter((e): e is WriteEndpoint => !e.read);

/** The emulator's error code for a body that fails its schema, per resource (as PolyAI's API names them). */
const badRequestCodeOf = (path: string) =>
  path.startsWith(CONNECTORS_PATH)
    ? 'CONNECTORS_VALIDATION_FAILED'
    : path.startsWith(NUMBERS_PATH)
      ? 'PHONE_NUMBERS_VALIDATION_FAILED'
      : undefined;

export function registerWriteRoutes(app: FastifyInstance, service: WriteService, options: WriteRoutesOptions) {
  for (const endpoint of WRITE_ENDPOINTS) {
    const code = badRequestCodeOf(endpoint.path);
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      ...(code && { config: { badRequestCode: code } }),
      schema: options.documented
        ? {
            params: endpoint.params,
            ...(endpoint.body && { body: endpoint.body }),
            response: { [endpoint.created ? 201 : 200]: endpoint.answer },
          }
        : { hide: true, params: endpoint.params },
      handler: async (req, reply) => {
        if (options.readOnly)
          throw new ApiError(403, 'READ_ONLY_MODE', 'Switchboard runs read-only: writes are not forwarded to PolyAI');
        const answer = await service.write({
          endpoint,
          params: req.params as Record<string, string>,
          body: req.body,
          ifMatch: req.headers['if-match'],
          by: req.me ?? { mode: 'local', name: options.author },
          note: noteOf(req),
          kind: kindOf(req),
          source: sourceOf(req),
          correlationId: String(req.id),
        });
        return send(reply, answer);
      },
    });
  }
}

/** A write's answer as a reply: JSON (sent as it is when already encoded), with the page's ETag when one was written. */
function send(reply: FastifyReply, answer: WriteAnswer) {
  if (answer.version !== undefined) reply.header('etag', etagOf({ lastUpdated: answer.version }));
  reply.status(answer.status);
  if (typeof answer.body === 'string' || answer.body instanceof Uint8Array)
    reply.type('application/json; charset=utf-8');
  return reply.send(answer.body);
}
