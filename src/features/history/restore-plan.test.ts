import { describe, expect, test } from 'vitest';
import type { ConfigPage } from '../../../contract/agents-api.ts';
import { allowsNull, planRestore } from './restore-plan.ts';

const current: ConfigPage = {
  clientEnv: 'live',
  lastUpdated: '2026-11-30T10:00:00.000Z',
  schema: { type: 'object', properties: { promo: { type: ['string', 'null'] }, rate: { type: 'number' } } },
  variables: { promo: 'NOW', rate: 1.2, added_later: true, same: 1 },
};

describe('planning a restore', () => {
  test('changed keys go back, equal ones are left, keys that did not exist stay (null offered where allowed)', () => {
    const plan = planRestore(
      { promo: 'THEN', rate: undefined, same: 1, added_later: undefined, never: undefined },
      current,
    );
    expect(plan.patch).toEqual({ promo: 'THEN' });
    expect(plan.before).toEqual({ promo: 'NOW' });
    expect(plan.skipped).toEqual([
      { pointer: '/rate', reason: expect.stringContaining('cannot remove'), nullAllowed: false },
      { pointer: '/added_later', reason: expect.stringContaining('cannot remove'), nullAllowed: true },
    ]);
    expect(plan.unchanged).toEqual(['same', 'never']);
  });

  test('null is allowed by a null type, a null choice, no type at all, or an open schema', () => {
    expect(allowsNull(current.schema, 'promo')).toBe(true);
    expect(allowsNull(current.schema, 'rate')).toBe(false);
    expect(allowsNull({ properties: { e: { enum: ['a', null] } } }, 'e')).toBe(true);
    expect(allowsNull({ properties: { free: {} } }, 'free')).toBe(true);
    expect(allowsNull({ properties: {}, additionalProperties: false }, 'x')).toBe(false);
  });
});
