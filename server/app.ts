import { createServer } from 'node:http';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Runtime } from '../contract/runtime.ts';
import { seedScaleHistory } from './seed/scale-history.ts';
import { correlationIdOf } from './plugins/correlation-id.ts';
import { registerErrorEnvelope, sendError, sendFrameworkError } from './plugins/error-envelope.ts';
import { registerJsonBody } from './plugins/json-body.ts';
import { registerFaultInjection } from './plugins/fault-injection.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import {
  answerClientError,
  audienceOf,
  registerCommonHeaders,
  registerRequestGuard,
  registerRequiredApiKey,
  requestGuard,
  setCommonHeaders,
} from './plugins/security.ts';
import { registerProxyReads } from './upstream/proxy.routes.ts';
import type { UpstreamOptions } from './upstream/upstream-options.ts';
import { registerSameOriginWrites } from './plugins/same-origin-writes.ts';
import { registerStaticApp } from './plugins/static-app.ts';
import { registerAgentRoutes } from './modules/agents/agents.routes.ts';
import { openEmulator, type Emulator } from './emulator.ts';
import { registerConfigRoutes } from './modules/configs/configs.routes.ts';
import { registerConnectorRoutes } from './modules/connectors/connectors.routes.ts';
import { registerPhoneNumberRoutes } from './modules/phone-numbers/phone-numbers.routes.ts';
import { createHistoryRepository } from './modules/history/history.repository.ts';
import { registerPageReads } from './modules/history/page-reads.ts';
import { registerHistoryRoutes } from './modules/history/history.routes.ts';
import { createPageLocks } from './state/page-locks.ts';
import { createGenerationCache, registerGenerationCheck } from './state/generation.ts';
import { openSidePool, openStateStore } from './state/state-store.ts';
import { registerTeam, type TeamOptions } from './modules/auth/team.ts';
import { createChangeRequestsRepository } from './modules/change-requests/change-requests.repository.ts';
import { registerChangeRequests } from './modules/change-requests/change-requests.routes.ts';
import { createWebhooksRepository } from './modules/webhooks/webhooks.repository.ts';
import { announceLiveChanges, createAnnouncer, registerWebhooks } from './modules/webhooks/webhooks.ts';
import type { Me } from '../contract/access.ts';
import { sql } from 'kysely';
import { emulatorBackend } from './writes/emulator-backend.ts';
import { registerWriteRoutes } from './writes/routes.ts';
import { createWriteService } from './writes/service.ts';
import { upstreamBackend, type RaceWindowStats } from './writes/upstream-backend.ts';

export type AppOptions = {
  /** SQLite file of the emulator; created and seeded when new. Ignored in proxy mode. */
  dbFile: string;
  /** Proxy mode: forward the API to PolyAI with this key instead of emulating it. */
  upstream?: UpstreamOptions;
  /**
   * Host header values to answer (DNS-rebinding defence); every host when omitted (in-process tests). An entry written
   * as an origin (`https://console.example`) is a name behind a TLS-terminating proxy: writes from it are accepted.
   */
  allowedHosts?: string[];
  /** How long a client may take to send its headers, and its whole request, before the connection is closed. */
  timeouts?: { headersMs: number; requestMs: number };
  /**
   * Switchboard's own state (the history), kept in both modes: a SQLite file, or a Postgres URL shared by every
   * replica (team mode). Defaults to `state.sqlite` beside `dbFile`, or memory when `dbFile` is `:memory:`.
   */
  stateStore?: string;
  /** Local mode: who the history names as the author of writes (SWITCHBOARD_USER, else the OS user). */
  author?: string;
  /** Team mode: sign-in, members and roles (the author of a write is the signed-in member). */
  team?: TeamOptions;
  /** Emulator only: require this x-api-key on /v1 (to stand in for PolyAI in proxy tests). */
  requireApiKey?: string;
  /** The built console (vite's dist/); omitted in API-only tests. */
  distDir?: string;
  logger?: FastifyServerOptions['logger'];
  /** Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For/-Proto are believed (for logs); none by default. */
  trustedProxies?: string[];
  /** Enables `/__emulator/faults` (latency, failures, hangs) for tests; never on by default. */
  faultInjection?: boolean;
  /** Adds the large benchmark agents (PROJECT-SCALE, PROJECT-SCALE-COMPARE) to the seed. */
  scale?: boolean;
  /** How long one schema compile or config check may take in a worker before it is refused as too costly. */
  checkBudgetMs?: number;
};

