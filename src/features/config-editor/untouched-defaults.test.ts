import { expect, test } from 'vitest';
import { withoutUntouchedDefaults } from './untouched-defaults.ts';

const schema = {
  type: 'object',
  required: ['timezone'],
  properties: {
    timezone: { type: 'string', default: 'Europe/London' },
    close: { type: 'string' },
    holidays: { type: 'boolean', default: false },
    extra: { type: 'object', properties: { note: { type: 'string', default: 'none' } } },
  },
};

test('a default the form filled in and nobody touched is not sent; a required one is', () => {
  const stored = { close: '22:00' };
  const shown = { timezone: 'Europe/London', close: '22:00', holidays: false };
  expect(withoutUntouchedDefaults(schema, stored, shown, { ...shown, close: '21:00' })).toEqual({
    timezone: 'Europe/London',
    close: '21:00',
  });
});

test('a default the user changed, or one already stored, is sent', () => {
  const shown = { close: '22:00', holidays: false };
  expect(withoutUntouchedDefaults(schema, { close: '22:00' }, shown, { close: '21:00', holidays: true })).toEqual({
    close: '21:00',
    holidays: true,
  });
  expect(
    withoutUntouchedDefaults(schema, { holidays: false }, { holidays: false }, { holidays: false, close: '1' }),
  ).toEqual({ holidays: false, close: '1' });
});

test('nested objects are walked with their own schema', () => {
  const shown = { extra: { note: 'none' } };
  expect(withoutUntouchedDefaults(schema, { extra: {} }, shown, { extra: { note: 'none' }, close: 'x' })).toEqual({
    extra: {},
    close: 'x',
  });
});
