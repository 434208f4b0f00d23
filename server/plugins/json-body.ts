import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.ts';

/** Bodies nested deeper than this are refused: no real config needs it, and deep nesting is a cheap way to DoS. */
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON bodies strictly: a key that could reach an object's prototype (`__proto__`, `constructor`,
 * `prototype`), anywhere in the body, is refused with 400 before any code sees it, as is absurd nesting.
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
    const problem = findProblem(value);
    return problem ? done(new ApiError(400, 'INVALID_REQUEST', problem), undefined) : done(null, value);
  });
}

/** Walks the parsed body without recursion (so depth itself cannot overflow the stack). */
function findProblem(root: unknown): string | undefined {
  const stack: [unknown, number, string][] = [[root, 0, '']];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `The property name '${key}' is not allowed (at '${path}/${key}')`;
      stack.push([child, depth + 1, `${path}/${key}`]);
    }
  }
  return undefined;
}
