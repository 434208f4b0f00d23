/**
 * The options and formats of every validator of config values: the contract's ConfigValidator (emulator, check
 * workers) and the console's form (rjsf's validator). Kept apart from ConfigValidator so the form can use them
 * without it. Each thread adds the pattern engine it may use (see pattern-engine.ts).
 */
import type { Options } from 'ajv';

/**
 * Draft 7, all errors (users fix several fields at once), formats checked; no coercion or defaults: the validator
 * must never change the values it is asked about. `multipleOf` to 8 decimal places, so 0.3 is a multiple of 0.1 (as
 * rjsf's form has always said). Patterns: see pattern-engine.ts (each thread says which engine it may use).
 */
export const CONFIG_AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  validateFormats: true,
  useDefaults: false,
  coerceTypes: false,
  multipleOfPrecision: 8,
  // Each error carries the schema it failed in, so it can be said in words from that schema (its description).
  verbose: true,
  // Unknown formats and keywords are allowed in a page's schema (strict: false); ajv would print a line for each one
  // on every compile, which a schema full of them turns into a flood. Its real errors still reach the console.
  logger: { log: () => undefined, warn: () => undefined, error: console.error },
} satisfies Options;

/**
 * Formats beyond ajv-formats: the two the form's widgets write (rjsf's own definitions), so a colour the form refuses
 * is refused everywhere.
 */
export const CONFIG_FORMATS = {
  color:
    /^(#?([0-9A-Fa-f]{3}){1,2}\b|aqua|black|blue|fuchsia|gray|green|lime|maroon|navy|olive|orange|purple|red|silver|teal|white|yellow|(rgb\(\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*,\s*\b([0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])\b\s*\))|(rgb\(\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*,\s*(\d?\d%|100%)+\s*\)))$/,
  'data-url': /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/,
};
