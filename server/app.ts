import Fastify, { type FastifyServerOptions } from 'fastify';
import { ConfigValidator } from '../contract/config-validation.ts';
import { openDatabase } from './store/database.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { correlationIdOf, registerCorrelationId } from './plugins/correlation-id.ts';
import { registerErrorEnvelope } from './plugins/error-envelope.ts';
import { registerSameOriginWrites } from './plugins/same-origin-writes.ts';
import { registerStaticApp } from './plugins/static-app.ts';
import { createAgentsRepository } from './modules/agents/agents.repository.ts';
import { registerAgentRoutes } from './modules/agents/agents.routes.ts';
import { createConfigsRepository } from './modules/configs/configs.repository.ts';
import { registerConfigRoutes } from './modules/configs/configs.routes.ts';
import { createConnectorsRepository } from './modules/connectors/connectors.repository.ts';
import { registerConnectorRoutes } from './modules/connectors/connectors.routes.ts';

export type AppOptions = {
  /** SQLite file of the emulator; created and seeded when new. */
  dbFile: string;
  /** The built console (vite's dist/); omitted in API-only tests. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
};

/** Builds the whole server (API emulator + console) without listening, so tests can inject requests. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: correlationIdOf,
    bodyLimit: 1024 * 1024,
    // Validate requests exactly as written: never coerce, strip or fill in what a client sent (stack-notes E16).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
  });

  // The API speaks JSON only: any other body is 415, never parsed as something else.
  app.removeContentTypeParser('text/plain');

  const db = openDatabase(options.dbFile);
  app.addHook('onClose', async () => db.close());
  seedIfEmpty(db);

  registerErrorEnvelope(app);
  registerCorrelationId(app);
  registerSameOriginWrites(app);

  const agents = createAgentsRepository(db);
  registerAgentRoutes(app, agents);
  registerConfigRoutes(app, createConfigsRepository(db, agents, new ConfigValidator()));
  registerConnectorRoutes(app, createConnectorsRepository(db, agents));
  app.get('/healthz', async () => ({ ok: true }));

  await registerStaticApp(app, options.distDir);
  return app;
}
