/**
 * Phone numbers as people write them ("020 7946 0100", "+44 (0)20-7946-0100", "0044 20 7946 0100") turned into
 * E.164, and E.164 shown readably with its country. libphonenumber-js knows every country's rules; a regex would not.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export type Normalised = { ok: true; e164: string } | { ok: false; reason: string };

export function normalisePhoneNumber(input: string, defaultCountry: CountryCode = 'GB'): Normalised {
  // A leading 00 is the international prefix in most of the world; "+44 (0)20" writes the trunk 0 in brackets.
  const text = input.trim().replace(/^00/, '+').replace(/\(0\)/, '');
  if (text === '') return { ok: false, reason: 'Enter a phone number.' };
  if (/[a-z]/i.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, '')))
    return { ok: false, reason: 'A phone number has digits only (spaces, dashes and brackets are fine).' };
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (!parsed || !parsed.isPossible()) {
    return {
      ok: false,
      reason: `“${input.trim()}” is not a possible phone number${text.startsWith('+') ? '' : ` in ${countryName(defaultCountry)}; start with + and the country code for other countries`}.`,
    };
  }
  return { ok: true, e164: parsed.number };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
export const countryName = (code: string) => regionNames.of(code) ?? code;

export type DisplayedNumber = { formatted: string; country?: string };

const displayed = new Map<string, DisplayedNumber>();

/** "+44 20 7946 0100" and "United Kingdom"; memoised, since long lists show the same numbers again as they scroll. */
export function displayPhoneNumber(e164: string): DisplayedNumber {
  let result = displayed.get(e164);
  if (!result) {
    const parsed = parsePhoneNumberFromString(e164);
    result = parsed
      ? { formatted: parsed.formatInternational(), country: parsed.country && countryName(parsed.country) }
      : { formatted: e164 };
    displayed.set(e164, result);
  }
  return result;
}

/**
 * What a search for a phone number looks for in E.164 text: "+44 20 7946 0100", "020 7946 0100" and "00 44 20…" all
 * become digits that E.164 contains; undefined when the query is not a number.
 */
export function numberSearchDigits(query: string): string | undefined {
  const digits = query
    .replace(/[\s().-]/g, '')
    .replace(/^00/, '+')
    .replace(/^0/, '');
  return /^\+?\d{2,}$/.test(digits) ? digits : undefined;
}
