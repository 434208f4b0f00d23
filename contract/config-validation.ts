/**
 * The one definition of "these variables satisfy this config page's schema", shared by the emulator (which refuses
 * invalid writes), the console's check workers (overview, compare, promote, JSON view, schema editor) and, through
 * validation-options.ts, the console's form (rjsf's validator), so all of them agree.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FieldError, JsonObject } from './agents-api.ts';
import { plainMessage } from './plain-messages.ts';
import { findEndlessRef } from './endless-refs.ts';
import { invalidPatterns, patternRegExp } from './pattern-engine.ts';
import { CONFIG_AJV_OPTIONS, CONFIG_FORMATS } from './validation-options.ts';

// ajv-formats ships CJS typings whose default export is not seen as callable under NodeNext.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** For threads where a deadline holds (the server's and the console's workers): every valid pattern is evaluated. */
export function createConfigAjv(): Ajv {
  const ajv = addFormats(new Ajv({ ...CONFIG_AJV_OPTIONS, code: { regExp: patternRegExp } }));
  for (const [name, format] of Object.entries(CONFIG_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

/**
 * Root keywords that constrain each property by itself (or nothing at all). `dependencies`, `minProperties`, `allOf`,
 * `if`, a root `$ref` and the like relate keys to each other, so a page under them is only checked whole.
 */
const PER_KEY_ROOT_KEYWORDS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'definitions',
  'type',
  'properties',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'required',
]);

const DRAFT_7_URI = 'http://json-schema.org/draft-07/schema';

export type SchemaCheck = { ok: true } | { ok: false; errors: FieldError[] };
export type VariablesCheck = { valid: boolean; errors: FieldError[] };

/** Compiles schemas once per distinct schema text: pages are validated far more often than schemas change. */
export class ConfigValidator {
  private readonly ajv = createConfigAjv();
  private readonly byText = new Map<string, ValidateFunction>();
  private readonly byObject = new WeakMap<object, ValidateFunction>();
  /** Per schema: the validator of its root without `required` (null: its root ties keys together). */
  private readonly perKey = new WeakMap<object, ValidateFunction | null>();

  checkSchema(schema: JsonObject): SchemaCheck {
    const dialect = schema.$schema;
    if (dialect !== undefined && String(dialect).replace(/#$/, '') !== DRAFT_7_URI) {
      // Never looked up: a schema names its dialect, and only Draft 7 is what PolyAI's config pages use.
      return {
        ok: false,
        errors: [
          { path: '/$schema', message: `must be Draft 7 (${DRAFT_7_URI}#); '${String(dialect)}' is not supported` },
        ],
      };
    }
    const badPatterns = invalidPatterns(schema);
    if (badPatterns.length > 0) return { ok: false, errors: badPatterns };
    const endless = findEndlessRef(schema);
    if (endless !== undefined) {
      return {
        ok: false,
        errors: [
          {
            path: endless,
            message:
              'refers back to a schema it came from without descending into the value: checking any value would never end',
          },
        ],
      };
    }
    try {
      if (!this.ajv.validateSchema(schema))
        return { ok: false, errors: toFieldErrors(collapseAlternatives(this.ajv.errors ?? [])) };
      this.compile(schema);
      return { ok: true };
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: (error as Error).message }] };
    }
  }

  checkVariables(schema: JsonObject | undefined, variables: JsonObject): VariablesCheck {
    if (!schema || Object.keys(schema).length === 0) return { valid: true, errors: [] };
    try {
      const validate = this.compile(schema);
      const valid = validate(variables);
      return { valid, errors: valid ? [] : toFieldErrors(validate.errors ?? [], { inWords: true }) };
    } catch (error) {
      // A stored schema this validator cannot use (saved elsewhere, or before a rule existed), or one whose recursion
      // outruns the stack on this value: no value can be shown to satisfy it.
      const why =
        error instanceof RangeError
          ? 'the schema recurses too deeply for this value'
          : `the schema cannot be used (${(error as Error).message})`;
      return { valid: false, errors: [{ path: '', message: `could not be checked: ${why}` }] };
    }
  }

  /**
   * Whether shallow-merging `patch` into variables that satisfied `schema` leaves them satisfying it, by checking the
   * patched keys alone; `undefined` when the schema's root ties keys together and only `checkVariables` on the merged
   * result can tell. (`false` carries no field errors: ask `checkVariables` for them.) A page's keys are never removed,
   * so with only per-key root keywords, required keys stay present and untouched keys stay valid.
   */
  patchKeepsValid(schema: JsonObject | undefined, patch: JsonObject): boolean | undefined {
    if (!schema || Object.keys(schema).length === 0) return true;
    let validate = this.perKey.get(schema);
    if (validate === undefined) {
      validate = Object.keys(schema).every((keyword) => PER_KEY_ROOT_KEYWORDS.has(keyword))
        ? this.compileWithoutRequired(schema)
        : null;
      this.perKey.set(schema, validate);
    }
    return validate ? validate(patch) : undefined;
  }

  private compileWithoutRequired(schema: JsonObject): ValidateFunction | null {
    const withoutRequired = { ...schema };
    delete withoutRequired.required;
    try {
      return this.compile(withoutRequired);
    } catch {
      return null;
    }
  }

  /** Cached by object (the cheap, common case: the same stored page) and by text (equal schemas across pages). */
  private compile(schema: JsonObject): ValidateFunction {
    const known = this.byObject.get(schema);
    if (known) return known;
    const key = JSON.stringify(schema);
    let validate = this.byText.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      if (this.byText.size > 100) this.byText.clear();
      this.byText.set(key, validate);
    }
    this.byObject.set(schema, validate);
    return validate;
  }
}

