import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  csvFolder,
  dumpDatabase,
  FULL_FILE,
  loadSmallUnitTree,
} from '../../../test/support/import-fixture.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { importWorkbook } from '../import/import-workbook.js';
import { buildEntryTemplate } from './build-entry-template.js';

type Cells = (string | number | null)[];

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  await wb.xlsx.load(copy);
  return wb;
}

/** The seven import columns of each data row of the `values` sheet. */
function importCells(wb: ExcelJS.Workbook): Cells[] {
  const ws = wb.getWorksheet('values');
  const out: Cells[] = [];
  ws?.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Cells = [];
    for (let c = 1; c <= 7; c++) {
      const v = row.getCell(c).value;
      cells.push(v === undefined ? null : (v as string | number | null));
    }
    out.push(cells);
  });
  return out;
}

describe.each(TEST_DB_KINDS)('buildEntryTemplate on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T00:00:00Z') };
    await loadSmallUnitTree(db);
    await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
  }, 120_000);
  afterAll(async () => db.close());

  it('has one row per target the unit reports or leads, the stored values, labels, locks and a drop-down', async () => {
    const t = await buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024S1', unit: '15' });
    expect(t.fileName).toBe('mau-nhap-KH1-2024S1-15.xlsx');
    const wb = await load(t.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['values', 'Hướng dẫn']);
    const ws = wb.getWorksheet('values');
    if (!ws) throw new Error('no values sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1, 9)).toEqual([
      'Mã chỉ tiêu (indicator_code)',
      'Mã đơn vị (unit_code)',
      'Kỳ báo cáo (period)',
      'Giá trị (value)',
      'Tử số (numerator)',
      'Mẫu số (denominator)',
      'Ghi chú (comment)',
      'Tên chỉ tiêu',
    ]);
    expect(importCells(wb)).toEqual([
      ['C1', '15', '2024S1', null, null, null, null],
      ['P1', '15', '2024S1', 36.8, null, null, 'Báo cáo sơ kết'],
      ['R1', '15', '2024S1', null, null, null, null],
    ]);
    const p1 = ws.getRow(3);
    // Excel cells are locked unless said otherwise; exceljs reads the default back as undefined.
    expect(p1.getCell(1).protection?.locked ?? true).toBe(true);
    expect(p1.getCell(4).protection?.locked).toBe(false);
    expect(p1.getCell(5).protection?.locked ?? true).toBe(true);
    expect(p1.getCell(2).numFmt).toBe('@');
    expect(p1.getCell(12).value).toBe(95);
    expect(ws.getRow(4).getCell(5).protection?.locked).toBe(false);
    expect(ws.getRow(2).getCell(4).numFmt).toBe('#,##0');
    // exceljs keeps the protection it read, without typing it.
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    const help = wb.getWorksheet('Hướng dẫn');
    const text = (help?.getColumn(1).values ?? []).join('\n');
    expect(text).toContain('Cách điền');
    expect(text).toContain('How to fill it in');
  });

  it('covers every unit under one with --under, with a có/không drop-down for booleans', async () => {
    const t = await buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024', under: '15' });
    const wb = await load(t.bytes);
    const rows = importCells(wb);
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(['C1 15', 'P1 15', 'R1 15', 'B1 LCI-THON1']);
    expect(rows[3]?.[3]).toBe('có');
    const cell = wb.getWorksheet('values')?.getRow(5).getCell(4);
    expect(cell?.dataValidation).toMatchObject({ type: 'list', formulae: ['"có,không"'] });
  });

  it('round-trips: importing it unchanged writes nothing; filled in, it imports and comes back as filled', async () => {
    const first = await buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024', under: '15' });
    const before = await dumpDatabase(db);
    const unchanged = await importWorkbook(ctx, LOCAL_ADMIN, { buffer: first.bytes, format: 'xlsx' });
    expect(unchanged.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(unchanged.warnings.map((w) => w.message_en)).toEqual([
      'Skipped 2 template row(s) left without a value.',
    ]);
    expect(await dumpDatabase(db)).toEqual(before);

    const wb = await load(first.bytes);
    const ws = wb.getWorksheet('values');
    if (!ws) throw new Error('no values sheet');
    ws.getRow(2).getCell(4).value = 1500;
    ws.getRow(3).getCell(4).value = 88.5;
    ws.getRow(3).getCell(7).value = 'cả năm';
    ws.getRow(4).getCell(5).value = 35;
    ws.getRow(4).getCell(6).value = 40;
    ws.getRow(5).getCell(4).value = 'không';
    const filled = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { buffer: filled, format: 'xlsx' });
    expect(report.sheets.values).toEqual({ inserted: 2, updated: 2, unchanged: 0 });
    const again = await buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024', under: '15' });
    expect(importCells(await load(again.bytes))).toEqual(importCells(await load(filled)));
    const twice = await importWorkbook(ctx, LOCAL_ADMIN, { buffer: again.bytes, format: 'xlsx' });
    expect(twice.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
  });

  it('refuses an unknown plan, a bad period and a missing unit', async () => {
    await expect(
      buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'NOPE', period: '2024', unit: '15' }),
    ).rejects.toMatchObject({ code: 'notFound' });
    await expect(
      buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024X', unit: '15' }),
    ).rejects.toMatchObject({ code: 'badInput' });
    await expect(buildEntryTemplate(ctx, LOCAL_ADMIN, { plan: 'KH1', period: '2024' })).rejects.toMatchObject(
      { code: 'badInput' },
    );
  });
});
