import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { InlineConfig } from 'vitest/node';

// The run's own temp dir: every test (and every dxmon it starts) makes its temporary folders here, and the
// teardown of test/temp-dir-setup.ts fails the run if anything is left in it. Folders that other processes make in
// the system temp dir cannot be mistaken for ours.
const runTmpDir = fileURLToPath(new URL(`.tmp/run-${process.pid}`, import.meta.url));

/** What every run shares, `npm test` and `npm run test:unit` (vitest.unit.config.ts) alike. */
export const sharedTestOptions = {
  environment: 'node',
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks',
  // One test file per core at a time: files share no state (each clones its own database, servers listen on
  // port 0, folders are made fresh).
  maxWorkers: availableParallelism(),
  env: { TZ: 'UTC', TMPDIR: runTmpDir, TMP: runTmpDir, TEMP: runTmpDir },
} satisfies InlineConfig;

export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/temp-dir-setup.ts', 'test/global-setup.ts', 'test/web-build-setup.ts'],
  },
});
