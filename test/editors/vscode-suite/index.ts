// The in-editor test runner, in the shape @vscode/test-electron expects: VS Code loads this file in the extension host
// (as `extensionTestsPath`) and calls run(). The same bundle runs in code-server (vscode-suite.test.ts) and under
// @vscode/test-electron (../run-test-electron.ts) where VS Code can be downloaded.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { resultLine } from './result-line.js';

export function run(): Promise<void> {
  // Generous timeouts: the first workspace analysis of the shop takes seconds on a small CI machine.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000, reporter: 'spec' });
  // The specs are bundled next to this file, one .spec.js each.
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.spec.js')).sort()) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-editor test(s) failed`)) : resolve()));
    // One line per test for a harness that only sees the console (code-server's codeAutomationLog).
    runner.on('pass', (test) => console.log(resultLine({ title: test.fullTitle(), state: 'passed', durationMs: test.duration })));
    runner.on('fail', (test, error: unknown) =>
      console.log(resultLine({ title: test.fullTitle(), state: 'failed', error: error instanceof Error ? error.message : String(error) })),
    );
  });
}
