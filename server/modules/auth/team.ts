/**
 * Team mode: sign-in through the organisation's identity provider, members and their roles, sessions in the shared
 * store. Without it (local mode) the one user of the console may do everything, as before.
 */
import type { FastifyInstance } from 'fastify';
import type { StateDb } from '../../state/state-store.ts';
import { createMembersRepository } from '../members/members.repository.ts';
import type { GenerationCache } from '../../state/generation.ts';
import { registerMemberRoutes } from '../members/members.routes.ts';
import { registerAccess, SESSION_COOKIE, type ActAs } from './access.ts';
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
};

const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Registers the gate (hooks, before the history's and compression's); returns what registers the routes, and how this
 * server sends itself a request as a member.
 */
export function registerTeam(
  app: FastifyInstance,
  state: StateDb,
  team: TeamOptions,
  generation: GenerationCache,
): { registerRoutes: () => void; actAs: ActAs; accessOf: AccessOf } {
  if (team.admins.length === 0) throw new Error('Team mode needs at least one admin by configuration (ADMIN_EMAILS)');
  const publicUrl = new URL(team.publicUrl).origin;
  const secure = publicUrl.startsWith('https:');
  // `__Host-`: the browser keeps the cookie to this exact origin (https only).
  const cookieName = secure ? SESSION_COOKIE.secure : SESSION_COOKIE.plain;
  const members = createMembersRepository(state, { configAdmins: team.admins, generation });
  const sessions = createSessionsRepository(state, { lifetimeMs: (team.sessionHours ?? 12) * 3_600_000 });
  const oidc = createOidcClient(team.oidc, `${publicUrl}/api/auth/callback`);

  const actAs = registerAccess(app, { members, sessions, generation, cookieName });
  // Expired sessions and abandoned sign-ins go at start and then hourly (an idempotent delete, whichever replica runs it).
  app.addHook('onReady', async () => void sessions.purge().catch((error: unknown) => app.log.error({ err: error }, 'sessions: expired ones could not be removed')));
  registerPeriodicTask(app, { everyMs: PURGE_EVERY_MS, task: () => sessions.purge(), what: 'sessions: removing expired ones' });
  return {
    actAs,
    accessOf: async (email) => {
      const access = await members.access(email);
      return access && { mode: 'team', email, ...access, expiresAt: '' };
    },
    registerRoutes: () => {
      registerAuthRoutes(app, { oidc, members, sessions, publicUrl, cookieName, secure });
      registerMemberRoutes(app, members, sessions);
    },
  };
}
