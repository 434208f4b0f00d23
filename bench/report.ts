/** One table for every benchmark: figure, median, p95, anchor, ratio, target, pass/fail; also saved as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';

export type Row = {
  scenario: string;
  figure: string;
  unit: string;
  median: number;
  p95?: number;
  anchor?: number;
  /** How the target is judged: `ratio >= n`, `median <= n`, `p95 <= n`… */
  target?: { on: 'ratio' | 'median' | 'p95'; op: '>=' | '<='; value: number };
};

/** The median and 95th percentile of a sample (nearest rank). */
export function summarize(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2));

export function verdict(row: Row): 'pass' | 'FAIL' | '–' {
  if (!row.target) return '–';
  const value = row.target.on === 'ratio' ? ratio(row) : row[row.target.on];
  if (value === undefined) return 'FAIL';
  return (row.target.op === '>=' ? value >= row.target.value : value <= row.target.value) ? 'pass' : 'FAIL';
}

export const ratio = (row: Row) => (row.anchor ? row.median / row.anchor : undefined);

export function printAndSave(name: string, rows: Row[]) {
  const table = rows.map((row) => ({
    scenario: row.scenario,
    figure: `${row.figure} (${row.unit})`,
    median: fmt(row.median),
    p95: fmt(row.p95),
    anchor: fmt(row.anchor),
    ratio: ratio(row) === undefined ? '–' : `${fmt(ratio(row))}×`,
    target: row.target ? `${row.target.on} ${row.target.op} ${row.target.value}` : '–',
    result: verdict(row),
  }));
  console.table(table);
  mkdirSync('.bench', { recursive: true });
  const file = `.bench/${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), rows: table }, null, 2));
  console.log(`Saved ${file}`);
}
