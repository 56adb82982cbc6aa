import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'rules/**/*.test.ts', 'client/src/**/*.test.ts', 'test/**/*.test.ts'],
    // Suites that need Debian packages (Chromium; code-server, Neovim) run with `npm run test:browser` after
    // `npm run setup:browser`, and `npm run test:editors` after `npm run setup:editors`. The .vsix test needs neither.
    exclude: ['test/browser/**', 'test/editors/!(vsix).test.ts', '**/node_modules/**'],
    // Integration tests spawn the bundled CLI and parse whole fixture systems: give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
