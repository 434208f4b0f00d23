/**
 * A failure of Switchboard's own store, told apart from a bug: the database down, unreachable, frozen or busy past
 * its time limits. Such a request is answered 503 with what happened in plain words, and nothing after it runs: a
 * write whose history, roles or rules cannot be read is never forwarded.
 */
import { ApiError } from '../errors.ts';

/** Node's network errors, and Postgres' own codes for a server that is shutting down, starting or gone. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '3D000',
]);
/** The page lock was not had in time (lock_timeout): another replica holds the page for long. */
const LOCK_NOT_AVAILABLE = '55P03';
/** A statement that ran past statement_timeout. */
const QUERY_CANCELED = '57014';
/** node-postgres' own words for a pool with no connection to give, a query with no answer, a connection cut. */
const NO_ANSWER =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connection timeout/i;
/** SQLite's, for a database locked past its busy timeout. */
const SQLITE_BUSY = /^SQLITE_BUSY/;

export const STORE_UNAVAILABLE = 'STORE_UNAVAILABLE';

/** The 503 for `error` if it is the store's failure, else undefined (a bug, answered 500). */
export function storeFailure(error: unknown): ApiError | undefined {
  const { code, message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (code === LOCK_NOT_AVAILABLE) {
    return new ApiError(
      503,
      'PAGE_BUSY',
      'Another write to this page is taking long: nothing was written; try again in a moment',
    );
  }
  if (
    (code && UNREACHABLE.has(code)) ||
    code === QUERY_CANCELED ||
    NO_ANSWER.test(message) ||
    (code && SQLITE_BUSY.test(code))
  ) {
    return new ApiError(
      503,
      STORE_UNAVAILABLE,
      "Switchboard's database is not answering: nothing was changed; try again in a moment",
    );
  }
  return undefined;
}
