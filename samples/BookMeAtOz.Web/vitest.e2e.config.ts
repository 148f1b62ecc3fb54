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
    // expect.poll waits for a condition; its 1-second default is a bet on the machine's speed (a loaded CI
    // machine lost it). The deadline only matters when the condition never comes.
    expect: { poll: { timeout: 30_000, interval: 50 } },
  },
});
