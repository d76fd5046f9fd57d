import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** What the web build is made from: the app, and the project's pure rules it imports. */
const SOURCES = [join(ROOT, 'web'), join(ROOT, 'src', 'domain')];
const BUILT = join(ROOT, 'dist', 'web', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function builtMtime(): number | null {
  try {
    return statSync(BUILT).mtimeMs;
  } catch {
    return null;
  }
}

/**
 * Builds the web app (dist/web/, docs/web.md) before the tests when it is missing or older than its sources, so that
 * `npm test` on a fresh clone (or after a change to web/) drives the app as it is now.
 */
export default async function setup(): Promise<void> {
  const built = builtMtime();
  if (built !== null && built >= Math.max(...SOURCES.map(newestMtime))) return;
  const { build } = await import('vite');
  // The production build, as `npm run build` makes it (vitest sets NODE_ENV=test, which would give React's
  // development build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
