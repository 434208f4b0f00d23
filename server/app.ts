import Fastify, { type FastifyServerOptions } from 'fastify';
import { ConfigValidator } from '../contract/config-validation.ts';
import { openDatabase } from './store/database.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { seedScaleAgent } from './seed/scale-seed.ts';
import { correlationIdOf, registerCorrelationId } from './plugins/correlation-id.ts';
import { registerErrorEnvelope, sendFrameworkError } from './plugins/error-envelope.ts';
import { registerJsonBody } from './plugins/json-body.ts';
import { registerFaultInjection } from './plugins/fault-injection.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerSameOriginWrites } from './plugins/same-origin-writes.ts';
import { registerStaticApp } from './plugins/static-app.ts';
import { createAgentsRepository } from './modules/agents/agents.repository.ts';
import { registerAgentRoutes } from './modules/agents/agents.routes.ts';
import { createConfigsRepository } from './modules/configs/configs.repository.ts';
import { registerConfigRoutes } from './modules/configs/configs.routes.ts';
import { createConnectorsRepository } from './modules/connectors/connectors.repository.ts';
import { registerConnectorRoutes } from './modules/connectors/connectors.routes.ts';
import { createPhoneNumbersRepository } from './modules/phone-numbers/phone-numbers.repository.ts';
import { registerPhoneNumberRoutes } from './modules/phone-numbers/phone-numbers.routes.ts';

export type AppOptions = {
  /** SQLite file of the emulator; created and seeded when new. */
  dbFile: string;
  /** The built console (vite's dist/); omitted in API-only tests. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Enables `/__emulator/faults` (latency, failures, hangs) for tests; never on by default. */
  faultInjection?: boolean;
  /** Adds the large benchmark agent (PROJECT-SCALE) to the seed. */
  scale?: boolean;
};

/** Builds the whole server (API emulator + console) without listening, so tests can inject requests. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: correlationIdOf,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: sendFrameworkError,
    // Validate requests exactly as written: never coerce, strip or fill in what a client sent (stack-notes E16).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
  });

  const db = openDatabase(options.dbFile);
  app.addHook('onClose', async () => db.close());
  seedIfEmpty(db);
  if (options.scale) seedScaleAgent(db);

  registerErrorEnvelope(app);
  registerJsonBody(app);
  registerCorrelationId(app);
  registerSameOriginWrites(app);
  if (options.faultInjection) registerFaultInjection(app);

  await registerOpenApi(app);
  const agents = createAgentsRepository(db);
  registerAgentRoutes(app, agents);
  registerConfigRoutes(app, createConfigsRepository(db, agents, new ConfigValidator()));
  const phoneNumbers = createPhoneNumbersRepository(db, agents);
  registerConnectorRoutes(app, createConnectorsRepository(db, agents), phoneNumbers);
  registerPhoneNumberRoutes(app, phoneNumbers);
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  await registerStaticApp(app, options.distDir);
  return app;
}
