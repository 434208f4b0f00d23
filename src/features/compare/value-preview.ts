/** A value as one short line of text for a table cell (the comparison dialog shows it whole). */
const MAX = 300;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Scalars and arrays as JSON; an object as its keys and values (`timezone: "Europe/London" · weekday_open: "07:00"`),
 * which reads far better in two lines than its JSON does; an empty object as `{}`.
 */
export function valuePreview(value: unknown): string {
  const text =
    isPlainObject(value) && Object.keys(value).length > 0
      ? Object.entries(value)
          .map(([key, inner]) => `${key}: ${JSON.stringify(inner)}`)
          .join(' · ')
      : JSON.stringify(value);
  return text.length > MAX ? `${text.slice(0, MAX)}…` : text;
}
