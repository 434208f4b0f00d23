import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

/** Bodies nested deeper than this are refused: no real config needs it, and deep nesting is a cheap way to DoS. */
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON bodies strictly: a key that could reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`), anywhere in the body, is refused with 400 before any code sees it, as is a name holding NUL (Postgres
 * text cannot store it, and no name needs it), absurd nesting, and a number JavaScript cannot hold as written (see
 * findProblem).
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
      return done(
        new ApiError(400, 'INVALID_JSON', `The request body is not valid JSON: ${(error as Error).message}`),
        undefined,
      );
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
  // The first walk keeps no paths (a 1 MiB body can hold 200,000 values); only a body with a problem is walked again
  // to say where it is.
  const first = walk(root, undefined, false);
  if (!first) return undefined;
  const rounded = first.problem === 'unsafe integer' ? roundedLiterals(text) : undefined;
  if (rounded?.size === 0) return undefined;
  const found = walk(root, rounded, true)!;
  const path = found.path();
  switch (found.problem) {
    case 'not finite':
      return `The number at '${path}' is too large for a double-precision number`;
    case 'rounded':
      return `The integer at '${path}' is beyond ±${Number.MAX_SAFE_INTEGER} and cannot be stored exactly: send it as a string`;
    case 'too deep':
      return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    case 'nul in key':
      return `A property name at '${path.slice(0, path.lastIndexOf('/')) || '/'}' holds a NUL character, which no name needs and the history cannot store`;
    default:
      return `The property name '${path.slice(path.lastIndexOf('/') + 1)}' is not allowed (at '${path}')`;
  }
}

type Problem = 'not finite' | 'rounded' | 'unsafe integer' | 'too deep' | 'forbidden key' | 'nul in key';

/**
 * Depth-first over the body: the first problem, and (when `tracking`) where it is. Integers beyond ±2^53−1 are a
 * problem only when their value is in `rounded`; without it, the walk just says whether there are any.
 */
function walk(
  root: unknown,
  rounded: Set<number> | undefined,
  tracking: boolean,
): { problem: Problem; path: () => string } | undefined {
  // Each value's key and parent, by node number, only when tracking.
  const keys: string[] = [];
  const parents: number[] = [];
  const track = (key: string, parent: number) => {
    keys.push(key);
    parents.push(parent);
    return keys.length - 1;
  };
  const at = (node: number) => () => {
    const segments: string[] = [];
    for (let i = node; i >= 0; i = parents[i]) segments.unshift(keys[i]);
    return segments.map((segment) => `/${segment}`).join('');
  };
  const stack: [unknown, number, number][] = [[root, 0, -1]];
  let unsafe = false;
  while (stack.length > 0) {
    const [value, depth, node] = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { problem: 'not finite', path: at(node) };
      if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
        if (rounded?.has(value)) return { problem: 'rounded', path: at(node) };
        unsafe = true;
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { problem: 'too deep', path: at(node) };
    for (const key in value) {
      const child = tracking ? track(key, node) : -1;
      if (FORBIDDEN_KEYS.has(key)) return { problem: 'forbidden key', path: at(child) };
      if (key.includes('\u0000')) return { problem: 'nul in key', path: at(child) };
      stack.push([(value as Record<string, unknown>)[key], depth + 1, child]);
    }
  }
  return unsafe && !rounded ? { problem: 'unsafe integer', path: at(-1) } : undefined;
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