/**
 * One line for a value that fits none of the meta-schema's alternatives: a typo such as `"type": "objekt"` fails
 * every branch of an `anyOf` (not one of the type names, not a list of them), and ajv reports each branch and the
 * `anyOf` itself. Those become one error that says what is allowed.
 */
export function collapseAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>();
  const collapsed = new Map<number, ErrorObject>();
  errors.forEach((error, index) => {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return;
    // ajv reports each failed branch just before the alternative itself, at its path or below it.
    const within = (other: ErrorObject) =>
      other.instancePath === error.instancePath || other.instancePath.startsWith(`${error.instancePath}/`);
    const branches: ErrorObject[] = [];
    for (let j = index - 1; j >= 0 && within(errors[j]) && !dropped.has(j); j--) {
      branches.push(errors[j]);
      dropped.add(j);
    }
    const allowed = [
      ...new Set(
        branches.flatMap((branch) => (branch.keyword === 'enum' ? (branch.params.allowedValues as unknown[]) : [])),
      ),
    ];
    const asList =
      branches.some((branch) => branch.keyword === 'type' && branch.params.type === 'array') ||
      branches.some((branch) => branch.instancePath !== error.instancePath);
    const message = allowed.length
      ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}${asList ? ', or a list of them' : ''}`
      : 'fits none of the forms allowed here';
    collapsed.set(index, { ...error, message });
  });
  return errors.flatMap((error, index) => (dropped.has(index) ? [] : [collapsed.get(index) ?? error]));
}

/**
 * ajv errors as `/path: message`, with the missing property named for `required` errors. `inWords`: a value's errors
 * are said as people read them (plain-messages.ts), from the schema the keyword failed in; a schema's own errors (its
 * author is checking JSON Schema) keep ajv's wording.
 */
export function toFieldErrors(errors: ErrorObject[], { inWords = false } = {}): FieldError[] {
  return errors.map((error) => {
    // `required` and `additionalProperties` are reported on the object; point at the property they are about.
    const property =
      error.keyword === 'required'
        ? error.params.missingProperty
        : error.keyword === 'additionalProperties'
          ? error.params.additionalProperty
          : undefined;
    const path =
      property === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(String(property))}`;
    const words = inWords ? plainMessage(error.keyword, error.params, error.parentSchema) : undefined;
    const message =
      words ??
      (error.keyword === 'additionalProperties'
        ? 'is not a property the schema allows'
        : (error.message ?? 'is invalid'));
    return { path, message };
  });
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
