import { describe, expect, test } from 'vitest';
import { planPromotion, planUndo } from './promotion-plan.ts';

const sandbox = { promo: 'WINTER25', hours: { open: '08:00', close: '23:00' }, rate: 1.1, only_sandbox: true };
const live = { promo: 'AUTUMN24', hours: { open: '07:00', close: '22:00' }, rate: 1.1, only_live: 'x' };

describe('planPromotion', () => {
  test.each([
    ['one top-level key', ['/promo'], { promo: 'WINTER25' }, { promo: 'AUTUMN24' }, []],
    ['a key the target lacks', ['/only_sandbox'], { only_sandbox: true }, { only_sandbox: undefined }, []],
    [
      'a nested path sends the target object with only that path changed',
      ['/hours/close'],
      { hours: { open: '07:00', close: '23:00' } },
      { hours: { open: '07:00', close: '22:00' } },
      [],
    ],
    [
      'two nested paths of one key combine',
      ['/hours/close', '/hours/open'],
      { hours: { open: '08:00', close: '23:00' } },
      { hours: { open: '07:00', close: '22:00' } },
      [],
    ],
    [
      'a parent covers its selected children',
      ['/hours/close', '/hours'],
      { hours: sandbox.hours },
      { hours: live.hours },
      [],
    ],
    [
      'a key the source lacks cannot be removed from the target',
      ['/only_live'],
      {},
      {},
      [{ pointer: '/only_live', reason: 'not set in Sandbox, and a PATCH cannot remove a key' }],
    ],
    ['an equal key is not sent', ['/rate'], {}, {}, [{ pointer: '/rate', reason: 'already the same in the target' }]],
  ])('%s', (_name, pointers, patch, before, skipped) => {
    const plan = planPromotion(pointers, sandbox, live, 'Sandbox');
    expect(plan.patch).toEqual(patch);
    expect(plan.before).toEqual(before);
    expect(plan.skipped).toEqual(skipped);
  });

  test('a nested path absent in the source is removed from the target object', () => {
    const plan = planPromotion(
      ['/hours/lunch'],
      { hours: {} },
      { hours: { lunch: '12:00', open: '07:00' } },
      'Sandbox',
    );
    expect(plan.patch).toEqual({ hours: { open: '07:00' } });
  });
});

describe('planUndo', () => {
  test('restores previous values and names keys that were added', () => {
    expect(planUndo({ promo: 'AUTUMN24', only_sandbox: undefined })).toEqual({
      patch: { promo: 'AUTUMN24' },
      kept: ['only_sandbox'],
    });
  });
});
