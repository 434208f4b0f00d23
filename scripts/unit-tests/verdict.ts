/**
 * What a unit-test run says about itself, read from Vitest's JSON report as well as its exit code. The exit code
 * alone was once swallowed (a package's exit hook ended the runner with 0 after failures): either one saying
 * "failed" fails the run, and a run that left no report, or ran no test, is not a pass.
 */
export type VitestReport = {
  numTotalTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  success: boolean;
  testResults: { name: string; status: string; message?: string }[];
};

export function unitTestVerdict(
  exitCode: number | null,
  reportText: string | undefined,
): { pass: true } | { pass: false; reason: string } {
  if (reportText === undefined) return { pass: false, reason: `Vitest wrote no report (exit code ${exitCode})` };
  let report: VitestReport;
  try {
    report = JSON.parse(reportText) as VitestReport;
  } catch {
    return { pass: false, reason: 'Vitest’s report is not JSON' };
  }
  const failedFiles = report.testResults.filter((file) => file.status === 'failed').map((file) => file.name);
  if (report.numFailedTests > 0 || report.numFailedTestSuites > 0 || failedFiles.length > 0 || !report.success) {
    // Suites are files and their describe blocks: a file that fails to load counts there, with no test failed.
    const what = `${report.numFailedTests} failed test(s), ${report.numFailedTestSuites} failed suite(s)`;
    return { pass: false, reason: `${what}${failedFiles.length ? `: ${failedFiles.join(', ')}` : ''}` };
  }
  if (report.numTotalTests === 0) return { pass: false, reason: 'no test ran' };
  // Errors outside any test (an unhandled rejection) are in no count of the report: the exit code says them.
  if (exitCode !== 0)
    return {
      pass: false,
      reason: `every test passed, but Vitest exited with ${exitCode} (an error outside the tests?)`,
    };
  return { pass: true };
}
