import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

/** Bodies nested deeper than this are refused: no real config needs it, and deep nesting is a cheap way to DoS. */
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON bodies strictly: a key that could reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`), anywhere in the body, is refused with 400 before any code sees it, as is absurd nesting, and so is a
 * number JavaScript cannot hold as written (see findProblem).
 */
export function registerJsonBody(app: FastifyInstance) {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(new ApiError(400, 'INVALID_REQUEST', 'The request body is empty'), undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(new ApiError(400, 'INVALID_JSON', `The request body is not valid JSON: ${(error as Error).message}`), undefined);
    }
    const problem = findProblem(value, text);
    return problem ? done(new ApiError(400, 'INVALID_REQUEST', problem), undefined) : done(null, value);
  });
}

/**
 * Walks the parsed body without recursion (so depth itself cannot overflow the stack). Numbers: `1e309` parses to
 * Infinity, which JSON cannot carry (it would be stored as null), so it is refused; an integer written out in digits
 * that a double cannot hold as written would be stored rounded (12345678901234567890 → 12345678901234567000), so it
 * is refused too, with the advice to send it as a string. A large number in exponent form (1e300), or one that reads
 * back as written (JavaScript's own 56367316837770570), is exactly the double the client had, and is kept.
 */
function findProblem(root: unknown, text: string): string | undefined {
  const stack: [unknown, number, string][] = [[root, 0, '']];
  const unsafeIntegers: [string, number][] = [];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `The number at '${path}' is too large for a double-precision number`;
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) unsafeIntegers.push([path, value]);
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The property name '${key}' is not allowed (at '${path}/${key}')`;
      stack.push([child, depth + 1, `${path}/${key}`]);
    }
  }
  if (unsafeIntegers.length === 0) return undefined;
  const rounded = roundedLiterals(text);
  const hit = unsafeIntegers.find(([, value]) => rounded.has(value));
  return hit && `The integer at '${hit[0]}' is beyond ±${Number.MAX_SAFE_INTEGER} and cannot be stored exactly: send it as a string`;
}

/** The values of the integer literals (digits only) in `text` that do not read back as written; one pass. */
function roundedLiterals(text: string): Set<number> {
  const rounded = new Set<number>();
  for (const [literal] of text.matchAll(/(?<![\w.])-?\d{16,}(?![\d.eE])/g)) {
    const value = Number(literal);
    if (String(value) !== literal) rounded.add(value);
  }
  return rounded;
}
