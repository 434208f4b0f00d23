import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** Where the running server publishes its contract. Outside /v1 so the proxy never forwards it upstream. */
export const OPENAPI_PATH = '/api/openapi.json';

/**
 * Publishes the contract as OpenAPI 3, generated from the same route schemas (contract/) that validate requests
 * and serialise responses, so the document cannot drift from what the server does. Register before the routes.
 */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Switchboard: PolyAI Agents API (subset) and emulator',
        version: '1.0.11-switchboard',
        description:
          'The subset of the PolyAI Agents API that Switchboard uses. Additions: ETag / If-Match on config pages (412 with the current page), and data.fieldErrors on validation errors.',
      },
      components: { securitySchemes: { polyApiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    },
    hideUntagged: false,
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}
