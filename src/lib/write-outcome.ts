import type { ConfigPage } from '../../contract/agents-api.ts';

/** What became of a conditional write to a config page (see api/config-writes.ts, which decides it). */
export type WriteOutcome =
  /** `found`: the answer was lost, and the page read back holds the write. */
  | { kind: 'saved'; page: ConfigPage; found?: true }
  | { kind: 'conflict'; current: ConfigPage; theirKeys: string[]; schemaChanged: boolean }
  | { kind: 'failed'; error: unknown; landed: 'no' | 'unknown' };

/** What the history records with a write besides its content: why, and what kind of change it is. */
export type WriteMeta = { note?: string; kind?: 'promotion' | 'restore'; source?: string };
