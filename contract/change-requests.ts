/** Change requests' API: bodies and answers as TypeBox schemas (the rules: ./change-request-values.ts). */
import { Type, type Static } from '@sinclair/typebox';
import { ClientEnvName } from './agents-api.ts';
import {
  CHANGE_REQUEST_EVENTS,
  CHANGE_REQUEST_KINDS,
  CHANGE_REQUEST_STATUSES,
  MAX_APPROVALS,
} from './change-request-values.ts';
import { NOTE_MAX_LENGTH } from './history-values.ts';
import { TypedText } from './typed-text.ts';

export * from './change-request-values.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((value) => Type.Literal(value)));

export const ChangePolicySchema = Type.Object(
  {
    agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]+$' })),
    clientEnv: ClientEnvName,
    approvals: Type.Integer({ minimum: 1, maximum: MAX_APPROVALS }),
  },
  { additionalProperties: false },
);
export const ChangePolicies = Type.Object(
  { policies: Type.Array(ChangePolicySchema, { maxItems: 500 }) },
  { additionalProperties: false },
);
export type ChangePolicies = Static<typeof ChangePolicies>;

const Note = TypedText({ maxLength: NOTE_MAX_LENGTH });
/** What the request writes: `variables` (the PATCH body's variables) or `schema` (the PUT body's schema). */
const Body = Type.Record(Type.String(), Type.Unknown());

export const NewChangeRequest = Type.Object(
  {
    clientEnv: ClientEnvName,
    kind: literals(CHANGE_REQUEST_KINDS),
    body: Body,
    /** The page version the author reviewed against (`lastUpdated`): applying is conditional on it. */
    baseVersion: Type.String({ minLength: 1, maxLength: 64 }),
    note: Note,
  },
  { additionalProperties: false },
);
export type NewChangeRequest = Static<typeof NewChangeRequest>;

/** The author's edit (or rebase onto a newer version): approvals start again. */
export const ChangeRequestEdit = Type.Object(
  { body: Body, baseVersion: Type.String({ minLength: 1, maxLength: 64 }), note: Note },
  { additionalProperties: false },
);
export type ChangeRequestEdit = Static<typeof ChangeRequestEdit>;

export const ChangeRequestComment = Type.Object(
  { text: TypedText({ minLength: 1, maxLength: NOTE_MAX_LENGTH }) },
  { additionalProperties: false },
);
export const ChangeRequestApply = Type.Object(
  {
    breakGlass: Type.Optional(
      Type.Object(
        { reason: TypedText({ minLength: 10, maxLength: NOTE_MAX_LENGTH }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ChangeRequestApply = Static<typeof ChangeRequestApply>;

export const ChangeRequestSchedule = Type.Object(
  { at: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
);

export const ChangeRequestEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  actor: Type.Optional(Type.String()),
  kind: literals(CHANGE_REQUEST_EVENTS),
  revision: Type.Integer(),
  text: Type.Optional(Type.String()),
});
export type ChangeRequestEvent = Static<typeof ChangeRequestEvent>;

/** What a request's write reaches (contract/reach.ts): its approvers need the editor role on every place. */
export const ReachSchema = Type.Object({
  agents: Type.Array(Type.String()),
  places: Type.Array(Type.Object({ agentId: Type.String(), clientEnv: ClientEnvName })),
  telephony: Type.Boolean(),
});

export const ChangeRequest = Type.Object({
  id: Type.String(),
  agentId: Type.String(),
  clientEnv: ClientEnvName,
  kind: literals(CHANGE_REQUEST_KINDS),
  body: Body,
  baseVersion: Type.String(),
  note: Type.String(),
  author: Type.String(),
  status: literals(CHANGE_REQUEST_STATUSES),
  /** Starts at 1; each edit adds one, and approvals count for the current revision only. */
  revision: Type.Integer(),
  /** The strictest rule of every place the request reaches, as the rules are now. */
  approvalsNeeded: Type.Integer(),
  /** Who approved the current revision, and still holds the role to: the approvals that count. */
  approvedBy: Type.Array(Type.String()),
  /** Approvals of this revision that no longer count: the approver lost the role, or left the team, since. */
  approvalsWithdrawn: Type.Array(Type.Object({ by: Type.String(), why: Type.String() })),
  reach: ReachSchema,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  appliedVersion: Type.Optional(Type.String()),
  /** Set when applying found the page at another version than the base: the author must rebase. */
  staleAt: Type.Optional(Type.String()),
  /** Applied by itself at this time (if approved by then) as `scheduledBy`. */
  scheduledAt: Type.Optional(Type.String({ format: 'date-time' })),
  scheduledBy: Type.Optional(Type.String()),
  /** While `applying`: until when the replica applying it holds it; past that, the next look decides what happened. */
  leaseUntil: Type.Optional(Type.String({ format: 'date-time' })),
  events: Type.Array(ChangeRequestEvent),
});
export type ChangeRequest = Static<typeof ChangeRequest>;
export const ChangeRequestList = Type.Object({ requests: Type.Array(ChangeRequest) });
export type ChangeRequestList = Static<typeof ChangeRequestList>;