const DEFAULT_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000 };

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when shutting down: /readyz says no while in-flight requests finish. */
    draining: boolean;
  }
}

/** Builds the whole server (API emulator or proxy, and the console) without listening, so tests can inject requests. */
export async function buildApp(options: AppOptions) {
  const audience = options.allowedHosts ? audienceOf(options.allowedHosts) : undefined;
  const guard = requestGuard(audience);
  const { headersMs, requestMs } = options.timeouts ?? DEFAULT_TIMEOUTS;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
    genReqId: correlationIdOf,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // A client that trickles its headers or body holds a connection open: it is closed after these times (Node checks
    // them every `connectionsCheckingInterval`, 30 s unless told otherwise).
    serverFactory: (handler) =>
      createServer(
        {
          headersTimeout: headersMs,
          requestTimeout: requestMs,
          connectionsCheckingInterval: Math.min(1_000, headersMs / 2),
        },
        handler,
      ),
    clientErrorHandler: answerClientError,
    // The router's own errors (a malformed `%` escape, an over-long segment) come before any hook: they get the same
    // checks and headers here.
    frameworkErrors: (error, req, reply) => {
      setCommonHeaders(req, reply);
      const refusal = guard(req);
      return refusal
        ? sendError(req, reply, refusal.status, refusal.code, refusal.message)
        : sendFrameworkError(error, req, reply);
    },
    // Validate requests exactly as written: Fastify's default ajv would coerce ("7" → 7), drop properties a schema does
    // not list and fill in defaults, so a body the console's own check refuses could pass here.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
  });

  registerRequestGuard(app, guard);
  app.decorate('draining', false);
  const stateTarget = options.stateStore ?? stateFileBeside(options.dbFile);
  const state = await openStateStore(stateTarget);
  const sidePool = openSidePool(stateTarget);
  app.addHook('onClose', async () => {
    await sidePool?.destroy();
    await state.destroy();
  });
  await app.register(fastifyCookie);
  const author = options.author ?? defaultAuthor();
  // Before any handler and compression: who is asking is known before anything is written or sent.
  const generation = createGenerationCache(state);
  const team = options.team ? await registerTeam(app, state, options.team, generation) : undefined;
  registerGenerationCheck(app, generation);
  // Team mode tells where the team talks (webhooks) of changes to live and of change requests.
  const webhooks = options.team ? createWebhooksRepository(state, { generation }) : undefined;
  const announce = webhooks ? createAnnouncer(webhooks, app.log) : undefined;
  const history = createHistoryRepository(state, {
    generation,
    intents: sidePool,
    ...(announce && { onRecorded: announceLiveChanges(announce) }),
  });
  // Where writes land: the emulator's repositories, or PolyAI (proxy mode); every write reaches it through one service.
  const emulator = options.upstream ? undefined : openEmulator(options.dbFile, options);
  if (emulator) app.addHook('onClose', async () => emulator.db.close());
  const upstream = options.upstream;
  const raceWindows: RaceWindowStats = { samples: [] };
  const backend = upstream
    ? upstreamBackend(upstream, { history, pageLocks: createPageLocks(state), raceWindows })
    : emulatorBackend(emulator!);
  // Team mode's four eyes: the admins' rules, and change requests, which apply through the same service.
  const changeRequests = team && createChangeRequestsRepository(state, { generation, accessOf: team.accessOf });
  const writes = createWriteService({ backend, history, policies: changeRequests?.policies, log: app.log });
  let registerChangeRequestRoutes: (() => void) | undefined;
  if (team && changeRequests && options.team) {
    registerChangeRequestRoutes = registerChangeRequests(app, changeRequests, history, {
      writes,
      accessOf: team.accessOf,
      lookupFor: backend.lookup,
      scheduleEveryMs: options.team.scheduleEveryMs,
      leaseMs: options.team.changeRequestLeaseMs,
      announce: announce!,
      publicUrl: options.team.publicUrl,
    });
  }
  if (options.scale && !options.upstream) await seedScaleHistory(state);
  await history.prune();
  // Before compression, whose onSend hook turns answers into streams: a page read is compared as it was written.
  registerPageReads(app, history);
  // API answers (a page, 10,000 connectors) are compressed for browsers that ask; a fast brotli level keeps the CPU
  // cost small. Static files are precompressed at build time instead.
  await app.register(fastifyCompress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerCommonHeaders(app);
  registerErrorEnvelope(app);
  registerJsonBody(app);
  registerSameOriginWrites(app, audience);

  let ready: () => Promise<void> = async () => {};
  let readAgentPages: Parameters<typeof registerHistoryRoutes>[2];
  if (upstream) {
    readAgentPages = registerProxyReads(app, upstream, history);
  } else {
    ready = await registerEmulatorReads(app, emulator!, options);
  }
  registerWriteRoutes(app, writes, { documented: !upstream, readOnly: upstream?.readOnly, author });
  registerHistoryRoutes(app, history, readAgentPages);
  team?.registerRoutes();
  registerChangeRequestRoutes?.();
  if (webhooks) registerWebhooks(app, webhooks, options.team?.webhooks);
  if (!options.team)
    app.get('/api/me', { schema: { hide: true } }, async (): Promise<Me> => ({ mode: 'local', name: author }));
  app.get('/api/runtime', { schema: { hide: true } }, async () => runtimeOf(options, raceWindows));
  // Alive: the process answers (an orchestrator restarts it otherwise).
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // Ready for traffic: its store answers and writes can be checked without waiting for a worker to start; a replica
  // shutting down says no, so a load balancer stops sending it requests (orchestrators and tests poll this).
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (app.draining) return reply.status(503).send({ ok: false, reason: 'shutting down' });
    try {
      await sql`select 1`.execute(state);
    } catch {
      return reply.status(503).send({ ok: false, reason: "Switchboard's state database does not answer" });
    }
    await ready();
    return { ok: true };
  });

  await registerStaticApp(app, options.distDir);
  return app;
}

