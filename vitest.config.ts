import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo. Integration tests share one in-memory DynamoDB Local
// started by the global setup; each test file isolates itself with its own table prefix.
export default defineConfig({
  test: {
    include: ['{events,infra,packages,services,tests}/**/test/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/cdk.out/**'],
    globalSetup: ['./packages/local/test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Node 20 is supported here on purpose (Lambda runs 22); the SDK's notice is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: ['default'],
  },
});
