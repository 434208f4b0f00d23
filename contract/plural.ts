/** English plural agreement, by the language's own rules (Intl.PluralRules), in one place. */
const rules = new Intl.PluralRules('en');

/** The word that agrees with `count`: agree(1, 'is', 'are') → "is". */
export const agree = (count: number, one: string, other: string) => (rules.select(count) === 'one' ? one : other);

/** `count` and the word that agrees with it: plural(1, 'key', 'keys') → "1 key"; plural(0, 'key', 'keys') → "0 keys". */
export const plural = (count: number, one: string, other: string) => `${count} ${agree(count, one, other)}`;
