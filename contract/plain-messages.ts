/**
 * Validation errors in words, from the schema where it says more than the validator (a pattern's description, an
 * enum's values): "Expected: 4–12 capital letters or digits." instead of `must match pattern "^[A-Z0-9]{4,12}$"`.
 * One wording for the form, the console's checks and the API's field errors. Plain functions: the browser imports this.
 */
import { plural } from './plural.ts';

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  null: 'empty (null)',
};

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  uri: 'a full web address (https://…)',
  'uri-reference': 'a web address',
  url: 'a full web address (https://…)',
  'date-time': 'a date and time (2026-11-30T09:00:00Z)',
  date: 'a date (2026-11-30)',
  time: 'a time (09:00:00)',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uuid: 'a UUID',
  hostname: 'a host name',
  color: 'a colour (#rrggbb)',
};

const show = (value: unknown) => (typeof value === 'string' ? `“${value}”` : JSON.stringify(value));
const words = (list: unknown[]) =>
  list.length <= 1
    ? list.map(show).join('')
    : `${list.slice(0, -1).map(show).join(', ')} or ${show(list[list.length - 1])}`;

/** One error in words; undefined where the validator's own message is as good as it gets. */
export function plainMessage(
  keyword: string | undefined,
  params: Record<string, unknown> = {},
  schema?: Record<string, unknown>,
): string | undefined {
  switch (keyword) {
    case 'pattern': {
      const description = typeof schema?.description === 'string' ? schema.description.trim() : '';
      return description
        ? `Expected: ${description.replace(/[.\s]*$/, '')}.`
        : `Not in the expected form (${String(params.pattern)}).`;
    }
    case 'maximum':
      return `Must be at most ${String(params.limit)}.`;
    case 'minimum':
      return `Must be at least ${String(params.limit)}.`;
    case 'exclusiveMaximum':
      return `Must be less than ${String(params.limit)}.`;
    case 'exclusiveMinimum':
      return `Must be more than ${String(params.limit)}.`;
    case 'maxLength':
      return `At most ${plural(Number(params.limit), 'character', 'characters')}.`;
    case 'minLength':
      return Number(params.limit) === 1
        ? 'Must not be empty.'
        : `At least ${plural(Number(params.limit), 'character', 'characters')}.`;
    case 'maxItems':
      return `At most ${plural(Number(params.limit), 'item', 'items')}.`;
    case 'minItems':
      return `At least ${plural(Number(params.limit), 'item', 'items')}.`;
    case 'uniqueItems':
      return 'Each item must be different: two are the same.';
    case 'multipleOf':
      return `Must be a multiple of ${String(params.multipleOf)}.`;
    case 'enum':
      return Array.isArray(params.allowedValues) ? `Must be one of ${words(params.allowedValues)}.` : undefined;
    case 'const':
      return `Must be ${show(params.allowedValue)}.`;
    case 'type': {
      const types = String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type);
      return `Must be ${types.join(' or ')}.`;
    }
    case 'format':
      return `Must be ${FORMAT_WORDS[String(params.format)] ?? `in the ${String(params.format)} format`}.`;
    case 'required':
      return 'Required.';
    case 'additionalProperties':
      return `“${String(params.additionalProperty)}” is not a field this schema allows.`;
    default:
      return undefined;
  }
}
