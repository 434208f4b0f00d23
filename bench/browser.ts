/**
 * Browser scenarios, in headless Chromium with the e2e setup: figures come from the page itself (performance marks
 * set by the console when a view is usable; Event Timing for keystrokes, keydown → next paint).
 */
import type { Page } from '@playwright/test';
import { eventLatencies, inFreshPage, launch, recordEvents, usableAt } from './page-helpers.ts';
import { compareRows } from './compare.ts';
import { connectorRows } from './connectors.ts';
import { SCALE_AGENT_ID } from '../server/seed/scale-seed.ts';
import { startSwitchboard } from './processes.ts';
import { summarize, type Row } from './report.ts';
import { lighthouseRows } from './lighthouse.ts';
import { serveStatic } from './static-server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEYSTROKES = 20;
const DEMO = 'PROJECT-HARBOURVIEW';
/** A text field near the end of the generated 2,000-property schema (index 1998 is a plain string). */
const LATE_FIELD = '#root_setting_1998';
const LAST_FIELD = 'root_setting_1999';

/**
 * Milliseconds from navigation start until the plain form's last field is in the document: React renders plain rjsf
 * in one commit, so that is when it becomes interactive.
 */
async function lastFieldAt(page: Page): Promise<number> {
  // In-page code is passed as source: it runs in the browser, not under this file's Node types.
  const handle = await page.waitForFunction(
    `document.getElementById(${JSON.stringify(LAST_FIELD)}) ? performance.now() : undefined`,
    undefined,
    {
      polling: 'raf',
      timeout: 60_000,
    },
  );
  return (await handle.jsonValue()) as number;
}

/** The page's JavaScript heap in use, in MB (Chromium's own figure, through the DevTools protocol). */
async function heapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  await session.send('HeapProfiler.collectGarbage');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

/** Types into a late field and returns each keystroke's keydown → next paint. */
async function keystrokeLatencies(page: Page): Promise<number[]> {
  await recordEvents(page, 'keydown');
  // Long pages may render only what is near the screen: go to the end first, where the late field is.
  await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
  await page.locator(LATE_FIELD).click();
  await page.keyboard.type('abcdefghijklmnopqrstuvwxyz'.slice(0, KEYSTROKES), { delay: 150 });
  return eventLatencies(page, KEYSTROKES);
}

export async function browserRows(scenarios: Set<string>): Promise<Row[]> {
  const server = await startSwitchboard(4640, ['--scale']);
  const anchor = await serveStatic('bench/anchor/dist', 4641);
  const browser = await launch();
  const rows: Row[] = [];
  try {
    if (scenarios.has('first-load')) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        times.push(
          await inFreshPage(
            browser,
            async (page) => (await page.goto(`${server.url}/agents/${DEMO}`), usableAt(page, 'overview')),
          ),
        );
      }
      rows.push({
        scenario: 'first load: overview (cold cache)',
        figure: 'usable (all cards checked)',
        unit: 'ms',
        ...summarize(times),
      });
    }

    if (scenarios.has('navigation')) {
      const toEditor: number[] = [];
      const toOverview: number[] = [];
      await inFreshPage(browser, async (page) => {
        await page.goto(`${server.url}/agents/${DEMO}/configs/sandbox`);
        await usableAt(page, 'editor');
        for (let run = 0; run < RUNS; run++) {
          for (const env of ['Pre-release', 'Live', 'Sandbox']) {
            const start = await page.evaluate(() => performance.now());
            await page.getByRole('navigation', { name: 'Environment' }).getByRole('link', { name: env }).click();
            toEditor.push((await usableAt(page, 'editor', start)) - start);
          }
          const start = await page.evaluate(() => performance.now());
          await page.getByRole('link', { name: '← Overview' }).click();
          toOverview.push((await usableAt(page, 'overview', start)) - start);
          await page.getByRole('link', { name: 'Edit Sandbox variables' }).click();
          await usableAt(page, 'editor', start);
        }
      });
      rows.push({
        scenario: 'navigation: editor → editor (visited)',
        figure: 'click → usable',
        unit: 'ms',
        ...summarize(toEditor),
        target: { on: 'p95', op: '<=', value: 100 },
      });
      rows.push({
        scenario: 'navigation: editor → overview (visited)',
        figure: 'click → usable',
        unit: 'ms',
        ...summarize(toOverview),
        target: { on: 'p95', op: '<=', value: 100 },
      });
    }

    if (scenarios.has('editor')) {
      const ours = { ready: [] as number[], keys: [] as number[], heap: [] as number[] };
      const plain = { ready: [] as number[], keys: [] as number[], heap: [] as number[] };
      for (let run = 0; run < RUNS; run++) {
        await inFreshPage(browser, async (page) => {
          await page.goto(anchor.url);
          plain.ready.push(await lastFieldAt(page));
          plain.heap.push(await heapMb(page));
          if (run === 0) plain.keys.push(...(await keystrokeLatencies(page)));
        });
        await inFreshPage(browser, async (page) => {
          await page.goto(`${server.url}/agents/${SCALE_AGENT_ID}/configs/sandbox`);
          ours.ready.push(await usableAt(page, 'editor'));
          ours.heap.push(await heapMb(page));
          if (run === 0) ours.keys.push(...(await keystrokeLatencies(page)));
        });
      }
      const [oursReady, plainReady, oursKeys, plainKeys] = [ours.ready, plain.ready, ours.keys, plain.keys].map(
        summarize,
      );
      rows.push({
        scenario: 'editor, 2,000 properties',
        figure: 'interactive (anchor: fully rendered)',
        unit: 'ms',
        ...oursReady,
        anchor: plainReady.median,
        target: { on: 'ratio', op: '<=', value: 0.5 },
      });
      rows.push({
        scenario: 'editor, 2,000 properties',
        figure: 'JS heap after load (after GC)',
        unit: 'MB',
        ...summarize(ours.heap),
        anchor: summarize(plain.heap).median,
      });
      rows.push({
        scenario: 'editor, 2,000 properties',
        figure: 'keystroke p50 (keydown → paint)',
        unit: 'ms',
        median: oursKeys.median,
        anchor: plainKeys.median,
      });
      rows.push({
        scenario: 'editor, 2,000 properties',
        figure: 'keystroke p95 (keydown → paint)',
        unit: 'ms',
        median: oursKeys.p95,
        anchor: plainKeys.p95,
        target: { on: 'median', op: '<=', value: 33 },
      });
    }
    if (scenarios.has('compare')) rows.push(...(await compareRows(browser, server.url)));
    if (scenarios.has('connectors')) rows.push(...(await connectorRows(browser, server.url)));
    if (scenarios.has('lighthouse')) rows.push(...(await lighthouseRows(server.url)));
  } finally {
    await browser.close();
    await anchor.stop();
    await server.stop();
  }
  return rows;
}
