import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Runtime } from '../contract/runtime.ts';
import { ConfigValidator } from '../contract/config-validation.ts';
import { openDatabase } from './store/database.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { seedScaleAgents } from './seed/scale-seed.ts';
import { correlationIdOf, registerCorrelationId } from './plugins/correlation-id.ts';
import { registerErrorEnvelope, sendFrameworkError } from './plugins/error-envelope.ts';
import { registerJsonBody } from './plugins/json-body.ts';
import { registerFaultInjection } from './plugins/fault-injection.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { registerAllowedHosts, registerRequiredApiKey, registerSecurityHeaders } from './plugins/security.ts';
import { registerProxyRoutes, type RaceWindowStats } from './upstream/proxy.routes.ts';
import type { UpstreamOptions } from './upstream/upstream-options.ts';
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
  /** SQLite file of the emulator; created and seeded when new. Ignored in proxy mode. */
  dbFile: string;
  /** Proxy mode: forward the API to PolyAI with this key instead of emulating it. */
  upstream?: UpstreamOptions;
  /** Host header values to answer (DNS-rebinding defence); every host when omitted (in-process tests). */
  allowedHosts?: string[];
  /** Emulator only: require this x-api-key on /v1 (to stand in for PolyAI in proxy tests). */
  requireApiKey?: string;
  /** The built console (vite's dist/); omitted in API-only tests. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Enables `/__emulator/faults` (latency, failures, hangs) for tests; never on by default. */
  faultInjection?: boolean;
  /** Adds the large benchmark agents (PROJECT-SCALE, PROJECT-SCALE-COMPARE) to the seed. */
  scale?: boolean;
};

/** Builds the whole server (API emulator or proxy, and the console) without listening, so tests can inject requests. */
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

  registerCorrelationId(app);
  // API answers (a page, 10,000 connectors) are compressed for browsers that ask; a fast brotli level keeps the CPU
  // cost small. Static files are precompressed at build time instead.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerSecurityHeaders(app);
  registerErrorEnvelope(app);
  if (options.allowedHosts) registerAllowedHosts(app, options.allowedHosts);
  registerJsonBody(app);
  registerSameOriginWrites(app);

  const raceWindows: RaceWindowStats = { samples: [] };
  if (options.upstream) {
    registerProxyRoutes(app, options.upstream, raceWindows);
  } else {
    await registerEmulator(app, options);
  }
  app.get('/api/runtime', { schema: { hide: true } }, async () => runtimeOf(options, raceWindows));
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  await registerStaticApp(app, options.distDir);
  return app;
}

/** The emulated Agents API on SQLite, with its test-only extras. */
async function registerEmulator(app: FastifyInstance, options: AppOptions) {
  const db = openDatabase(options.dbFile);
  app.addHook('onClose', async () => db.close());
  seedIfEmpty(db);
  if (options.scale) seedScaleAgents(db);
  if (options.requireApiKey) registerRequiredApiKey(app, options.requireApiKey);
  if (options.faultInjection) registerFaultInjection(app);

  await registerOpenApi(app);
  const agents = createAgentsRepository(db);
  registerAgentRoutes(app, agents);
  registerConfigRoutes(app, createConfigsRepository(db, agents, new ConfigValidator()));
  const phoneNumbers = createPhoneNumbersRepository(db, agents);
  registerConnectorRoutes(app, createConnectorsRepository(db, agents), phoneNumbers);
  registerPhoneNumberRoutes(app, phoneNumbers);
}

/** What the console shows about where it is connected. Never the key. */
function runtimeOf(options: AppOptions, raceWindows: RaceWindowStats): Runtime {
  if (!options.upstream) return { mode: 'emulator' };
  const sorted = [...raceWindows.samples].sort((a, b) => a - b);
  return {
    mode: 'proxy',
    upstream: new URL(options.upstream.baseUrl).host,
    region: options.upstream.region,
    readOnly: options.upstream.readOnly,
    conditionalWriteRaceWindowMs: sorted.length ? { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], samples: sorted.length } : undefined,
  };
}
