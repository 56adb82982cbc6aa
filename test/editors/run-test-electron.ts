// The in-editor Mocha suite (test/editors/vscode-suite) under @vscode/test-electron, in a desktop VS Code it downloads:
// the same specs code-server runs in vscode-suite.test.ts. It cannot run on the offline CI machines (no VS Code
// download); on a machine that can:
//
//   npm run package:vsix
//   npx esbuild test/editors/run-test-electron.ts --bundle --platform=node --format=cjs --packages=external \
//     --outfile=.seamlint-tmp/electron/run.js && node .seamlint-tmp/electron/run.js
//
// (two folders deep, like this file: the helpers find the repository from their own location.)
// (on Linux without a display, under `xvfb-run -a`). VSCODE_VERSION picks the version (default: the latest stable).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildVscodeSuite } from './support/build-suite.js';
import { copyShop, REPO_ROOT, requireBuilt, VSIX } from './support/environment.js';
import { extractZip } from './support/zip.js';

async function main(): Promise<number> {
  requireBuilt();
  mkdirSync(join(REPO_ROOT, '.seamlint-tmp'), { recursive: true });
  const home = mkdtempSync(join(REPO_ROOT, '.seamlint-tmp', 'test-electron-'));
  const workspace = copyShop('test-electron');
  try {
    // What ships: the .vsix, unpacked, is the extension under development.
    extractZip(VSIX, join(home, 'vsix'));
    const runner = await buildVscodeSuite(join(home, 'suite'));
    const userDataDir = join(home, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    // The same user settings as the code-server runs (support/code-server.ts): nothing else competes for the editor.
    writeFileSync(
      join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'typescript.validate.enable': false,
        'javascript.validate.enable': false,
        'git.enabled': false,
        'update.mode': 'none',
      }),
    );
    return await runTests({
      ...(process.env.VSCODE_VERSION ? { version: process.env.VSCODE_VERSION } : {}),
      extensionDevelopmentPath: join(home, 'vsix', 'extension'),
      extensionTestsPath: runner,
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
