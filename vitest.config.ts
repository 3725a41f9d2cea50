import { defineConfig } from 'vitest/config'

const integration = {
  globalSetup: ['packages/testkit/src/db/global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
}

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    projects: [
      { test: { name: 'tooling', include: ['scripts/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'engine', include: ['packages/engine/src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'testkit', include: ['packages/testkit/src/**/*.test.ts'], ...integration } },
      { test: { name: 'server', include: ['packages/server/src/**/*.test.ts'], ...integration } },
      { test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: 'web', include: ['packages/web/src/**/*.test.{ts,tsx}'], testTimeout: 30_000 } },
    ],
  },
})
