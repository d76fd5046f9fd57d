import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../src/app/context.js';
import { evaluatePlan } from '../src/app/evaluation/evaluate-plan.js';
import { prepareWorkspace } from '../src/app/workspace/prepare-workspace.js';
import {
  buildWorkspaceSnapshots,
  currentSnapshot,
  seedFromSnapshot,
} from '../src/app/workspace/workspace-snapshot.js';
import type { Db, Queryable } from '../src/store/db.js';
import { openDatabase, pgliteDir, type OpenedDatabase } from '../src/store/open-database.js';
import { storedValues } from './support/import-fixture.js';
import { createTestDb } from './support/test-db.js';
import { tempDirSync } from './support/temp-dir.js';

/** What a user sees of a workspace: every table's row count, the units, the values, the demo plan evaluated. */
async function whatUsersSee(db: Db): Promise<unknown> {
  const q: Queryable = db;
  const tables = await q.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`))[0]!.n;
  }
  const units = await q.query<{ line: string }>(
    `SELECT concat_ws(' ', u.set_code, u.code, u.level, u.name, p.code) AS line
     FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY 1`,
  );
  const ctx: AppContext = { db, now: () => new Date('2025-01-15T00:00:00Z') };
  const evaluations = [];
  for (const period of ['2024S1', '2024']) {
    evaluations.push(await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period }));
  }
  return { counts, units: units.map((u) => u.line), values: await storedValues(q), evaluations };
}

// The ready-made workspace a first `dxmon serve --demo` copies must hold exactly what the slow path (migrate,
// load both unit sets, import the demo) builds: users cannot tell which way their workspace was made.
describe('the ready-made demo workspace', () => {
  const root = tempDirSync('dxmon-snapshots-');
  let seeded: OpenedDatabase;
  let slow: Db;

  beforeAll(async () => {
    await buildWorkspaceSnapshots({ root });
    const dataDir = tempDirSync('dxmon-seeded-');
    expect(await seedFromSnapshot(dataDir, 'demo', root)).toBe(true);
    seeded = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    slow = await createTestDb('pglite');
    await prepareWorkspace({ db: slow, now: () => new Date() }, { demo: true });
  }, 900_000);

  afterAll(async () => {
    await seeded?.close();
    await slow?.close();
  });

  it('holds what the slow path builds: same counts, units, values and evaluation of the demo plan', async () => {
    const fromSnapshot = await whatUsersSee(seeded.db);
    const fromSlowPath = await whatUsersSee(slow);
    expect((fromSnapshot as { counts: Record<string, number> }).counts.data_value).toBe(1525);
    expect(fromSnapshot).toEqual(fromSlowPath);
  }, 120_000);

  it('needs nothing more at start: the schema is current and preparing it again loads nothing', async () => {
    expect(seeded.migration).toEqual({ applied: [], adopted: [] });
    expect(await prepareWorkspace({ db: seeded.db, now: () => new Date() }, { demo: true })).toEqual({
      loadedSets: [],
      demo: null,
    });
  });

  it('is not used for a directory that already has a database', async () => {
    const dataDir = tempDirSync('dxmon-existing-');
    mkdirSync(pgliteDir(dataDir), { recursive: true });
    expect(await seedFromSnapshot(dataDir, 'demo', root)).toBe(false);
  });

  it('is not used once the migrations, the demo or the version it was built from have changed', async () => {
    const meta = join(root, 'base', 'snapshot.json');
    expect(await currentSnapshot('base', root)).not.toBeNull();
    const saved = readFileSync(meta, 'utf8');
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(saved), fingerprint: 'built-from-other-files' }));
    const dataDir = tempDirSync('dxmon-outdated-');
    expect(await seedFromSnapshot(dataDir, 'base', root)).toBe(false);
    expect(existsSync(pgliteDir(dataDir))).toBe(false);
    writeFileSync(meta, saved);
    expect(await seedFromSnapshot(dataDir, 'base', root)).toBe(true);
  });
});
