import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every run with exactly one line `N passed, N failed[, N skipped]`, summing all projects, so CI (and a person)
 * reads one verdict. A file that fails to load and an unhandled error each count as one failure: neither may
 * disappear from the total.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A module that failed outside any test (import error, failing hook) still failed.
      if (testModule.state() === 'failed' && !hasFailedTest(testModule)) failed += 1;
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}

function hasFailedTest(testModule: TestModule): boolean {
  for (const testCase of testModule.children.allTests()) {
    if (testCase.result().state === 'failed') return true;
  }
  return false;
}
