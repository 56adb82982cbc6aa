// The in-editor runner prints one line per test result with this prefix; the code-server harness only sees the
// console, and reads these back.
export const RESULT_PREFIX = 'seamlint-editor-test ';

export interface TestResult {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  durationMs?: number;
}

export function resultLine(result: TestResult): string {
  return `${RESULT_PREFIX}${JSON.stringify(result)}`;
}

/** Console lines the harness shows even when every test passes: retries and other things a reviewer should see. */
export const NOTE_PREFIX = 'note: ';
