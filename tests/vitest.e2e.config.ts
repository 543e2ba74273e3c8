import { defineConfig } from 'vitest/config';

// End-to-end suites: a real Asterisk (scripts/asterisk-sandbox.sh) and a real Chromium. .ci/run starts the sandbox
// and exports ARI_URL & co. before running them. Files run one at a time: they share one Asterisk.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts', 'runtime/**/*.e2e.test.ts'],
    env: { METADATA_SERVER_DETECTION: 'none', SWITCHBOARD_LOG: process.env.SWITCHBOARD_LOG ?? 'warn' },
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
