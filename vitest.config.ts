import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files each create their own databases; two at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'sidecar',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // Test files share a worker's module cache: importing the sidecar again for every file took a third of
          // the run. Each file builds its own databases and servers, and none mocks modules or changes globals.
          isolate: false,
        },
      },
      // The admin UI's components and store, in a browser-like DOM; apiFetch is mocked at window.fetch.
      {
        extends: true,
        test: {
          name: 'admin-ui',
          include: ['admin-ui/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['admin-ui/test/setup.ts'],
        },
      },
    ],
  },
});
