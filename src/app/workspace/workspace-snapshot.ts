// Ready-made workspaces for a first start: at install time (`npm install` runs `prepare`, then
// scripts/build-workspace-snapshots.js) a new embedded database is migrated and prepared once — the 2025 official
// units ("base"), and the same plus the pre-2025 units and the demo workspace ("demo") — and its closed data
// directory is kept in .workspace-snapshots/ (not committed). `dxmon serve` on a new data directory copies the
// matching one instead of migrating and loading for half a minute. A snapshot is used only while it was built from
// the current migrations, demo files and version (its fingerprint); else the first start takes the slow path.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listMigrations, migrate, migrationChecksum } from '../../store/migrate.js';
import { pgliteDir } from '../../store/open-database.js';
import { openPglite } from '../../store/pglite-db.js';
import type { AppContext } from '../context.js';
import { DEMO_DIR, prepareWorkspace, type PrepareStep } from './prepare-workspace.js';

/** Where the snapshots are kept: beside dist/ and src/, so the same from both. */
export const SNAPSHOTS_DIR = fileURLToPath(new URL('../../../.workspace-snapshots/', import.meta.url));

export type SnapshotKind = 'base' | 'demo';

const PACKAGE_JSON = fileURLToPath(new URL('../../../package.json', import.meta.url));

/**
 * What a snapshot depends on: the product version, each migration's name and checksum, and the demo files.
 * A snapshot whose fingerprint differs from the current one is not used.
 */
export function snapshotFingerprint(): string {
  const hash = createHash('sha256');
  hash.update((JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version);
  for (const m of listMigrations()) hash.update(`\n${m.name}:${migrationChecksum(m.sql)}`);
  for (const file of readdirSync(DEMO_DIR).sort()) {
    hash.update(`\n${file}:`);
    hash.update(readFileSync(join(DEMO_DIR, file)));
  }
  return hash.digest('hex');
}

interface SnapshotMeta {
  fingerprint: string;
  builtAt: string;
}

function snapshotDir(kind: SnapshotKind, root: string): string {
  return join(root, kind);
}

/** The snapshot of this kind when it is present and current, else null. */
export async function currentSnapshot(
  kind: SnapshotKind,
  root: string = SNAPSHOTS_DIR,
): Promise<string | null> {
  const dir = snapshotDir(kind, root);
  try {
    const meta = JSON.parse(await readFile(join(dir, 'snapshot.json'), 'utf8')) as SnapshotMeta;
    if (meta.fingerprint !== snapshotFingerprint() || !existsSync(join(dir, 'pgdata', 'PG_VERSION')))
      return null;
    return dir;
  } catch {
    return null;
  }
}

/**
 * Seeds a new embedded data directory from the current snapshot of this kind: its database files are copied
 * (asynchronously: a server answers meanwhile) beside the target and renamed into place, so an interrupted copy
 * leaves no half database. Returns false, changing nothing, when the directory already has a database or no
 * current snapshot exists.
 */
export async function seedFromSnapshot(
  dataDir: string,
  kind: SnapshotKind,
  root: string = SNAPSHOTS_DIR,
): Promise<boolean> {
  const target = pgliteDir(dataDir);
  if (existsSync(target)) return false;
  const snapshot = await currentSnapshot(kind, root);
  if (!snapshot) return false;
  const copying = `${target}.seeding`;
  await rm(copying, { recursive: true, force: true });
  await cp(join(snapshot, 'pgdata'), copying, { recursive: true });
  await rename(copying, target);
  return true;
}

/**
 * Builds both snapshots in `root`: a new database migrated and prepared as a first start would ("base", then "demo"
 * on top of a copy of it), closed, then moved into place with its fingerprint. `onStep` is told each step.
 */
export async function buildWorkspaceSnapshots(
  options: { root?: string; onStep?: (kind: SnapshotKind, step: PrepareStep | 'migrate') => void } = {},
): Promise<void> {
  const root = options.root ?? SNAPSHOTS_DIR;
  const fingerprint = snapshotFingerprint();
  const work = join(root, '.building');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    let previous: string | null = null;
    for (const kind of ['base', 'demo'] as const) {
      const dir = join(work, kind);
      if (previous) await cp(previous, dir, { recursive: true });
      else await mkdir(dir, { recursive: true });
      const db = await openPglite({ dataDir: join(dir, 'pgdata') });
      try {
        options.onStep?.(kind, 'migrate');
        await migrate(db);
        const ctx: AppContext = { db, now: () => new Date() };
        await prepareWorkspace(ctx, {
          demo: kind === 'demo',
          onStep: (step) => options.onStep?.(kind, step),
        });
        // Nothing more than a first start does (no VACUUM or ANALYZE of its own): the next step, and every later
        // statement, then finds the same statistics and plans as on the slow path.
        await db.exec('CHECKPOINT');
      } finally {
        await db.close();
      }
      const meta: SnapshotMeta = { fingerprint, builtAt: new Date().toISOString() };
      await writeFile(join(dir, 'snapshot.json'), `${JSON.stringify(meta, null, 2)}\n`);
      previous = dir;
    }
    for (const kind of ['base', 'demo'] as const) {
      const final = snapshotDir(kind, root);
      await rm(final, { recursive: true, force: true });
      await mkdir(dirname(final), { recursive: true });
      await rename(join(work, kind), final);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
