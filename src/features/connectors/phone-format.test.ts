import { describe, expect, test } from 'vitest';
import { displayPhoneNumber, normalisePhoneNumber, numberSearchDigits } from './phone-format.ts';

describe('normalisePhoneNumber', () => {
  test.each([
    ['E.164 already', '+442079460100', '+442079460100'],
    ['spaces', '+44 20 7946 0100', '+442079460100'],
    ['dashes and brackets', '+44 (20) 7946-0100', '+442079460100'],
    ['the trunk zero in brackets', '+44 (0)20 7946 0100', '+442079460100'],
    ['leading 00', '0044 20 7946 0100', '+442079460100'],
    ['national notation in the default country', '020 7946 0100', '+442079460100'],
    ['a US number with dots', '+1 888.555.0142', '+18885550142'],
    ['surrounding whitespace', '  +33 1 70 12 34 56 ', '+33170123456'],
  ])('%s', (_name, input, e164) => {
    expect(normalisePhoneNumber(input)).toEqual({ ok: true, e164 });
  });

  test.each([
    ['empty', '   ', 'Enter a phone number.'],
    ['letters', '+44 20 CALL NOW', 'digits only'],
    ['too short', '+44 20', 'not a possible phone number'],
    ['national notation says where to start', '123', 'start with + and the country code'],
  ])('refuses %s', (_name, input, reason) => {
    const result = normalisePhoneNumber(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('displayPhoneNumber', () => {
  test('formats internationally and names the country', () => {
    expect(displayPhoneNumber('+442079460100')).toEqual({ formatted: '+44 20 7946 0100', country: 'United Kingdom' });
    expect(displayPhoneNumber('+34910123456').country).toBe('Spain');
  });
});

describe('numberSearchDigits', () => {
  test.each([
    ['+44 20 7946 0100', '+442079460100'],
    ['020 7946 0100', '2079460100'],
    ['0044 20 7946', '+44207946'],
    ['(020) 7946-0100', '2079460100'],
    ['UK main line', undefined],
    ['7', undefined],
  ])('%s', (query, digits) => {
    expect(numberSearchDigits(query)).toBe(digits);
  });
});
