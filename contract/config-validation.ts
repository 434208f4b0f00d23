/**
 * The one definition of "these variables satisfy this config page's schema", shared by the emulator (which refuses
 * invalid writes) and the console (which shows validity before anything is sent), so both always agree.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { FieldError, JsonObject } from './agents-api.ts';
import { linearRegExp } from './linear-regexp.ts';

// ajv-formats ships CJS typings whose default export is not seen as callable under NodeNext.
const addFormats = addFormatsPlugin as unknown as (ajv: Ajv) => Ajv;

export function createConfigAjv(): Ajv {
  // Draft 7, all errors (users fix several fields at once), formats checked; no coercion or defaults: the
  // validator must never change the values it is asked about. Patterns run in linear time (see linear-regexp.ts).
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: true,
    useDefaults: false,
    coerceTypes: false,
    code: { regExp: linearRegExp },
  });
  return addFormats(ajv);
}

export type SchemaCheck = { ok: true } | { ok: false; errors: FieldError[] };
export type VariablesCheck = { valid: boolean; errors: FieldError[] };

/** Compiles schemas once per distinct schema text: pages are validated far more often than schemas change. */
export class ConfigValidator {
  private readonly ajv = createConfigAjv();
  private readonly byText = new Map<string, ValidateFunction>();
  private readonly byObject = new WeakMap<object, ValidateFunction>();

  checkSchema(schema: JsonObject): SchemaCheck {
    if (!this.ajv.validateSchema(schema)) return { ok: false, errors: toFieldErrors(this.ajv.errors ?? []) };
    try {
      this.compile(schema);
      return { ok: true };
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: (error as Error).message }] };
    }
  }

  checkVariables(schema: JsonObject | undefined, variables: JsonObject): VariablesCheck {
    if (!schema || Object.keys(schema).length === 0) return { valid: true, errors: [] };
    const validate = this.compile(schema);
    const valid = validate(variables);
    return { valid, errors: valid ? [] : toFieldErrors(validate.errors ?? []) };
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

/** ajv errors as `/path: message`, with the missing property named for `required` errors. */
export function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    // `required` and `additionalProperties` are reported on the object; point at the property they are about.
    const property =
      error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
    const path = property === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(String(property))}`;
    const message = error.keyword === 'additionalProperties' ? 'is not a property the schema allows' : (error.message ?? 'is invalid');
    return { path, message };
  });
}

const escapePointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
