/**
 * The history at scale (PROJECT-SCALE carries 100,000 entries with `--scale`): the page usable once its data has
 * arrived, keystrokes in its search and key filter, a key's blame from the API, and what recording adds to a write.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHistoryRepository } from '../server/modules/history/history.repository.ts';
import { SCALE_AGENT_ID } from '../server/seed/scale-seed.ts';
import { openStateStore } from '../server/state/state-store.ts';
import { eventLatencies, inFreshPage, launch, recordEvents, usableAt } from './page-helpers.ts';
import { startSwitchboard } from './processes.ts';
import { summarize, type Row } from './report.ts';

const RUNS = 5;
const KEYSTROKES = 12;
const SCENARIO = 'history, 100,000 entries';

export async function historyRows(): Promise<Row[]> {
  const server = await startSwitchboard(4650, ['--scale']);
  const browser = await launch();
  const rows: Row[] = [];
  try {
    const afterData: number[] = [];
    const searchKeys: number[] = [];
    const keyFilterKeys: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await inFreshPage(browser, async (page) => {
        await page.goto(`${server.url}/agents/${SCALE_AGENT_ID}/history`);
        const usable = await usableAt(page, 'history');
        const arrived = await page.evaluate<number>(
          `performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/agents/${SCALE_AGENT_ID}/history')).responseEnd`,
        );
        afterData.push(usable - arrived);
        if (run > 0) return;
        await recordEvents(page, 'keydown');
        await page.getByLabel('Search').click();
        await page.keyboard.type('rollback aft', { delay: 120 });
        searchKeys.push(...(await eventLatencies(page, KEYSTROKES)));
        await recordEvents(page, 'keydown');
        await page.getByRole('textbox', { name: 'Key', exact: true }).click();
        await page.keyboard.type('setting_0011', { delay: 120 });
        keyFilterKeys.push(...(await eventLatencies(page, KEYSTROKES)));
      });
    }
    rows.push({
      scenario: SCENARIO,
      figure: 'page usable after its data arrived',
      unit: 'ms',
      ...summarize(afterData),
      target: { on: 'p95', op: '<=', value: 500 },
    });
    rows.push({
      scenario: SCENARIO,
      figure: 'search keystroke (keydown → paint)',
      unit: 'ms',
      ...summarize(searchKeys),
      target: { on: 'p95', op: '<=', value: 50 },
    });
    rows.push({
      scenario: SCENARIO,
      figure: 'key filter keystroke (keydown → paint)',
      unit: 'ms',
      ...summarize(keyFilterKeys),
      target: { on: 'p95', op: '<=', value: 50 },
    });

    // A key's blame: its newest 100 changes, as the history page asks for them.
    const blame: number[] = [];
    const noMatch: number[] = [];
    for (let i = 0; i < 30; i++) {
      const key = `setting_${String(1 + 10 * (i % 200)).padStart(4, '0')}`;
      let started = performance.now();
      await (await fetch(`${server.url}/api/agents/${SCALE_AGENT_ID}/history?key=${key}&limit=100`)).json();
      blame.push(performance.now() - started);
      started = performance.now();
      await (await fetch(`${server.url}/api/agents/${SCALE_AGENT_ID}/history?q=no-such-words-${i}&limit=100`)).json();
      noMatch.push(performance.now() - started);
    }
    rows.push({
      scenario: SCENARIO,
      figure: "a key's blame (API, newest 100 changes)",
      unit: 'ms',
      ...summarize(blame),
      target: { on: 'p95', op: '<=', value: 100 },
    });
    rows.push({
      scenario: SCENARIO,
      figure: 'search that matches nothing (API, reads every entry)',
      unit: 'ms',
      ...summarize(noMatch),
    });
  } finally {
    await browser.close();
    await server.stop();
  }
  rows.push(await recordingRow());
  return rows;
}

/** What recording adds to a PATCH: the history write the answer waits for (a two-key save, on a file like the server's). */
async function recordingRow(): Promise<Row> {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-history-bench-'));
  const state = await openStateStore(path.join(dir, 'state.sqlite'));
  try {
    const history = createHistoryRepository(state);
    const times: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const started = performance.now();
      await history.record(
        {
          agentId: 'BENCH',
          clientEnv: 'sandbox',
          kind: 'variables',
          outcome: 'applied',
          author: 'bench',
          changes: [
            { key: 'greeting', before: 'Hi', after: `Hello ${i}` },
            { key: 'rate', after: i },
          ],
        },
        { version: new Date(1_800_000_000_000 + i).toISOString(), values: { greeting: `Hello ${i}`, rate: i } },
      );
      times.push(performance.now() - started);
    }
    return {
      scenario: 'history recording',
      figure: 'added to each write (record before answering)',
      unit: 'ms',
      ...summarize(times.slice(500)),
      target: { on: 'median', op: '<=', value: 1 },
    };
  } finally {
    await state.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
