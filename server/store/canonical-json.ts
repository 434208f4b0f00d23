/**
 * JSON text with object keys sorted: two values are the same value exactly when their canonical texts are equal,
 * whichever order a server wrote their keys in. What the history stores and compares.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
