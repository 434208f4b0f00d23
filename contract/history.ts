/**
 * Switchboard's own API for the history of changes (not part of PolyAI's `/v1` contract): what it recorded, in both
 * modes, and the headers a write carries to say why it was made.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ClientEnvName } from './agents-api.ts';
import { HISTORY_KINDS, HISTORY_OUTCOMES } from './history-values.ts';

export * from './history-values.ts';

/** One top-level key: `before` / `after` are left out where the key was absent. */
export const HistoryChange = Type.Object({
  key: Type.String(),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});
export type HistoryChange = Static<typeof HistoryChange>;

export const HistoryEntry = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  /** Undefined for a change made outside Switchboard: who made it is not known. */
  author: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  clientEnv: Type.Optional(ClientEnvName),
  kind: Type.Union(HISTORY_KINDS.map((kind) => Type.Literal(kind))),
  outcome: Type.Union(HISTORY_OUTCOMES.map((outcome) => Type.Literal(outcome))),
  correlationId: Type.Optional(Type.String()),
  /** The page version (`lastUpdated`) this change made, when known. */
  version: Type.Optional(Type.String()),
  /** What a connector or phone-number change was about, in words ("Connector Main line", "+44 20 …"). */
  subject: Type.Optional(Type.String()),
  /** A promotion's source environment; a restore's entry. */
  source: Type.Optional(Type.String()),
  changes: Type.Array(HistoryChange),
  /** A schema write: the whole schema before and after. */
  schema: Type.Optional(Type.Object({ before: Type.Optional(Type.Unknown()), after: Type.Unknown() })),
});
export type HistoryEntry = Static<typeof HistoryEntry>;

export const HistoryPage = Type.Object({
  entries: Type.Array(HistoryEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type HistoryPage = Static<typeof HistoryPage>;

export const HistoryQuery = Type.Object({
  clientEnv: Type.Optional(ClientEnvName),
  key: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  kind: Type.Optional(Type.Union(HISTORY_KINDS.map((kind) => Type.Literal(kind)))),
  /** Words found in a note, an author, a key or a value. */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  since: Type.Optional(Type.String({ format: 'date-time' })),
  until: Type.Optional(Type.String({ format: 'date-time' })),
  /** 1–500 (query strings are text: nothing is coerced). */
  limit: Type.Optional(Type.String({ pattern: '^(?:[1-9][0-9]?|[1-4][0-9]{2}|500)$' })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;

/** A page's variables as they were at a moment, rebuilt from what was recorded. */
export const PageAt = Type.Object({
  clientEnv: ClientEnvName,
  at: Type.String({ format: 'date-time' }),
  variables: Type.Record(Type.String(), Type.Unknown()),
  schema: Type.Optional(Type.Unknown()),
  /** When Switchboard first recorded this page: before then, only what its recorded changes replaced is known. */
  recordedSince: Type.Optional(Type.String({ format: 'date-time' })),
  /** The page was first met through a write and not read whole since: only the keys written are known. */
  partial: Type.Optional(Type.Boolean()),
});
export type PageAt = Static<typeof PageAt>;

export const PageAtQuery = Type.Object({ clientEnv: ClientEnvName, at: Type.String({ format: 'date-time' }) });

export const HistorySettings = Type.Object({
  /** Every change to `live` must say why. */
  requireNoteForLive: Type.Boolean(),
  /** Entries older than this many days are removed; undefined keeps everything. */
  retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36_500 })),
});
export type HistorySettings = Static<typeof HistorySettings>;
