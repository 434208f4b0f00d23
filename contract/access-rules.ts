/**
 * Who may do what in team mode (one truth for the server, which enforces it, and the console, which says so before
 * anyone tries): a member's grants per agent (or all agents) and environment (or all three).
 * - viewer: reads the agents granted;
 * - editor: also writes the environments granted (connectors and numbers: every environment of the agent, since one
 *   change can move numbers between environments);
 * - admin: everything, plus members and settings.
 * In local mode (no sign-in) the one user may do everything, as before team mode. Plain TypeScript: the console
 * imports it without TypeBox (the API's schemas are in ./access.ts).
 */
import { CLIENT_ENVS, type ClientEnv } from './client-envs.ts';

export const ROLES = ['viewer', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** `agentId` / `clientEnv` left out: every agent / every environment. */
export type Grant = { role: Role; agentId?: string; clientEnv?: ClientEnv };

/** `GET /api/me`: who is using the console, and what they may do. */
export type Me =
  | { mode: 'local'; name: string }
  | { mode: 'team'; email: string; name?: string; admin: boolean; grants: Grant[]; expiresAt: string };

const covers = (grant: Grant, agentId: string, env?: ClientEnv) =>
  (grant.agentId === undefined || grant.agentId === agentId) &&
  (env === undefined || grant.clientEnv === undefined || grant.clientEnv === env);

export const isAdmin = (me: Me) => me.mode === 'local' || me.admin;

/** May read this agent (its pages, connectors, numbers, history). */
export const mayView = (me: Me, agentId: string) =>
  isAdmin(me) || (me.mode === 'team' && me.grants.some((grant) => covers(grant, agentId)));

/** May write this environment's config page (variables, schema; promotions and restores into it). */
export const mayWrite = (me: Me, agentId: string, env: ClientEnv) =>
  isAdmin(me) ||
  (me.mode === 'team' && me.grants.some((grant) => grant.role === 'editor' && covers(grant, agentId, env)));

/** May change the agent's connectors and phone numbers: editor on every environment of the agent. */
export const mayWriteTelephony = (me: Me, agentId: string) => CLIENT_ENVS.every((env) => mayWrite(me, agentId, env));

/** Why a write is not allowed, in words, or undefined when it is. */
export function whyNotWrite(me: Me | undefined, agentId: string, env?: ClientEnv): string | undefined {
  if (!me) return undefined;
  if (env ? mayWrite(me, agentId, env) : mayWriteTelephony(me, agentId)) return undefined;
  const what = env ? `change ${env}` : 'change connectors or phone numbers (editor on all three environments)';
  return mayView(me, agentId)
    ? `You can view this agent but not ${what}: ask an admin for the editor role.`
    : `You have no access to this agent: ask an admin.`;
}
