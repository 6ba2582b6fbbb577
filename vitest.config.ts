import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Only unit and integration tests: the Playwright specs under tests/e2e run with `playwright test`.
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'tests/integration/**/*.test.ts'
    ],
    environment: 'node',
    // Case-file exports print every document to PDF through Chromium: tens of seconds on a loaded 2-core machine.
    testTimeout: 60_000
  }
})
