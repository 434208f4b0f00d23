import { afterEach, describe, expect, test } from 'vitest';
import { isSecretKey, readDraft, removeDraft, writeDraft } from './drafts.ts';

afterEach(() => localStorage.clear());

describe('drafts', () => {
  test('round-trip the changed keys and the version they were made on, per agent and environment', () => {
    writeDraft('A', 'live', { greeting: 'Hi', hours: { open: '08:00' } }, '2026-01-01T00:00:00.000Z', undefined);
    expect(readDraft('A', 'live')).toMatchObject({
      baseLastUpdated: '2026-01-01T00:00:00.000Z',
      changes: { greeting: 'Hi', hours: { open: '08:00' } },
    });
    expect(readDraft('A', 'sandbox')).toBeUndefined();
    removeDraft('A', 'live');
    expect(readDraft('A', 'live')).toBeUndefined();
  });

  test('never store secrets: by name, by writeOnly, by password format', () => {
    const schema = {
      properties: {
        pin: { type: 'string', format: 'password' },
        hook: { type: 'string', writeOnly: true },
        note: { type: 'string' },
      },
    };
    writeDraft(
      'A',
      'live',
      { api_key: 'k', clientSecret: 's', pin: '1234', hook: 'h', note: 'kept' },
      undefined,
      schema,
    );
    expect(readDraft('A', 'live')?.changes).toEqual({ note: 'kept' });
    expect(isSecretKey('webhook_token', undefined)).toBe(true);
    expect(JSON.stringify(localStorage)).not.toMatch(/1234|"k"|"s"/);
  });

  test('a draft with only secrets, or no changes, leaves nothing behind; garbage in storage reads as no draft', () => {
    writeDraft('A', 'live', { password: 'x' }, undefined, undefined);
    expect(localStorage.length).toBe(0);
    localStorage.setItem('switchboard.draft:A:live', '{not json');
    expect(readDraft('A', 'live')).toBeUndefined();
  });
});
