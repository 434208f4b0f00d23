import { describe, expect, test } from 'vitest';
import type { Connector } from '../../../contract/agents-api.ts';
import { connectorPatch, describePatch } from './connector-changes.ts';

const connector: Connector = {
  connectorId: 'c1', name: 'UK main line', accountId: 'a', projectId: 'p', clientEnv: 'live', variantId: 'var_default',
  asrLangCode: 'en-GB', ttsLangCode: 'en-GB', voiceName: 'en-GB-Neural2-A', disableHandoff: false,
};

describe('connectorPatch', () => {
  test.each([
    ['nothing changed', { variantId: 'var_default', asrLangCode: 'en-GB', voiceName: 'en-GB-Neural2-A' }, {}],
    ['untouched fields are not sent', {}, {}],
    ['a new voice only', { voiceName: 'en-US-Neural2-F' }, { voiceName: 'en-US-Neural2-F' }],
    ['an emptied variant unassigns', { variantId: '  ' }, { variantId: null }],
    ['whitespace is trimmed', { asrLangCode: ' fr-FR ' }, { asrLangCode: 'fr-FR' }],
  ])('%s', (_name, edit, body) => {
    expect(connectorPatch(connector, edit)).toEqual(body);
  });
});

describe('describePatch', () => {
  test('the TTS language follows a new voice', () => {
    expect(describePatch(connector, { voiceName: 'fr-FR-Neural2-A', variantId: null })).toEqual([
      { field: 'Variant', before: 'var_default', after: 'unassigned' },
      { field: 'Voice', before: 'en-GB-Neural2-A', after: 'fr-FR-Neural2-A' },
      { field: 'TTS language (follows the voice)', before: 'en-GB', after: 'fr-FR' },
    ]);
  });
});
