/**
 * Team mode's gate, on the server (hiding a button is not enforcement): every `/v1` and `/api` request needs a
 * signed-in member (401 otherwise), and what it does needs the role for it (403, nothing written or forwarded).
 * Authentication runs before the body is read; authorisation before any handler. A `/v1` write
 * needs the role on everything it reaches: the write service decides that (server/writes/service.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAdmin, mayView, type Me } from '../../../contract/access.ts';
import { ENDPOINTS } from '../../../contract/endpoints.ts';
import { ApiError } from '../../errors.ts';
import type { MembersRepository } from './members.repository.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import type { GenerationCache } from '../../state/generation.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member (team mode), read from the store on this request. */
    me?: Me & { mode: 'team' };
  }
}

/** Routes anyone may call: signing in, and the orchestrator's probes. */
const PUBLIC_ROUTES = new Set(['/api/auth/login', '/api/auth/callback', '/api/auth/logout', '/healthz', '/readyz']);
/** Routes any signed-in member may call, whatever their grants. */
const ANY_MEMBER = new Set([
  'GET /api/me',
  'GET /api/runtime',
  'GET /api/openapi.json',
  'GET /api/settings/history',
  'GET /api/settings/change-policies',
  // Answers only the agents the member may view.
  'GET /api/change-requests/open',
]);
const AGENT_LISTS = new Set(
  ENDPOINTS.filter((e) => e.method === 'GET' && !e.path.includes(':agentId')).map((e) => e.path),
);
const V1_ROUTES = new Map(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e]));
const GUARDED = /^\/(?:v1|api|__emulator)(?:\/|$)/;

export const SESSION_COOKIE = { secure: '__Host-switchboard-session', plain: 'switchboard-session' } as const;

export type AccessOptions = {
  members: MembersRepository;
  sessions: SessionsRepository;
  generation: GenerationCache;
  cookieName: string;
};

export function registerAccess(
  app: FastifyInstance,
  { members, sessions, generation, cookieName }: AccessOptions,
): void {
  app.decorateRequest('me', undefined);

  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions.url;
    // The route that will run decides; without one (a 404), the path as sent.
    if (!GUARDED.test(route ?? req.url.split('?')[0]) || (route && PUBLIC_ROUTES.has(route))) return;
    const token = req.cookies[cookieName];
    const session = token ? await sessions.find(token) : undefined;
    if (!session) throw new ApiError(401, 'SIGN_IN_REQUIRED', 'Sign in to use Switchboard');
    generation.observe(session.generation);
    req.generationSeen = true;
    // Access as of now, on every request: a member removed or changed meanwhile is refused or limited at once.
    const access = await members.access(session.email);
    if (!access)
      throw new ApiError(401, 'SIGN_IN_REQUIRED', 'Your membership has ended: sign in again or ask an admin');
    req.me = { mode: 'team', email: session.email, ...access, expiresAt: session.expiresAt };
    // Every log line of this request names the member (the correlation id is already there).
    req.log = reply.log = req.log.child({ user: session.email });
  });

  app.addHook('preValidation', async (req) => {
    if (req.me) authorise(req, req.me);
  });

  // A member limited to some agents sees only those in an agent list (in both modes, before compression).
  app.addHook('onSend', async (req, _reply, payload) => {
    const me = req.me;
    if (
      !me ||
      isAdmin(me) ||
      req.method !== 'GET' ||
      !AGENT_LISTS.has(req.routeOptions.url ?? '') ||
      typeof payload !== 'string'
    )
      return payload;
    try {
      const agents = JSON.parse(payload) as { agentId: string }[];
      return Array.isArray(agents) ? JSON.stringify(agents.filter((agent) => mayView(me, agent.agentId))) : payload;
    } catch {
      return payload;
    }
  });
}

const forbidden = (message: string) => new ApiError(403, 'FORBIDDEN', message);

/** Throws 403 unless the member may make this request. */
function authorise(req: FastifyRequest, me: Me & { mode: 'team' }) {
  const route = req.routeOptions.url ?? '';
  const key = `${req.method} ${route}`;
  if (ANY_MEMBER.has(key) || AGENT_LISTS.has(route)) return;
  const params = (req.params ?? {}) as Record<string, string>;
  const agentId = params.agentId;
  const endpoint = V1_ROUTES.get(key);
  if (endpoint && agentId) {
    // A write needs more, decided from everything it reaches by the write service (server/writes/service.ts).
    if (!mayView(me, agentId)) throw forbidden(`You have no access to agent ${agentId}`);
    return;
  }
  if (route.startsWith('/api/agents/:agentId/')) {
    if (!mayView(me, agentId)) throw forbidden(`You have no access to agent ${agentId}`);
    return;
  }
  // Members, settings, the emulator's test controls, and whatever is added later: admins only.
  if (!isAdmin(me)) throw forbidden('Only an admin may do this');
}
