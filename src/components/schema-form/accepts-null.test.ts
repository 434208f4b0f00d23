import { expect, test } from 'vitest';
import { acceptsNull } from './accepts-null.ts';

const schema = {
  type: 'object',
  definitions: { maybe: { type: ['string', 'null'] } },
  properties: {
    text: { type: 'string' },
    note: { type: ['string', 'null'] },
    mode: { enum: ['a', null] },
    fixed: { const: 'x' },
    ref: { $ref: '#/definitions/maybe' },
    either: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
    anything: {},
  },
};

test.each([
  ['text', false],
  ['note', true],
  ['mode', true],
  ['fixed', false],
  ['ref', true],
  ['either', true],
  ['anything', true],
])('%s accepts null: %s', (key, expected) => {
  expect(acceptsNull(schema, key)).toBe(expected);
});
