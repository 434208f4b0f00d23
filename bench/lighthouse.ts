/**
 * Lighthouse (12.2.3, desktop config) performance and accessibility scores for the overview and an editor page, run
 * in the system Chromium. Target: 95 or more each (issue 9).
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { summarize, type Row } from './report.ts';

/** Runs per page: the score is the median, since one Lighthouse run varies by a few points. */
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

const PAGES: [string, string][] = [
  ['overview', '/agents/PROJECT-HARBOURVIEW'],
  ['editor', '/agents/PROJECT-HARBOURVIEW/configs/sandbox'],
];

export async function lighthouseRows(serverUrl: string): Promise<Row[]> {
  const chrome = await launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const rows: Row[] = [];
  try {
    for (const [name, path] of PAGES) {
      const scores = { performance: [] as number[], accessibility: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        const result = await lighthouse(
          serverUrl + path,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] },
          desktopConfig,
        );
        for (const category of ['performance', 'accessibility'] as const) {
          scores[category].push(Math.round((result?.lhr.categories[category]?.score ?? 0) * 100));
        }
      }
      for (const category of ['performance', 'accessibility'] as const) {
        const { median } = summarize(scores[category]);
        rows.push({
          scenario: `lighthouse (desktop): ${name}`,
          figure: `${category} (median of ${RUNS} runs)`,
          unit: 'score',
          median,
          target: { on: 'median', op: '>=', value: 95 },
        });
      }
    }
  } finally {
    await chrome.kill();
  }
  return rows;
}
