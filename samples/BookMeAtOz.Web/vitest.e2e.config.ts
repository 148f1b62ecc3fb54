import { defineConfig } from 'vitest/config';

// End-to-end tests: headless Debian Chromium (playwright-core, no browser download) against the real
// reference host, started once for the run by the global setup. Files run one after another: they
// share the host and its demo tenant.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
