import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// Every folder made here is removed when the test file that made it ends: importing this module registers the
// removal on the file (each test file evaluates its own copy), after the file's own afterAll hooks (servers and
// databases closed first). The global setup's teardown fails the run if anything is left in the temp dir.
const created: string[] = [];

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** A fresh folder `<prefix>XXXXXX` in the temp dir, removed when the current test file ends. */
export function tempDirSync(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A fresh folder `<prefix>XXXXXX` in the temp dir, removed when the current test file ends. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
