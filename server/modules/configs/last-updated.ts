/**
 * The next `lastUpdated` for a page: now, but always strictly after the previous value, so two writes in the same
 * millisecond (or a clock step backwards) still give clients a version that changed.
 */
export function nextLastUpdated(previous: string | undefined, now: number = Date.now()): string {
  const previousMs = previous ? Date.parse(previous) : Number.NaN;
  const next = Number.isNaN(previousMs) ? now : Math.max(now, previousMs + 1);
  return new Date(next).toISOString();
}
