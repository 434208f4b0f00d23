import { describe, expect, test } from 'vitest';
import { applyPropertyEdit, editOf, emptyEdit, removeProperty } from './property-edits.ts';

const schema = {
  type: 'object',
  required: ['greeting'],
  properties: {
    greeting: { type: 'string', title: 'Greeting', maxLength: 300, pattern: '^[A-Z]' },
    rate: { type: 'number', minimum: 0.5, maximum: 2 },
  },
};

describe('applyPropertyEdit', () => {
  test('adds a required enum property last', () => {
    const result = applyPropertyEdit(schema, undefined, {
      ...emptyEdit(),
      name: 'tier',
      title: 'Tier',
      required: true,
      enumText: 'gold, silver\nbronze',
    });
    expect(result).toEqual({
      ok: true,
      schema: {
        ...schema,
        required: ['greeting', 'tier'],
        properties: {
          ...schema.properties,
          tier: { type: 'string', title: 'Tier', enum: ['gold', 'silver', 'bronze'] },
        },
      },
    });
  });

  test('renames in place, keeps keywords it does not manage, and moves the required entry', () => {
    const result = applyPropertyEdit(schema, 'greeting', {
      ...editOf(schema, 'greeting'),
      name: 'welcome',
      max: '200',
    });
    expect(result.ok && Object.keys(result.schema.properties as object)).toEqual(['welcome', 'rate']);
    expect(result.ok && result.schema.required).toEqual(['welcome']);
    expect(result.ok && (result.schema.properties as Record<string, unknown>).welcome).toEqual({
      type: 'string',
      title: 'Greeting',
      maxLength: 200,
      pattern: '^[A-Z]',
    });
  });

  test('a type change drops bounds that no longer apply', () => {
    const result = applyPropertyEdit(schema, 'rate', { ...editOf(schema, 'rate'), type: 'boolean' });
    expect(result.ok && (result.schema.properties as Record<string, unknown>).rate).toEqual({ type: 'boolean' });
  });

  test('numbers stay numbers', () => {
    const result = applyPropertyEdit(schema, undefined, {
      ...emptyEdit(),
      name: 'level',
      type: 'integer',
      enumText: '1, 2, 3',
      min: '1',
      max: '3',
    });
    expect(result.ok && (result.schema.properties as Record<string, unknown>).level).toEqual({
      type: 'integer',
      enum: [1, 2, 3],
      minimum: 1,
      maximum: 3,
    });
  });

  test.each([
    ['no name', { name: ' ' }, 'A property needs a name.'],
    ['a taken name', { name: 'rate' }, 'There is already a property called “rate”.'],
    [
      'a fractional integer bound',
      { name: 'x', type: 'integer' as const, min: '1.5' },
      'The minimum must be a whole number.',
    ],
    [
      'bounds the wrong way round',
      { name: 'x', type: 'number' as const, min: '5', max: '1' },
      'The minimum is above the maximum.',
    ],
    [
      'text in a numeric enum',
      { name: 'x', type: 'number' as const, enumText: '1, two' },
      'Allowed values must be numbers for a numeric property.',
    ],
  ])('refuses %s', (_name, edit, error) => {
    expect(applyPropertyEdit(schema, undefined, { ...emptyEdit(), ...edit })).toEqual({ ok: false, error });
  });
});

describe('removeProperty', () => {
  test('removes it and its required entry', () => {
    expect(removeProperty(schema, 'greeting')).toEqual({
      type: 'object',
      properties: { rate: schema.properties.rate },
    });
  });
});

describe('editOf', () => {
  test('reads bounds by type', () => {
    expect(editOf(schema, 'greeting')).toMatchObject({ type: 'string', required: true, max: '300', min: '' });
    expect(editOf(schema, 'rate')).toMatchObject({ type: 'number', required: false, min: '0.5', max: '2' });
  });
});
