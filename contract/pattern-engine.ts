import { RE2JS } from 're2js';

/**
 * How schema `pattern`s run. Draft 7 patterns are ECMA-262 regular expressions, and real schemas use what RE2 lacks
 * (lookahead in password rules, backreferences, `\p{…}` classes RE2 spells differently). So a pattern runs on RE2
 * (linear in the input: `^(a+)+$` cannot freeze anything) whenever RE2 compiles it, and on the ECMA-262 engine
 * itself otherwise — which can backtrack for seconds on a hostile input, so such patterns are only ever evaluated
 * where a deadline holds: the server's check workers and the browser's check workers. Where there is no deadline
 * (the browser's main thread), `mainThreadRegExp` leaves them to the worker.
 */
type Tester = { test: (input: string) => boolean; toString: () => string };

const linear = new Map<string, RE2JS | null>();

/** RE2's compiled pattern, or null where RE2 cannot compile it (remembered per pattern). */
function re2(pattern: string): RE2JS | null {
  let compiled = linear.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(pattern);
    } catch {
      compiled = null;
    }
    if (linear.size > 1_000) linear.clear();
    linear.set(pattern, compiled);
  }
  return compiled;
}

/** Whether `pattern` can only run on the backtracking engine (it is valid ECMA-262 that RE2 cannot compile). */
export const needsBacktracking = (pattern: string): boolean => re2(pattern) === null;

function engine(pattern: string, backtracking: (native: RegExp) => Tester['test']): Tester {
  const compiled = re2(pattern);
  // ajv caches compiled patterns by this string: it must differ per pattern, as a RegExp's does.
  const toString = () => `/${pattern}/`;
  if (compiled) return { test: (input) => compiled.matcher(input).find(), toString };
  // Not RE2: valid ECMA-262 (with the `u` flag, as ajv uses), or an error naming what is wrong.
  const native = new RegExp(pattern, 'u');
  return { test: backtracking(native), toString };
}

/** ajv's RegExp engine wherever a deadline holds: every valid pattern is evaluated. */
export const patternRegExp = Object.assign(
  (pattern: string) => engine(pattern, (native) => (input) => native.test(input)),
  {
    code: 'patternRegExp',
  },
);

/**
 * ajv's RegExp engine on a thread without a deadline: a pattern that needs backtracking is not evaluated here (it
 * passes), and the values are checked again in a worker before anything is saved (see hasBacktrackingPatterns).
 */
export const mainThreadRegExp = Object.assign((pattern: string) => engine(pattern, () => () => true), {
  code: 'mainThreadRegExp',
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const pointer = (segments: string[]) =>
  segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
/** Keywords whose values are data, not schemas: a `pattern` inside them is not a pattern. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** Every pattern of a schema (`pattern` and the keys of `patternProperties`), with the JSON Pointer where it is. */
export function patternsOf(schema: unknown): { path: string; pattern: string }[] {
  const found: { path: string; pattern: string }[] = [];
  const visit = (node: unknown, at: string[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...at, String(i)]));
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (key === 'pattern' && typeof value === 'string') found.push({ path: pointer([...at, key]), pattern: value });
      if (key === 'patternProperties' && isObject(value)) {
        for (const pattern of Object.keys(value)) found.push({ path: pointer([...at, key, pattern]), pattern });
      }
      visit(value, [...at, key]);
    }
  };
  visit(schema, []);
  return found;
}

/** Whether any pattern of `schema` needs the backtracking engine (so its values need a check with a deadline). */
export const hasBacktrackingPatterns = (schema: unknown): boolean =>
  patternsOf(schema).some(({ pattern }) => needsBacktracking(pattern));

/** The patterns that are not valid ECMA-262 at all, each at its path, with the engine's reason. */
export function invalidPatterns(schema: unknown): { path: string; message: string }[] {
  return patternsOf(schema).flatMap(({ path, pattern }) => {
    if (!needsBacktracking(pattern)) return [];
    try {
      new RegExp(pattern, 'u');
      return [];
    } catch (error) {
      return [{ path, message: `is not a valid regular expression: ${(error as Error).message}` }];
    }
  });
}
