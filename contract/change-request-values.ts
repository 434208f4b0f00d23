/**
 * Change requests (four eyes on protected environments): plain values and rules, shared by the server, which enforces
 * them, and the console (no schema library: the browser imports this).
 */
import type { ClientEnv } from './client-envs.ts';

/** `open`: waiting for approvals, or approved and waiting to be applied; `applying`: one replica is applying it now. */
export const CHANGE_REQUEST_STATUSES = ['open', 'applying', 'applied', 'declined', 'withdrawn'] as const;
export type ChangeRequestStatus = (typeof CHANGE_REQUEST_STATUSES)[number];

/**
 * What a request writes when applied: a config page's variables (PATCH) or its schema (PUT); a connector's fields
 * (PATCH; body `{ connectorId, changes }`; base: the fields it changes, as they were); several connectors' fields (the
 * batch PATCH; body `{ updates }`; base: each one's fields it changes); a connector's deletion (DELETE, with its
 * numbers; body `{ connectorId }`; base: the whole connector); a phone number's move to another connector (PATCH; body
 * `{ phoneNumber, connectorId }`; base: where the number is and where its new connector answers calls).
 */
export const CHANGE_REQUEST_KINDS = [
  'variables',
  'schema',
  'connector',
  'connector-batch',
  'connector-delete',
  'phone-number-move',
] as const;
export type ChangeRequestKind = (typeof CHANGE_REQUEST_KINDS)[number];

/** Every step of a request, each also in the agent's history. */
export const CHANGE_REQUEST_EVENTS = [
  'opened',
  'edited',
  'commented',
  'approved',
  'declined',
  'withdrawn',
  'scheduled',
  'unscheduled',
  'applied',
  'failed',
  'bypassed',
] as const;
export type ChangeRequestEventKind = (typeof CHANGE_REQUEST_EVENTS)[number];

/** An admin's rule: writes to this environment (of this agent, or of every agent) need this many approvals. */
export type ChangePolicy = { agentId?: string; clientEnv: ClientEnv; approvals: number };

export const MAX_APPROVALS = 5;
/** How far ahead a change may be scheduled. */
export const MAX_SCHEDULE_DAYS = 90;

/** The policy for a page: the one naming the agent wins over one for every agent. Undefined: writes go straight. */
export function policyFor(policies: ChangePolicy[], agentId: string, env: ClientEnv): ChangePolicy | undefined {
  return (
    policies.find((p) => p.agentId === agentId && p.clientEnv === env) ??
    policies.find((p) => p.agentId === undefined && p.clientEnv === env)
  );
}
