/**
 * A performance mark when a view becomes usable, read by the benchmarks (`performance.getEntriesByName`). Marks are
 * cheap and invisible; each call records one, so a view that becomes usable again (another environment) adds one.
 */
export function markUsable(view: 'overview' | 'editor' | 'compare' | 'connectors' | 'phone-numbers' | 'history') {
  performance.mark(`switchboard:${view}-usable`);
}
