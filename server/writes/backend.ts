/**
 * Where writes land: the emulator's repositories (server/writes/emulator-backend.ts) or PolyAI's API
 * (server/writes/upstream-backend.ts). The write service (service.ts) decides everything else; a backend only reads
 * what a write reaches and replaces, and writes.
 */
import type { WriteEndpoint } from '../../contract/endpoints.ts';
import type { Write } from '../../contract/writes.ts';
import type { NewEntry } from '../modules/history/history.repository.ts';
import type { PageLock } from '../state/page-locks.ts';
import type { PreviousPage } from './entries.ts';
import type { Lookup } from './reach.ts';

/** A write as a call of one contract endpoint: its checked parameters and the body as sent. */
export type EndpointCall = {
  endpoint: WriteEndpoint;
  params: Record<string, string>;
  body: unknown;
  /** Names the write in logs, here and in PolyAI's. */
  correlationId: string;
};

/**
 * What a write answers: its status and body (a JSON value, or JSON already encoded), and for a config page written,
 * the version it made (its ETag).
 */
export type WriteAnswer = { status: number; body: unknown; version?: string };

export type PageWrite = Extract<Write, { kind: 'variables' | 'schema' }>;

/** A config page write: honours If-Match; `intentOf` is its history entry before its outcome is known. */
export type PageCall = EndpointCall & {
  write: PageWrite;
  ifMatch?: string;
  intentOf: (previous: PreviousPage) => NewEntry;
};

/**
 * What became of a page write: its answer, or the failure that left it without one (a refusal, a timeout); what it
 * replaced; the page lock it still holds (to be let go once its history is recorded) and its intent, if one was
 * recorded before it was sent.
 */
export type PageWritten = ({ answer: WriteAnswer } | { failure: unknown }) & {
  previous?: PreviousPage;
  lock?: PageLock;
  intent?: string;
};

export type Backend = {
  /** The reads a write's reach needs, on behalf of the write `correlationId`. */
  lookup(correlationId: string): Lookup;
  /** Writes a config page under its lock, reading first what the write replaces. */
  writePage(call: PageCall): Promise<PageWritten>;
  /** Writes connectors or phone numbers. */
  write(call: EndpointCall): Promise<WriteAnswer>;
};
