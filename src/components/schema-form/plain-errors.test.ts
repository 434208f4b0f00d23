import { describe, expect, test } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { formValidator } from './schema-form.tsx';
import { plainErrors } from './plain-errors.ts';

const schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', title: 'Name', minLength: 1, maxLength: 5 },
    promo: { type: 'string', pattern: '^[A-Z0-9]{4,12}$', description: '4–12 capital letters or digits.' },
    code: { type: 'string', pattern: '^x+$' },
    rate: { type: 'number', minimum: 0.5, maximum: 2 },
    lang: { enum: ['en-GB', 'en-US', 'fr-FR'] },
    mail: { type: 'string', format: 'email' },
    count: { type: 'integer' },
    tags: { type: 'array', uniqueItems: true, maxItems: 1 },
  },
};
const messages = (data: Record<string, unknown>) =>
  formValidator
    .validateFormData(data, schema as RJSFSchema, undefined, plainErrors(schema))
    .errors.map((e) => [e.property, e.message]);

describe('errors in words', () => {
  test.each([
    [{ name: 'toolongname' }, ['.name', 'At most 5 characters.']],
    [{ name: '' }, ['.name', 'Must not be empty.']],
    [{ name: 'a', promo: 'no!' }, ['.promo', 'Expected: 4–12 capital letters or digits.']],
    [{ name: 'a', code: 'y' }, ['.code', 'Not in the expected form (^x+$).']],
    [{ name: 'a', rate: 3 }, ['.rate', 'Must be at most 2.']],
    [{ name: 'a', lang: 'de' }, ['.lang', 'Must be one of “en-GB”, “en-US” or “fr-FR”.']],
    [{ name: 'a', mail: 'nope' }, ['.mail', 'Must be an email address.']],
    [{ name: 'a', count: 1.5 }, ['.count', 'Must be a whole number.']],
    [{}, ['name', 'Required.']],
  ])('%j', (data, expected) => {
    expect(messages(data)).toContainEqual(expected);
  });

  test('the list entry names the field by its title', () => {
    const [error] = formValidator.validateFormData(
      { name: 'toolongname' },
      schema as RJSFSchema,
      undefined,
      plainErrors(schema),
    ).errors;
    expect(error.stack).toBe('Name: At most 5 characters.');
  });
});
