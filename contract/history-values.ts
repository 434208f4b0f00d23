/** The history's plain values (no schema library: the browser imports this). */
export const HISTORY_KINDS = [
  'variables',
  'schema',
  'external',
  'restore',
  'promotion',
  'connector',
  'phone-number',
  'change-request',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/**
 * `applied`: the write was acknowledged. `unknown`: it was sent and no answer came back (it may or may not have
 * landed); resolved to `applied` or `not-applied` the next time the page is read.
 */
export const HISTORY_OUTCOMES = ['applied', 'unknown', 'not-applied'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

/** Headers a write through Switchboard carries (all optional); never forwarded to PolyAI. */
export const HISTORY_HEADERS = {
  /** Why, percent-encoded UTF-8 (header values are Latin-1). */
  note: 'x-switchboard-note',
  /** `promotion` or `restore`; anything else is a plain edit. */
  kind: 'x-switchboard-kind',
  /** The promotion's source environment, or the entry a restore goes back to. */
  source: 'x-switchboard-source',
} as const;

export const NOTE_MAX_LENGTH = 1_000;
