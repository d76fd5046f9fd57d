import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliRun } from './run-cli.js';

/** Runs dxmon in process through `main(argv, output)`, each printed text ending a line of stdout or stderr. */
export async function runMain(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv], {
    stdout: (t) => (stdout += t.endsWith('\n') ? t : `${t}\n`),
    stderr: (t) => (stderr += t.endsWith('\n') ? t : `${t}\n`),
  });
  return { code, stdout, stderr };
}

/** dxmon on one workspace directory: every run passes `--data dataDir` first. */
export interface WorkspaceCli {
  /** Runs `dxmon --data dataDir …args`. */
  dxmon: (...args: string[]) => Promise<CliRun>;
  /** Runs `dxmon --data dataDir --json …args`, expects it to succeed with nothing on stderr, and parses its stdout. */
  json: <T>(...args: string[]) => Promise<T>;
}

/** A dxmon that runs in process on the workspace in `dataDir`. */
export function workspaceCli(dataDir: string): WorkspaceCli {
  const dxmon = (...args: string[]) => runMain(['--data', dataDir, ...args]);
  return {
    dxmon,
    json: async <T>(...args: string[]): Promise<T> => {
      const run = await dxmon('--json', ...args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as T;
    },
  };
}
