/**
 * The checks a write passes before anything is read for it or sent (steps of service.ts): may its author make it, does
 * a rule hold it for approval, does it carry the note a team setting asks for. Refusals are 403 (the role), 409
 * CHANGE_REQUEST_REQUIRED (the rule) and 400 HISTORY_NOTE_REQUIRED (the note).
 */
import type { Me } from '../../contract/access.ts';
import type { ChangePolicy } from '../../contract/change-request-values.ts';
import { plural } from '../../contract/plural.ts';
import { placeName, strictestRule, whyNotMake, type Place, type Reach } from '../../contract/reach.ts';
import type { Write } from '../../contract/writes.ts';
import { ApiError } from '../errors.ts';

/** Refuses (403) unless `by` may make a write of this reach, their roles as they are now. */
export function mustMayMake(by: Me, reach: Reach): void {
  const why = whyNotMake(by, reach);
  if (why) throw new ApiError(403, 'FORBIDDEN', why);
}

/** Refuses (409) a write that a rule of a place it reaches holds for approval. */
export function mustNotBeHeld(write: Write, reach: Reach, policies: ChangePolicy[]): void {
  const rule = strictestRule(policies, reach.places);
  if (rule) throw new ApiError(409, 'CHANGE_REQUEST_REQUIRED', heldBecause(write, rule.place, rule.policy.approvals));
}

/** Refuses (400) a write to live without a note, when the team asks for one (its setting read only then). */
export async function mustHaveNote(
  write: Write,
  note: string | undefined,
  requireNoteForLive: () => Promise<boolean>,
): Promise<void> {
  const toLive = (write.kind === 'variables' || write.kind === 'schema') && write.clientEnv === 'live';
  if (toLive && !note && (await requireNoteForLive()))
    throw new ApiError(400, 'HISTORY_NOTE_REQUIRED', 'Changes to live need a note saying why (a team setting)');
}

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
