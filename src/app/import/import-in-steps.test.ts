import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvFolder,
  dumpDatabase,
  FULL_FILE,
  loadSmallUnitTree,
  storedValues,
} from '../../../test/support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { IMPORT_STEP_ROWS, createImportRun, stageImportStep } from '../../store/import-runs.queries.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { applyReviewEvent } from '../review/apply-review-event.js';
import { finishInterruptedImports, interruptedImportsNotice } from './interrupted-imports.js';
import { importWorkbook } from './import-workbook.js';

/**
 * A file of many values on a database that serves one transaction at a time is written in steps once decided
 * (import-in-steps.ts): the same end state as one transaction, nothing written when refused or stopped before the
 * decision, the rest written at the next opening when stopped after it, approvals waiting meanwhile.
 */
const VILLAGES = 100;
const PERIODS = [
  ...Array.from(
    { length: 24 },
    (_, i) => `${2023 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
  ),
  '2024Q1',
];
const VALUES = VILLAGES * PERIODS.length;

function bigFile(offset = 0): Record<string, readonly string[]> {
  const villages = Array.from({ length: VILLAGES }, (_, i) => `V${String(i + 1).padStart(3, '0')}`);
  return {
    units: [...(FULL_FILE.units ?? []), ...villages.map((v) => `${v},Thôn ${v},village,00001`)],
    indicators: FULL_FILE.indicators ?? [],
    plans: FULL_FILE.plans ?? [],
    targets: FULL_FILE.targets ?? [],
    values: [
      'indicator_code,unit_code,period,value',
      ...villages.flatMap((v, i) => PERIODS.map((p, j) => `C1,${v},${p},${i * 100 + j + offset}`)),
    ],
  };
}

/** The database as it is, but serving one transaction at a time or not, whatever its kind. */
const serving = (db: Db, oneAtATime: boolean): Db =>
  Object.assign(Object.create(Object.getPrototypeOf(db) as object) as Db, db, { oneAtATime });

const at = (db: Db): AppContext => ({ db, now: () => new Date('2025-03-01T00:00:00Z') });

async function count(db: Db, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(sql);
  return row?.n ?? 0;
}

describe.each(TEST_DB_KINDS)('a large import written in steps, on %s', (kind) => {
  let db: Db;
  let single: Db;
  let file: string;
  beforeAll(async () => {
    db = await createTestDb(kind);
    single = await createTestDb(kind);
    await loadSmallUnitTree(db);
    await loadSmallUnitTree(single);
    file = await csvFolder(bigFile());
  }, 120_000);
  afterAll(async () => {
    await db.close();
    await single.close();
  });

  it('writes the same rows, audit and report as one transaction, in steps of IMPORT_STEP_ROWS', async () => {
    expect(VALUES).toBeGreaterThan(2 * IMPORT_STEP_ROWS);
    const steps: number[] = [];
    const inSteps = await importWorkbook(at(serving(db, true)), LOCAL_ADMIN, {
      path: file,
      onProgress: (p) => {
        if (p.phase === 'write') steps.push(p.done);
      },
    });
    const inOne = await importWorkbook(at(serving(single, false)), LOCAL_ADMIN, { path: file });
    expect(inSteps).toEqual(inOne);
    expect(inSteps.sheets.values).toEqual({ inserted: VALUES, updated: 0, unchanged: 0 });
    expect(steps).toContain(IMPORT_STEP_ROWS);
    expect(await storedValues(db)).toEqual(await storedValues(single));
    const audit = `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'value'`;
    expect(await count(db, audit)).toBe(await count(single, audit));
    const aggregates = 'SELECT count(*)::int AS n FROM value_rollup';
    expect(await count(db, aggregates)).toBe(await count(single, aggregates));
    expect(await db.query(`SELECT state, total, applied, inserted FROM import_run`)).toEqual([
      { state: 'done', total: VALUES, applied: VALUES, inserted: VALUES },
    ]);
    expect(await count(db, 'SELECT count(*)::int AS n FROM import_run_step')).toBe(0);
  });

  it('re-imports the same file as unchanged, writing nothing', async () => {
    const before = await dumpDatabase(db, ['import_run']);
    const report = await importWorkbook(at(serving(db, true)), LOCAL_ADMIN, { path: file });
    expect(report.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: VALUES });
    expect(await dumpDatabase(db, ['import_run'])).toEqual(before);
  });

  it('refuses a file breaking a validation rule before anything is staged or written', async () => {
    await db.query(
      `INSERT INTO validation_rule (code, name_vi, name_en, left_side, operator, right_side, indicator_codes)
       VALUES ('V9', 'Số hộ không quá 5000', 'At most 5000 households', '#{C1}', '<=', '5000', '{C1}')`,
    );
    try {
      const before = await dumpDatabase(db);
      const refused = importWorkbook(at(serving(db, true)), LOCAL_ADMIN, {
        path: await csvFolder(bigFile(1)),
      });
      await expect(refused).rejects.toMatchObject({ code: 'badInput' });
      const error = (await refused.catch((e: unknown) => e)) as AppError;
      expect(error.details.every((d) => d.sheet === 'values' && d.column === 'value')).toBe(true);
      expect(error.details[0]?.message_en).toContain('V9');
      expect(await dumpDatabase(db)).toEqual(before);
    } finally {
      await db.query(`DELETE FROM validation_rule WHERE code = 'V9'`);
    }
  });

  it('answers a request waiting between two steps before the import ends', async () => {
    const order: string[] = [];
    let asked: Promise<unknown> | null = null;
    const importing = importWorkbook(at(serving(db, true)), LOCAL_ADMIN, {
      path: await csvFolder(bigFile(2)),
      onProgress: (p) => {
        if (p.phase === 'write' && p.done === IMPORT_STEP_ROWS && !asked) {
          asked = db.query('SELECT count(*) FROM data_value').then(() => order.push('request'));
        }
      },
    }).then(() => order.push('import'));
    await importing;
    await asked;
    expect(order).toEqual(['request', 'import']);
  });

  it('discards an import stopped before it was decided', async () => {
    const before = await dumpDatabase(db);
    const stop = new AbortController();
    const reason = new AppError('unavailable', { vi: 'Dừng.', en: 'Stopped.' });
    const importing = importWorkbook(at(serving(db, true)), LOCAL_ADMIN, {
      path: await csvFolder(bigFile(3)),
      signal: stop.signal,
      onProgress: (p) => {
        // Staging reports `check` step by step: stop after the first step is staged.
        if (p.phase === 'check' && p.done === IMPORT_STEP_ROWS) stop.abort(reason);
      },
    });
    await expect(importing).rejects.toBe(reason);
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('writes the rest of an import stopped after it was decided when the database next opens; approvals wait', async () => {
    const stopping = new AbortController();
    const ctx: AppContext = { ...at(serving(db, true)), stopping: stopping.signal };
    const importing = importWorkbook(ctx, LOCAL_ADMIN, {
      path: await csvFolder(bigFile(4)),
      onProgress: (p) => {
        if (p.phase === 'write' && p.done >= IMPORT_STEP_ROWS) stopping.abort();
      },
    });
    const error = (await importing.catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('unavailable');
    expect(error.message_en).toContain('the rest is written when the database is next opened');
    expect(await count(db, `SELECT count(*)::int AS n FROM import_run WHERE state = 'applying'`)).toBe(1);
    const approving = applyReviewEvent(at(db), LOCAL_ADMIN, {
      plan: 'KH1',
      period: '2024',
      event: 'approve',
      units: ['15'],
    });
    await expect(approving).rejects.toMatchObject({ code: 'conflict' });

    const settled = await finishInterruptedImports(at(db));
    expect(settled.discarded).toBe(0);
    expect(settled.finished).toMatchObject([{ state: 'done', total: VALUES, applied: VALUES }]);
    expect(interruptedImportsNotice(settled)?.en).toContain('finished writing');
    expect(await count(db, `SELECT count(*)::int AS n FROM import_run WHERE state <> 'done'`)).toBe(0);
    // Every value now holds the stopped file's numbers (offset 4).
    const values = await db.query<{ value: number }>(
      `SELECT v.value FROM data_value v JOIN unit u ON u.id = v.unit_id WHERE u.code = 'V001' AND v.period = '202301'`,
    );
    expect(values).toEqual([{ value: 4 }]);
  });

  it('discards, when the database opens, a run a crash left staging', async () => {
    const before = await dumpDatabase(db, ['import_run']);
    const id = await createImportRun(db, {
      fileName: 'do-dang.csv',
      author: { name: 'x', source: 'import', address: null },
      keepComment: false,
      total: 1,
    });
    await stageImportStep(db, id, 0, []);
    const settled = await finishInterruptedImports(at(db));
    expect(settled).toEqual({ discarded: 1, finished: [] });
    expect(interruptedImportsNotice(settled)?.vi).toContain('bỏ 1 lần nhập');
    expect(await dumpDatabase(db, ['import_run'])).toEqual(before);
    expect(await count(db, `SELECT count(*)::int AS n FROM import_run WHERE id = ${id}`)).toBe(0);
  });
});
