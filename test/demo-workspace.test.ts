import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareWorkspace } from '../src/app/workspace/prepare-workspace.js';
import type { Db } from '../src/store/db.js';
import { dumpDatabase } from './support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from './support/test-db.js';

// The demo workspace (data/demo/lao-cai-2024) loads through the real importer into an empty workspace.
describe.each(TEST_DB_KINDS)('the demo workspace on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb(kind);
  }, 120_000);
  afterAll(async () => db.close());

  it('loads both unit sets and imports the demo cleanly, every sheet, no warning', async () => {
    const ctx = { db, now: () => new Date('2025-03-01T00:00:00Z') };
    const result = await prepareWorkspace(ctx, { demo: true });
    expect(result.loadedSets).toEqual(['2025', 'pre2025']);
    expect(result.demo?.warnings).toEqual([]);
    const sheets = result.demo?.sheets;
    expect(sheets?.units).toEqual({ inserted: 278, updated: 0, unchanged: 0 });
    expect(sheets?.indicators.inserted).toBe(30);
    expect(sheets?.plans.inserted).toBe(1);
    expect(sheets?.targets.inserted).toBe(24);
    expect(sheets?.values.inserted).toBe(1525);
    expect(sheets?.tasks.inserted).toBe(38);
    const [sources] = await db.query<{ demo: number; other: number }>(
      `SELECT count(*) FILTER (WHERE source = 'demo')::int AS demo, count(*) FILTER (WHERE source <> 'demo')::int AS other
       FROM data_value`,
    );
    expect(sources).toEqual({ demo: 1525, other: 0 });
  }, 120_000);

  it('leaves a workspace that has plans alone when started again with --demo', async () => {
    const ctx = { db, now: () => new Date('2025-03-02T00:00:00Z') };
    const before = await dumpDatabase(db);
    expect(await prepareWorkspace(ctx, { demo: true })).toEqual({ loadedSets: [], demo: null });
    expect(await dumpDatabase(db)).toEqual(before);
  });
});
