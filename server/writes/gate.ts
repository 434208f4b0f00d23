/**
 * The gate every `/v1` write passes in team mode, its steps in order: the write (from the contract's endpoint) → what
 * it reaches → may this member make it (their roles as they are now) → does a rule of any place it reaches hold it
 * for approval. Refusals are 403 (the role) and 409 CHANGE_REQUEST_REQUIRED (the rule); nothing is forwarded or
 * written before it passes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { plural } from '../../contract/plural.ts';
import { placeName, strictestRule, whyNotMake, type Place } from '../../contract/reach.ts';
import type { ChangePolicy } from '../../contract/change-request-values.ts';
import type { Write } from '../../contract/writes.ts';
import { ApiError } from '../errors.ts';
import { reachOfWrite, type Lookup } from './reach.ts';
import { writeEndpointOf, writeOfRequest } from './write.ts';

export type WriteGateOptions = {
  /** The reads a reach needs, on behalf of this request. */
  lookupFor: (req: FastifyRequest) => Lookup;
  policies: () => Promise<ChangePolicy[]>;
  /** Whether this request applies an approved change request whose write is exactly `write`. */
  isApprovedWrite: (req: FastifyRequest, write: Write) => boolean;
};

/** Why a write held by a rule must go through a change request, in the words of what it does. */
function heldBecause(write: Write, place: Place, approvals: number): string {
  const needs = `${placeName(place)} needs ${plural(approvals, 'approval', 'approvals')}`;
  switch (write.kind) {
    case 'variables':
    case 'schema':
      return `Changes to ${needs}: open a change request instead`;
    case 'connector':
      return `This connector change reaches ${needs}: open a change request instead`;
    case 'connector-delete':
      return `Deleting a connector that answers calls in ${needs}: request the deletion instead`;
    case 'connector-batch':
      return `This batch changes connectors in ${needs}: request the batch edit instead`;
    case 'phone-number-move':
      return `Moving ${write.phoneNumber} changes who answers its calls in ${needs}: request the move instead`;
    case 'number-import':
      return `Importing numbers into ${needs}, and cannot go through a change request: an admin can lift the rule while doing it`;
    case 'number-release':
      return `Releasing numbers that answer calls in ${needs}, and cannot go through a change request: an admin can lift the rule while doing it`;
  }
}

export function registerWriteGate(app: FastifyInstance, options: WriteGateOptions) {
  // After the body is validated (the emulator's routes) and before any handler or the history's hooks.
  app.addHook('preHandler', async (req) => {
    const me = req.me;
    const endpoint = me && writeEndpointOf(`${req.method} ${req.routeOptions.url}`);
    if (!me || !endpoint) return;
    const write = writeOfRequest(endpoint, req.params as Record<string, string>, req.body);
    const reach = await reachOfWrite(write, options.lookupFor(req));
    const why = whyNotMake(me, reach);
    if (why) throw new ApiError(403, 'FORBIDDEN', why);
    const rule = strictestRule(await options.policies(), reach.places);
    if (!rule || options.isApprovedWrite(req, write)) return;
    throw new ApiError(409, 'CHANGE_REQUEST_REQUIRED', heldBecause(write, rule.place, rule.policy.approvals));
  });
}
