import { describe, expect, test } from 'vitest';
import type { Connector } from '../../../contract/agents-api.ts';
import { connectorPatch, describePatch, patchProblems } from './connector-changes.ts';

const connector: Connector = {
  connectorId: 'c1',
  name: 'UK main line',
  accountId: 'a',
  projectId: 'p',
  clientEnv: 'live',
  variantId: 'var_default',
  asrLangCode: 'en-GB',
  ttsLangCode: 'en-GB',
  voiceName: 'en-GB-Neural2-A',
  disableHandoff: false,
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

describe('patchProblems', () => {
  test.each([
    ['a good voice in the same language', { voiceName: 'en-GB-Neural2-C' }, { refused: [], warnings: [] }],
    [
      'a name that is not a voice is refused before sending',
      { voiceName: 'Ava' },
      { refused: ['“Ava” is not a voice name (like en-GB-Neural2-A)'], warnings: [] },
    ],
    [
      'a language that is not a code',
      { asrLangCode: 'English' },
      { refused: ['“English” is not a language code (like en-GB)'], warnings: [] },
    ],
    [
      'a voice in another language warns of the mismatch it creates',
      { voiceName: 'en-US-Neural2-F' },
      { refused: [], warnings: ['callers would be understood in en-GB and answered in en-US (ASR ≠ voice language)'] },
    ],
    [
      'both moved together: no mismatch',
      { voiceName: 'fr-FR-Neural2-A', asrLangCode: 'fr-FR' },
      { refused: [], warnings: [] },
    ],
  ])('%s', (_name, body, problems) => {
    expect(patchProblems(connector, body)).toEqual(problems);
  });
});
