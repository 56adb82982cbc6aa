import { defineConfig } from 'vitest/config';

// Tests that drive a real browser (Debian's Chromium): `npm run setup:browser` installs it.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
  },
});
