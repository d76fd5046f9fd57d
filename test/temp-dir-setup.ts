import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';

/**
 * Gives the run its own temp dir (vitest.config.ts sets TMPDIR to it for every test file and the processes they
 * start) and, at the end, fails the run when a test left something in it, naming what was left; removes it either
 * way. Tests make their folders with test/support/temp-dir.ts, which removes them when the test file ends.
 */
export default function setup(project: TestProject): () => void {
  const runTmpDir = project.config.env.TMPDIR;
  if (!runTmpDir) throw new Error('vitest.config.ts sets no TMPDIR for the tests');
  rmSync(runTmpDir, { recursive: true, force: true });
  mkdirSync(runTmpDir, { recursive: true });
  return () => {
    const left = readdirSync(runTmpDir).sort();
    rmSync(runTmpDir, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest only logs an error thrown while it closes; the exit code is what makes the run fail.
      process.exitCode = 1;
      throw new Error(
        `The tests left ${left.length} temporary file(s) or folder(s) behind (make them with test/support/temp-dir.ts): ${left.join(', ')}`,
      );
    }
  };
}
