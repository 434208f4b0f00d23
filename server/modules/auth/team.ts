/**
 * Team mode: sign-in through the organisation's identity provider, members and their roles, sessions in the shared
 * store. Without it (local mode) the one user of the console may do everything, as before.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.ts';
import { createSignInSeal } from './sign-in-cookie.ts';
import type { StateDb } from '../../state/state-store.ts';
import { createMembersRepository } from './members.repository.ts';
import type { GenerationCache } from '../../state/generation.ts';
import { registerMemberRoutes } from './members.routes.ts';
import { registerAccess, SESSION_COOKIE } from './access.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { createOidcClient, type OidcOptions } from './oidc.ts';
import { createSessionsRepository } from './sessions.repository.ts';
import type { WebhookOptions } from '../webhooks/webhooks.ts';
import type { AccessOf } from '../change-requests/change-requests.repository.ts';
import { registerPeriodicTask } from '../../plugins/periodic-task.ts';

export type TeamOptions = {
  oidc: OidcOptions;
  /** The address people use to reach the console (behind a TLS-terminating proxy, its https origin). */
  publicUrl: string;
  /** Admins by configuration: always admins, so the team can never lock itself out. */
  admins: string[];
  /** How long a sign-in lasts. */
  sessionHours?: number;
  /** How often each replica looks for scheduled changes that are due (5 s). */
  scheduleEveryMs?: number;
  /** How long a replica applying a change request holds it before others take it to be gone (2 minutes). */
  changeRequestLeaseMs?: number;
  /** How often each replica sends due webhook deliveries (1 s), and the waits between attempts. */
  webhooks?: WebhookOptions;
  /** Requests a client address may make per minute without a session (600), and sign-ins it may start (60). */
  rateLimits?: { anonymousPerMinute?: number; signInsPerMinute?: number };
};

const PURGE_EVERY_MS = 60 * 60_000;
const SIGN_IN_ROUTES = new Set(['/api/auth/login', '/api/auth/callback']);

/**
 * Registers the gate (hooks, before compression's); returns what registers the routes, and a member's access as it is
 * now (for writes made on their behalf: change requests applied now or at their time).
 */
export async function registerTeam(
  app: FastifyInstance,
  state: StateDb,
  team: TeamOptions,
  generation: GenerationCache,
): Promise<{ registerRoutes: () => void; accessOf: AccessOf }> {
  if (team.admins.length === 0) throw new Error('Team mode needs at least one admin by configuration (ADMIN_EMAILS)');
  const publicUrl = new URL(team.publicUrl).origin;
  const secure = publicUrl.startsWith('https:');
  // `__Host-`: the browser keeps the cookie to this exact origin (https only).
  const cookieName = secure ? SESSION_COOKIE.secure : SESSION_COOKIE.plain;
  const members = createMembersRepository(state, { configAdmins: team.admins, generation });
  const sessions = createSessionsRepository(state, { lifetimeMs: (team.sessionHours ?? 12) * 3_600_000 });
  const oidc = createOidcClient(team.oidc, `${publicUrl}/api/auth/callback`);

  // A client without a session can reach little (signing in, the console's files, 401s), and cheaply; still, a flood
  // from one address is answered 429 with Retry-After before anything else is done: one limiter for the whole app,
  // ahead of the access gate, with a lower budget of its own for signing in (which no cookie exempts). Other requests
  // with a session cookie are not limited here.
  const signingIn = (req: FastifyRequest) => SIGN_IN_ROUTES.has(req.routeOptions.url ?? '');
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) =>
      new ApiError(429, 'RATE_LIMITED', `Too many requests from this address: try again in ${context.after}`),
  });
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: 60_000,
      max: async (req) =>
        signingIn(req) ? (team.rateLimits?.signInsPerMinute ?? 60) : (team.rateLimits?.anonymousPerMinute ?? 600),
      keyGenerator: (req) => `${req.ip}${signingIn(req) ? ' signing in' : ''}`,
      allowList: (req) => !signingIn(req) && Boolean(req.cookies[cookieName]),
    }),
  );
  registerAccess(app, { members, sessions, generation, cookieName });
  // Expired sessions go at start and then hourly (an idempotent delete, whichever replica runs it).
  app.addHook(
    'onReady',
    async () =>
      void sessions
        .purge()
        .catch((error: unknown) => app.log.error({ err: error }, 'sessions: expired ones could not be removed')),
  );
  registerPeriodicTask(app, {
    everyMs: PURGE_EVERY_MS,
    task: () => sessions.purge(),
    what: 'sessions: removing expired ones',
  });
  return {
    accessOf: async (email) => {
      const access = await members.access(email);
      return access && { mode: 'team', email, ...access, expiresAt: '' };
    },
    registerRoutes: () => {
      registerAuthRoutes(app, {
        oidc,
        members,
        sessions,
        publicUrl,
        cookieName,
        secure,
        seal: createSignInSeal(state),
      });
      registerMemberRoutes(app, members, sessions);
    },
  };
}
