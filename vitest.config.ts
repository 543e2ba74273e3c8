import { defineConfig } from 'vitest/config';

// Unit and integration tests sit beside the code they test. End-to-end suites (real Asterisk,
// real browser) live in tests/e2e and run with tests/vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['{flows,db,runtime,provisioning,app,server,cli,scripts,i18n}/**/*.test.{ts,tsx}'],
    // Tests that need a real Asterisk are named *.e2e.test.ts and run in the e2e suite.
    exclude: ['**/*.e2e.test.ts', 'node_modules/**'],
    // Google's libraries probe the GCE metadata server unless told not to; tests never leave loopback.
    env: { METADATA_SERVER_DETECTION: 'none', SWITCHBOARD_LOG: 'silent' },
    testTimeout: 20_000,
    setupFiles: ['./tests/unit-setup.ts'],
  },
});
