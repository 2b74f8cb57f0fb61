import { defineConfig } from 'vitest/config';

// yeoman-test changes the working directory, so every test file runs in its own process.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
