/**
 * Equality of JSON values as the API sees them: key order is ignored, and a property whose value is `undefined`
 * counts as absent (it would vanish from the request body anyway).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const left = definedEntries(a as Record<string, unknown>);
  const right = b as Record<string, unknown>;
  return left.length === definedEntries(right).length && left.every(([key, value]) => jsonEqual(value, right[key]));
}

const definedEntries = (object: Record<string, unknown>) => Object.entries(object).filter(([, v]) => v !== undefined);
