/** What a write says about itself in headers (contract/history.ts: HISTORY_HEADERS): why, what kind, from where. */
import type { FastifyRequest } from 'fastify';
import { HISTORY_HEADERS, NOTE_MAX_LENGTH } from '../../contract/history.ts';
import { ApiError } from '../errors.ts';

/** The note a write carries: percent-encoded UTF-8, at most NOTE_MAX_LENGTH characters once decoded. */
export function noteOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[HISTORY_HEADERS.note];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let note: string;
  try {
    note = decodeURIComponent(raw).trim();
  } catch {
    throw new ApiError(400, 'HISTORY_NOTE_INVALID', `The ${HISTORY_HEADERS.note} header must be percent-encoded UTF-8`);
  }
  if (note.length > NOTE_MAX_LENGTH)
    throw new ApiError(400, 'HISTORY_NOTE_TOO_LONG', `A note holds at most ${NOTE_MAX_LENGTH} characters`);
  // Lines and tabs are a note's own; any other control character is not text anyone typed.
  const text = note.replace(/\r\n/g, '\n');
  if ([...text].some((char) => (char < ' ' && char !== '\n' && char !== '\t') || char === '\u007f')) {
    throw new ApiError(
      400,
      'HISTORY_NOTE_INVALID',
      'A note holds text, lines and tabs only: no other control characters',
    );
  }
  return text || undefined;
}

/** A page write that promotes or restores a version. */
export function kindOf(req: FastifyRequest): 'promotion' | 'restore' | undefined {
  const kind = req.headers[HISTORY_HEADERS.kind];
  if (kind === undefined) return undefined;
  if (kind === 'promotion' || kind === 'restore') return kind;
  throw new ApiError(400, 'HISTORY_KIND_INVALID', `${HISTORY_HEADERS.kind} must be promotion or restore`);
}

/** Where a write comes from: an environment, an entry id, or `page-at:<time>`; shown to people, so nothing else. */
export function sourceOf(req: FastifyRequest): string | undefined {
  const source = req.headers[HISTORY_HEADERS.source];
  if (typeof source !== 'string' || source === '') return undefined;
  if (!/^[\w.:+-]{1,128}$/.test(source)) {
    throw new ApiError(
      400,
      'HISTORY_SOURCE_INVALID',
      `${HISTORY_HEADERS.source} is an environment, an entry id or page-at:<time> (at most 128 characters)`,
    );
  }
  return source;
}
