import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    // Every simulation the tests start, directly or through the host, runs strict.
    env: { DRYDOCK_STRICT: '1' },
    hookTimeout: 30_000,
  },
})
