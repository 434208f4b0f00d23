import { RE2JS } from 're2js';

/**
 * ajv's RegExp engine for schema `pattern`s: RE2 semantics, linear in the input, so a catastrophic pattern such as
 * `^(a+)+$` cannot freeze the server or a browser tab. Lookaround and backreferences are refused when the schema is
 * compiled, with RE2's message naming the construct.
 */
export const linearRegExp = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    return {
      test: (input: string) => compiled.matcher(input).find(),
      // ajv caches compiled patterns by this string: it must differ per pattern, as a RegExp's does.
      toString: () => `/${pattern}/`,
    };
  },
  { code: 'linearRegExp' },
);
