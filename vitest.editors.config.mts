import { defineConfig } from 'vitest/config';

// Tests in real editors: Neovim, and VS Code (code-server in Debian's Chromium). `npm run setup:editors` installs them;
// `npm run test:editors` builds and packages the extension first. The .vsix test needs neither and runs in `npm test`.
export default defineConfig({
  test: {
    include: ['test/editors/**/*.test.ts'],
    exclude: ['test/editors/vsix.test.ts', '**/node_modules/**'],
    // One editor at a time on a 2-core machine; an editor start and a first workspace analysis take seconds.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
