import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.config.js';

/** `npm run test:unit`: the domain and file-format tests, which need no database and no build. */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['src/domain/**/*.test.ts', 'src/io/**/*.test.ts'],
    globalSetup: ['test/temp-dir-setup.ts'],
  },
});
