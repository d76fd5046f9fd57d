import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  csvFolder,
  dumpDatabase,
  FULL_FILE,
  loadSmallUnitTree,
} from '../../../test/support/import-fixture.js';
import { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { importWorkbook, type ImportProgress } from './import-workbook.js';

/**
 * An import told to stop — its client went away, the server stops — stops at its next step, whichever it is, and
 * leaves the database exactly as it was: nothing half-written, no audit row.
 */
const STOP = new AppError('unavailable', { vi: 'Dừng.', en: 'Stopped.' });

describe.each(TEST_DB_KINDS)('an import told to stop, on %s', (kind) => {
  let db: Db;
  let file: string;
  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallUnitTree(db);
    file = await csvFolder(FULL_FILE);
  }, 120_000);
  afterAll(async () => db.close());

  const cases: { when: string; at: ImportProgress['phase'] | 'before'; through: 'signal' | 'stopping' }[] = [
    { when: 'before it starts', at: 'before', through: 'signal' },
    { when: 'once the file is read', at: 'read', through: 'signal' },
    { when: 'once the file is checked', at: 'check', through: 'signal' },
    { when: 'while values are written', at: 'write', through: 'signal' },
    { when: 'while values are written, the server stopping', at: 'write', through: 'stopping' },
  ];

  it.each(cases)('$when: throws why and writes nothing', async ({ at, through }) => {
    const before = await dumpDatabase(db);
    const controller = new AbortController();
    if (at === 'before') controller.abort(STOP);
    const ctx: AppContext = {
      db,
      now: () => new Date('2025-03-01T00:00:00Z'),
      ...(through === 'stopping' ? { stopping: controller.signal } : {}),
    };
    const phases: string[] = [];
    const importing = importWorkbook(ctx, LOCAL_ADMIN, {
      path: file,
      ...(through === 'signal' ? { signal: controller.signal } : {}),
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === at) controller.abort(STOP);
      },
    });
    await expect(importing).rejects.toBe(STOP);
    expect(phases).not.toContain('done');
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('imports the same file whole when nobody stops it', async () => {
    const controller = new AbortController();
    const report = await importWorkbook({ db, now: () => new Date('2025-03-01T00:00:00Z') }, LOCAL_ADMIN, {
      path: file,
      signal: controller.signal,
    });
    expect(report.sheets.values.inserted).toBe(9);
  });
});