/** The emulated Agents API's reads (its writes: server/writes/routes.ts), with its test-only extras; returns what
 * /readyz waits for. */
async function registerEmulatorReads(
  app: FastifyInstance,
  emulator: Emulator,
  options: AppOptions,
): Promise<() => Promise<void>> {
  const { pool, agents, configs, numbers, connectors } = emulator;
  if (options.requireApiKey) registerRequiredApiKey(app, options.requireApiKey);
  if (options.faultInjection) registerFaultInjection(app);

  await registerOpenApi(app);
  registerAgentRoutes(app, agents);
  // A listening server starts its workers at once (in-process tests, which never listen, start them on first use).
  app.addHook('onListen', async () => pool.warm());
  app.addHook('onClose', () => pool.close());
  registerConfigRoutes(app, configs);
  registerConnectorRoutes(app, connectors, (agentId, number) => numbers.connectorOf(agentId, number));
  registerPhoneNumberRoutes(app, numbers);
  return () => pool.ready();
}

const stateFileBeside = (dbFile: string) =>
  dbFile === ':memory:' ? ':memory:' : join(dirname(dbFile), 'state.sqlite');

function defaultAuthor(): string {
  const configured = process.env.SWITCHBOARD_USER?.trim();
  if (configured) return configured;
  try {
    return userInfo().username;
  } catch {
    return 'local user';
  }
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
    conditionalWriteRaceWindowMs: sorted.length
      ? { median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], samples: sorted.length }
      : undefined,
  };
}
