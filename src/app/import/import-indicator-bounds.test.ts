import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { refusal } from '../../../test/support/app-errors.js';
import { csvFolder, dumpDatabase, loadSmallUnitTree } from '../../../test/support/import-fixture.js';
import type { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { importWorkbook } from './import-workbook.js';

const where = (e: AppError) => e.details.map((d) => `${d.sheet} ${d.row} ${d.column}`);

const HEADER = 'code,name_vi,value_type,unit';
const ROWS = ['P1,Tỷ lệ A,percent,%', 'C1,Số hộ B,count,hộ', 'N1,Chỉ số C,number,điểm'];

/** The indicators sheet with bound columns: each row's cells after the common ones (`,min,max`). */
const withBounds = (header: string, bounds: readonly string[]): string[] => [
  `${HEADER},${header}`,
  ...ROWS.map((r, i) => `${r},${bounds[i] ?? ','}`),
];

describe.each(TEST_DB_KINDS)('indicator bounds in an import on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  const bounds = async () =>
    (
      await db.query<{ line: string }>(
        `SELECT concat_ws(' ', code, coalesce(min_value::text, '∅'), coalesce(max_value::text, '∅')) AS line
         FROM indicator ORDER BY code`,
      )
    ).map((r) => r.line);
  const auditCount = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'indicator'`))[0]
      ?.n ?? -1;
  const run = async (indicators: readonly string[], values?: readonly string[]) =>
    importWorkbook(ctx, LOCAL_ADMIN, {
      path: await csvFolder(values ? { indicators, values } : { indicators }),
    });

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T00:00:00Z') };
    await loadSmallUnitTree(db);
    await run(
      [HEADER, ...ROWS],
      ['indicator_code,unit_code,period,value', 'P1,15,2024,"36,8"', 'P1,00001,2024,97', 'C1,15,2024,1234'],
    );
  }, 120_000);
  afterAll(async () => db.close());

  it('writes the bounds with the indicator, the audit row showing them', async () => {
    const report = await run(withBounds('min,max', ['"10,5",90', '0,', ',']));
    expect(report.sheets.indicators).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    // 97 is above the new maximum: said, not refused.
    expect(report.warnings.map((w) => [w.sheet, w.row, w.column, w.message_vi])).toEqual([
      [
        'indicators',
        2,
        'min',
        'Chỉ tiêu «P1» có số liệu đã lưu nằm ngoài giới hạn mới 10,5 – 90: 1 số liệu, bằng 97. Các số liệu này được giữ nguyên; khi sửa, chúng phải nằm trong giới hạn mới.',
      ],
    ]);
    expect(await bounds()).toEqual(['C1 0 ∅', 'N1 ∅ ∅', 'P1 10.5 90']);
    const [audit] = await db.query<{ old_data: Record<string, unknown>; new_data: Record<string, unknown> }>(
      `SELECT old_data, new_data FROM audit_log
       WHERE entity = 'indicator' AND entity_key = 'P1' AND action = 'update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit?.old_data).toMatchObject({ min_value: null, max_value: null });
    expect(audit?.new_data).toMatchObject({ min_value: 10.5, max_value: 90 });
  });

  it('writes nothing when the same file is imported again', async () => {
    const audits = await auditCount();
    const report = await run(withBounds('min,max', ['"10,5",90', '0,', ',']));
    expect(report.sheets.indicators).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await auditCount()).toBe(audits);
  });

  it('keeps the stored bounds when the columns are absent, and the one whose column is absent', async () => {
    const audits = await auditCount();
    expect((await run([HEADER, ...ROWS])).sheets.indicators).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await auditCount()).toBe(audits);
    const report = await run(withBounds('Giá trị lớn nhất', ['95', '', '']));
    expect(report.sheets.indicators).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
    expect(await bounds()).toEqual(['C1 0 ∅', 'N1 ∅ ∅', 'P1 10.5 95']);
  });

  it('clears a bound whose cell is empty in a present column', async () => {
    const report = await run(withBounds('Tối thiểu,Tối đa', [',95', ',', ',']));
    expect(report.sheets.indicators).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    expect(await bounds()).toEqual(['C1 ∅ ∅', 'N1 ∅ ∅', 'P1 ∅ 95']);
  });

  it('refuses bad bounds naming their cell, the database unchanged', async () => {
    const before = await dumpDatabase(db);
    const error = await refusal(
      run(withBounds('Giá trị nhỏ nhất,Giá trị lớn nhất', ['0,120', '80,20', 'abc,'])),
    );
    expect(where(error)).toEqual([
      'indicators 2 Giá trị lớn nhất',
      'indicators 3 Giá trị lớn nhất',
      'indicators 4 Giá trị nhỏ nhất',
    ]);
    expect(error.details[0]?.message_en).toMatch(/outside the limits of a percent indicator: 0 to 100/);
    expect(error.details[0]?.message_vi).toMatch(/nằm ngoài giới hạn của kiểu phần trăm/);
    expect(error.details[1]?.message_en).toMatch(/maximum 20 is below the minimum 80/);
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('refuses a stored bound the row cannot keep: below a new minimum, or outside a new value type', async () => {
    const before = await dumpDatabase(db);
    const above = await refusal(run(withBounds('min', ['96', '', ''])));
    expect(where(above)).toEqual(['indicators 2 min']);
    expect(above.details[0]?.message_en).toMatch(/maximum 95 is below the minimum 96.*no max column/);
    const retyped = await refusal(run([HEADER, 'P1,Tỷ lệ A,boolean,', ...ROWS.slice(1)]));
    expect(where(retyped)).toEqual(['indicators 2 value_type']);
    expect(retyped.details[0]?.message_en).toMatch(/does not apply to a yes\/no.*stored bound is kept/);
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('checks the values of the same file against the bounds the file sets', async () => {
    const before = await dumpDatabase(db);
    const error = await refusal(
      run(withBounds('min,max', ['50,', ',', ',']), [
        'indicator_code,unit_code,period,value',
        'P1,15,2025,40',
      ]),
    );
    expect(where(error)).toEqual(['values 2 value']);
    expect(await dumpDatabase(db)).toEqual(before);
    const ok = await run(withBounds('min,max', ['30,', ',', ',']), [
      'indicator_code,unit_code,period,value',
      'P1,15,2025,40',
    ]);
    expect(ok.sheets.values.inserted).toBe(1);
  });

  it('warns once per indicator whose new bounds exclude values it has, and writes all the same', async () => {
    const report = await run(withBounds('min,max', ['50,90', '0,1000', ',']));
    expect(report.sheets.indicators).toEqual({ inserted: 0, updated: 2, unchanged: 1 });
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings.map((w) => `${w.sheet} ${w.row} ${w.column}`)).toEqual([
      'indicators 2 min',
      'indicators 3 min',
    ]);
    expect(report.warnings[0]?.message_en).toBe(
      'Indicator «P1» has stored values outside its new bounds 50 – 90: 3 of them, from 36.8 to 97. They are kept as they are; once edited they must be within the new bounds.',
    );
    expect(report.warnings[0]?.message_vi).toContain(
      'có số liệu đã lưu nằm ngoài giới hạn mới 50 – 90: 3 số liệu, từ 36,8 đến 97.',
    );
    expect(report.warnings[1]?.message_en).toContain(
      'outside its new bounds 0 – 1,000: 1 of them, equal to 1,234.',
    );
    expect(await bounds()).toEqual(['C1 0 1000', 'N1 ∅ ∅', 'P1 50 90']);
    // Bounds that exclude nothing, or unchanged ones, say nothing.
    expect((await run(withBounds('min,max', ['30,100', '0,1000', ',']))).warnings).toEqual([]);
  });
});
