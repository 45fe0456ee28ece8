import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node (main, shared, fake server) or jsdom (renderer
// components: start the file with `// @vitest-environment jsdom`). End-to-end tests belong to Playwright (test/e2e).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/fake-asc/**/*.test.ts', 'test/security/**/*.test.ts'],
    environment: 'node',
    // Generous on purpose: CI shares a 2-core machine, and a good test must pass at 5x slower.
    // Tests wait on events, never on time; performance goals live in `npm run bench`.
    testTimeout: 150_000,
    hookTimeout: 150_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
