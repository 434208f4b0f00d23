import { describe, expect, test } from 'vitest';
import type { Connector, PhoneNumber } from '../../../contract/agents-api.ts';
import { indexTelephony, languageMismatch, numberIssues } from './health.ts';

const connector = (over: Partial<Connector> = {}): Connector => ({
  connectorId: 'c1',
  name: 'Line',
  accountId: 'a',
  projectId: 'p',
  clientEnv: 'live',
  variantId: '',
  asrLangCode: 'en-GB',
  ttsLangCode: 'en-GB',
  voiceName: 'en-GB-Neural2-A',
  disableHandoff: false,
  ...over,
});
const number = (over: Partial<PhoneNumber> = {}): PhoneNumber => ({
  number: '+442079460100',
  projectId: 'p',
  accountId: 'a',
  clientEnv: 'live',
  connectorId: 'c1',
  ...over,
});

describe('languageMismatch', () => {
  test.each([
    ['same locale', 'en-GB', 'en-GB', false],
    ['case is not a difference', 'en-gb', 'en-GB', false],
    ['another language', 'en-GB', 'fr-FR', true],
    ['same language, another accent', 'en-GB', 'en-US', true],
    ['no voice language known', 'en-GB', '', false],
  ])('%s', (_name, asr, tts, expected) => {
    expect(languageMismatch(connector({ asrLangCode: asr, ttsLangCode: tts }))).toBe(expected);
  });
});

describe('numberIssues', () => {
  test.each([
    ['healthy', number(), connector(), []],
    ['no connector id', number({ connectorId: undefined }), undefined, ['no-connector']],
    ['a connector that no longer exists', number({ connectorId: 'gone' }), undefined, ['no-connector']],
    ['environment differs', number({ clientEnv: 'sandbox' }), connector(), ['env-mismatch']],
  ])('%s', (_name, n, c, expected) => {
    expect(numberIssues(n, c)).toEqual(expected);
  });
});

describe('indexTelephony', () => {
  test('counts numbers per connector and names each connector issue', () => {
    const index = indexTelephony(
      [
        connector(),
        connector({ connectorId: 'c2', asrLangCode: 'en-GB', ttsLangCode: 'fr-FR' }),
        connector({ connectorId: 'c3' }),
      ],
      [
        number(),
        number({ number: '+442079460101', clientEnv: 'sandbox' }),
        number({ number: '+33170123456', connectorId: 'c2' }),
        number({ number: '+18885550142', connectorId: undefined }),
      ],
    );
    expect(index.numbersOf.get('c1')?.length).toBe(2);
    expect(index.connectorIssues.get('c1')).toEqual(['number-env-mismatch']);
    expect(index.connectorIssues.get('c2')).toEqual(['language-mismatch']);
    expect(index.connectorIssues.get('c3')).toEqual(['no-numbers']);
    expect(index.numberIssues.get('+18885550142')).toEqual(['no-connector']);
    expect(index.numberIssues.get('+442079460101')).toEqual(['env-mismatch']);
  });
});
