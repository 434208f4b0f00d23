// @vitest-environment node
import { describe, expect, test } from 'vitest';
import { unitTestVerdict, type VitestReport } from './verdict.ts';

const report = (overrides: Partial<VitestReport> = {}) =>
  JSON.stringify({
    numTotalTests: 3,
    numFailedTests: 0,
    numFailedTestSuites: 0,
    success: true,
    testResults: [{ name: '/repo/a.test.ts', status: 'passed' }],
    ...overrides,
  });

describe('the unit-test verdict', () => {
  test('passes a report with no failure and exit code 0', () => {
    expect(unitTestVerdict(0, report())).toEqual({ pass: true });
  });

  test('fails a failed test even when the exit code says 0', () => {
    const verdict = unitTestVerdict(
      0,
      report({ numFailedTests: 1, success: false, testResults: [{ name: '/repo/a.test.ts', status: 'failed' }] }),
    );
    expect(verdict).toEqual({ pass: false, reason: '1 failed test(s), 0 failed suite(s): /repo/a.test.ts' });
  });

  test('fails a file that failed outside its tests (an import that throws)', () => {
    const verdict = unitTestVerdict(0, report({ numFailedTestSuites: 1, success: false }));
    expect(verdict.pass).toBe(false);
  });

  test('fails a run that left no report, or an unreadable one', () => {
    expect(unitTestVerdict(0, undefined)).toEqual({ pass: false, reason: 'Vitest wrote no report (exit code 0)' });
    expect(unitTestVerdict(0, '{"numTotalTests": 3')).toEqual({ pass: false, reason: 'Vitest’s report is not JSON' });
  });

  test('fails a run in which no test ran', () => {
    expect(unitTestVerdict(0, report({ numTotalTests: 0, testResults: [] }))).toEqual({
      pass: false,
      reason: 'no test ran',
    });
  });

  test('fails a clean report when the exit code says an error happened outside the tests', () => {
    expect(unitTestVerdict(1, report()).pass).toBe(false);
    expect(unitTestVerdict(null, report()).pass).toBe(false);
  });
});
