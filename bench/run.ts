/**
 * `npm run bench [-- scenario…]`: every benchmark, one table (also saved as JSON in .bench/). Scenarios: bundle, api,
 * first-load, navigation, editor, compare, connectors, lighthouse, hostile, history, team. Expects a fresh build (the npm script builds the console and the anchor first).
 */
import { OVERVIEW_TARGET_KB } from '../scripts/check-bundle-target.ts';
import { routeFigures } from '../scripts/bundle-figures.ts';
import { apiRows } from './api.ts';
import { browserRows } from './browser.ts';
import { historyRows } from './history.ts';
import { hostileRows } from './hostile.ts';
import { teamRows } from './team.ts';
import { printAndSave, type Row } from './report.ts';

const ALL = [
  'bundle',
  'api',
  'hostile',
  'history',
  'team',
  'first-load',
  'navigation',
  'editor',
  'compare',
  'connectors',
  'lighthouse',
];
const asked = process.argv.slice(2).filter((arg) => ALL.includes(arg));
const scenarios = new Set(asked.length > 0 ? asked : ALL);
const rows: Row[] = [];

if (scenarios.has('bundle')) {
  for (const route of ['agent-overview-page', 'config-editor-page']) {
    const figures = routeFigures(route);
    rows.push({
      scenario: `first load JS: ${route.replace('-page', '')}`,
      figure: `gzip (brotli ${figures.brotliKb.toFixed(1)} kB)`,
      unit: 'kB',
      median: figures.gzipKb,
      target: route === 'agent-overview-page' ? { on: 'median', op: '<=', value: OVERVIEW_TARGET_KB } : undefined,
    });
  }
}
if (scenarios.has('api')) rows.push(...(await apiRows()));
if (scenarios.has('hostile')) rows.push(...(await hostileRows()));
if (scenarios.has('history')) rows.push(...(await historyRows()));
if (scenarios.has('team')) rows.push(...(await teamRows()));
if (['first-load', 'navigation', 'editor', 'compare', 'connectors', 'lighthouse'].some((s) => scenarios.has(s)))
  rows.push(...(await browserRows(scenarios)));

printAndSave('bench', rows);
