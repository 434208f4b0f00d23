/** The property builder's edits, applied to the JSON draft: people who do not write JSON Schema get the same result. */
import type { JsonObject } from '../../../contract/agents-api.ts';

export const PROPERTY_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export type PropertyType = (typeof PROPERTY_TYPES)[number];

export type PropertyEdit = {
  name: string;
  type: PropertyType;
  title: string;
  description: string;
  required: boolean;
  /** One allowed value per line (or comma-separated); empty means any value. */
  enumText: string;
  /** Numbers for numbers and integers, lengths for strings; empty means no bound. */
  min: string;
  max: string;
};

type Result = { ok: true; schema: JsonObject } | { ok: false; error: string };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const BOUND_KEYWORDS = ['minimum', 'maximum', 'minLength', 'maxLength'];

/** What the builder shows for an existing property (keywords it does not manage are kept untouched on save). */
export function editOf(schema: JsonObject, name: string): PropertyEdit {
  const property = isObject(schema.properties) && isObject(schema.properties[name]) ? schema.properties[name] : {};
  const type = PROPERTY_TYPES.find((t) => t === property.type) ?? 'string';
  const isString = type === 'string';
  const bound = (keyword: string) => (typeof property[keyword] === 'number' ? String(property[keyword]) : '');
  return {
    name,
    type,
    title: typeof property.title === 'string' ? property.title : '',
    description: typeof property.description === 'string' ? property.description : '',
    required: Array.isArray(schema.required) && schema.required.includes(name),
    enumText: Array.isArray(property.enum) ? property.enum.map(String).join('\n') : '',
    min: bound(isString ? 'minLength' : 'minimum'),
    max: bound(isString ? 'maxLength' : 'maximum'),
  };
}

export const emptyEdit = (): PropertyEdit => ({
  name: '',
  type: 'string',
  title: '',
  description: '',
  required: false,
  enumText: '',
  min: '',
  max: '',
});

/** Adds (`original` undefined) or changes a top-level property, renaming in place so the form keeps its order. */
export function applyPropertyEdit(schema: JsonObject, original: string | undefined, edit: PropertyEdit): Result {
  const name = edit.name.trim();
  const properties = isObject(schema.properties) ? schema.properties : {};
  if (!name) return { ok: false, error: 'A property needs a name.' };
  if (name !== original && name in properties)
    return { ok: false, error: `There is already a property called “${name}”.` };

  const numeric = edit.type === 'number' || edit.type === 'integer';
  const toNumber = (text: string, what: string): number | undefined | Error => {
    if (text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || (edit.type === 'integer' || edit.type === 'string' ? !Number.isInteger(n) : false))
      return new Error(`${what} must be ${edit.type === 'number' ? 'a number' : 'a whole number'}.`);
    return n;
  };
  const min = toNumber(edit.min, 'The minimum');
  const max = toNumber(edit.max, 'The maximum');
  for (const bound of [min, max]) if (bound instanceof Error) return { ok: false, error: bound.message };
  const values = edit.enumText
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter(Boolean);
  const enumValues = numeric ? values.map(Number) : values;
  if (numeric && enumValues.some((v) => !Number.isFinite(v as number)))
    return { ok: false, error: 'Allowed values must be numbers for a numeric property.' };

  const previous = original !== undefined && isObject(properties[original]) ? properties[original] : {};
  const property: JsonObject = { ...previous, type: edit.type };
  for (const keyword of ['title', 'description', 'enum', ...BOUND_KEYWORDS]) delete property[keyword];
  if (edit.title.trim()) property.title = edit.title.trim();
  if (edit.description.trim()) property.description = edit.description.trim();
  if (values.length > 0 && (numeric || edit.type === 'string')) property.enum = enumValues;
  if (edit.type === 'string' || numeric) {
    const [low, high] = edit.type === 'string' ? ['minLength', 'maxLength'] : ['minimum', 'maximum'];
    if (typeof min === 'number') property[low] = min;
    if (typeof max === 'number') property[high] = max;
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    return { ok: false, error: 'The minimum is above the maximum.' };

  // Rebuild the properties in order, the edited one in its old place (or last when new).
  const entries = Object.entries(properties).map(([key, value]): [string, unknown] =>
    key === original ? [name, property] : [key, value],
  );
  if (original === undefined) entries.push([name, property]);
  const required = (Array.isArray(schema.required) ? schema.required : []).filter(
    (key) => key !== original && key !== name,
  );
  if (edit.required) required.push(name);
  const next: JsonObject = { ...schema, properties: Object.fromEntries(entries) };
  if (required.length > 0) next.required = required;
  else delete next.required;
  return { ok: true, schema: next };
}

export function removeProperty(schema: JsonObject, name: string): JsonObject {
  const properties = isObject(schema.properties) ? { ...schema.properties } : {};
  delete properties[name];
  const next: JsonObject = { ...schema, properties };
  const required = (Array.isArray(schema.required) ? schema.required : []).filter((key) => key !== name);
  if (required.length > 0) next.required = required;
  else delete next.required;
  return next;
}
