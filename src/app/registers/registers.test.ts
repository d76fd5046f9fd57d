import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { unitInput } from '../../../test/support/units-fixture.js';
import { expectError } from '../../../test/support/app-errors.js';
import { parsePeriod, periodEnd, periodStart } from '../../domain/period.js';
import { parseBooleanWord } from '../../domain/validate-value.js';
import { parseImportWorkbook } from '../../io/import-schema.js';
import { readWorkbookFromBuffer } from '../../io/read-workbook.js';
import type { Db } from '../../store/db.js';
import { refreshUnitPaths, upsertUnits, type UnitInput } from '../../store/units.queries.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { buildRegisterTemplate } from './build-register-template.js';
import { getRegisterChange } from './get-register-change.js';
import { listLackingUnits } from './list-lacking-units.js';

const unit = (
  code: string,
  name: string,
  level: UnitInput['level'],
  parent: { set: string; code: string } | null,
  validFrom: string | null = null,
): UnitInput => ({ ...unitInput(code, name, level, parent), validFrom });

const admin: Actor = { ...LOCAL_ADMIN, source: 'cli' };

/** Writes values the way the value store keeps them: booleans as 1 and 0. */
async function putValues(
  db: Db,
  indicator: string,
  period: string,
  values: Record<string, boolean | number | null>,
): Promise<void> {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(period);
  for (const [code, value] of Object.entries(values)) {
    await db.query(
      `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
       SELECT i.id, u.id, $3, $4, $5::date, $6::date, $7, 'cli'
       FROM indicator i, unit u WHERE i.code = $1 AND u.code = $2
       ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET value = excluded.value`,
      [
        indicator,
        code,
        period,
        p.value.type,
        periodStart(p.value),
        periodEnd(p.value),
        typeof value === 'boolean' ? (value ? 1 : 0) : value,
      ],
    );
  }
}

describe.each(TEST_DB_KINDS)('registers on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await upsertUnits(db, '2025', [
      unit('VN', 'Việt Nam', 'national', null),
      unit('99', 'Tỉnh Thử', 'province', { set: '2025', code: 'VN' }),
      unit('99001', 'Xã Một', 'commune', { set: '2025', code: '99' }),
      unit('99002', 'Xã Hai', 'commune', { set: '2025', code: '99' }),
    ]);
    const c1 = { set: '2025', code: '99001' };
    const c2 = { set: '2025', code: '99002' };
    await upsertUnits(db, 'workspace', [
      unit('V1', 'Thôn Một', 'village', c1),
      unit('V2', 'Thôn Hai', 'village', c1),
      unit('V3', 'Thôn Ba', 'village', c1),
      unit('V4', 'Thôn Bốn', 'village', c2),
      unit('V5', 'Thôn Năm', 'village', c2),
      // Split off in May: it did not exist in the first quarter.
      unit('V6', 'Thôn Sáu', 'village', c2, '2024-05-01'),
    ]);
    await refreshUnitPaths(db);
    await db.query(
      `INSERT INTO indicator (code, name_vi, value_type) VALUES
         ('REG_X', 'Thôn có cáp quang', 'boolean'), ('REG_Y', 'Số tổ công nghệ số', 'count'),
         ('REG_R', 'Tỷ lệ', 'ratio')`,
    );
    await putValues(db, 'REG_X', '2024Q1', { V1: false, V2: false, V3: true, V4: false, V5: false });
    await putValues(db, 'REG_X', '2024Q2', { V1: true, V2: false, V3: false, V4: true, V6: false });
    await putValues(db, 'REG_Y', '2024Q2', { V1: 2, V2: 1 });
  }, 120_000);
  afterAll(async () => db.close());

  it('counts closed and opened gaps between two periods, with a unit added in between', async () => {
    const result = await getRegisterChange(ctx, admin, {
      indicator: 'REG_X',
      from: '2024Q1',
      to: '2024Q2',
      unit: '99',
    });
    const codes = (s: { units: { code: string }[] }) => s.units.map((u) => u.code);
    expect(result.change.from).toMatchObject({ period: '2024Q1', count: 4 });
    expect(codes(result.change.from)).toEqual(['V1', 'V2', 'V4', 'V5']);
    expect(codes(result.change.to)).toEqual(['V2', 'V3', 'V6']);
    // V5 has no value in Q2: neither closed nor still lacking. V6 is new and lacks it: opened.
    expect(codes(result.change.closed)).toEqual(['V1', 'V4']);
    expect(codes(result.change.opened)).toEqual(['V3', 'V6']);
    expect(result.change.closed.units[1]).toEqual({
      code: 'V4',
      name: 'Thôn Bốn',
      parentCode: '99002',
      parentName: 'Xã Hai',
    });
    expect(result.phrase).toEqual({
      vi: 'xóa được 2 thôn, còn 3 thôn',
      en: '2 villages no longer lacking, 3 villages still lacking',
    });
  });

  it('limits the change to the units under a commune', async () => {
    const result = await getRegisterChange(ctx, admin, {
      indicator: 'REG_X',
      from: '2024Q1',
      to: '2024Q2',
      unit: '99001',
    });
    expect([
      result.change.from.count,
      result.change.to.count,
      result.change.closed.count,
      result.change.opened.count,
    ]).toEqual([2, 2, 1, 1]);
  });

  it('lists the units lacking a register at a period, taking the latest value inside a longer period', async () => {
    const q2 = await listLackingUnits(ctx, admin, { indicator: 'REG_X', period: '2024Q2', unit: '99' });
    expect(q2).toMatchObject({ indicator: 'REG_X', period: '2024Q2', unit: '99', withValue: 5, count: 3 });
    expect(q2.noun).toEqual({ vi: 'thôn', en: 'villages' });
    const year = await listLackingUnits(ctx, admin, { indicator: 'REG_X', period: '2024' });
    expect(year.units.map((u) => u.code)).toEqual(['V2', 'V3', 'V5', 'V6']);
    expect(year.unit).toBeNull();
    const none = await listLackingUnits(ctx, admin, { indicator: 'REG_X', period: '2023Q4', unit: '99' });
    expect(none).toMatchObject({ withValue: 0, count: 0, units: [] });
  });

  it('refuses unknown or non-yes/no indicators, bad periods, and readers outside the unit', async () => {
    await expectError(listLackingUnits(ctx, admin, { indicator: 'NOPE', period: '2024Q2' }), 'notFound');
    await expectError(listLackingUnits(ctx, admin, { indicator: 'REG_Y', period: '2024Q2' }), 'badInput');
    await expectError(
      getRegisterChange(ctx, admin, { indicator: 'REG_X', from: '2024Q5', to: '2024Q2' }),
      'badInput',
    );
    const outsider: Actor = {
      kind: 'user',
      name: 'x',
      grants: [{ role: 'viewer', unitPath: '/999999/' }],
      source: 'api',
    };
    await expectError(
      listLackingUnits(ctx, outsider, { indicator: 'REG_X', period: '2024Q2', unit: '99' }),
      'forbidden',
    );
  });

  it('generates an entry workbook of every village that imports back as the values sheet', async () => {
    const template = await buildRegisterTemplate(ctx, admin, {
      indicators: ['REG_X'],
      period: '2024Q3',
      unit: '99',
    });
    expect(template).toMatchObject({ rows: 6, units: 6, level: 'village' });
    const raw = await readWorkbookFromBuffer(template.bytes, 'xlsx');
    const parsed = await parseImportWorkbook(raw);
    expect(parsed.errors).toEqual([]);
    // The three reading aids after the import's columns are ignored with a warning each.
    expect(parsed.warnings).toHaveLength(3);
    const values = parsed.records.values.map((v) => {
      const b = parseBooleanWord(String(v.value));
      return [v.indicatorCode, v.unitCode.code, v.period.id, b.ok ? b.value : null];
    });
    // Carried forward from the latest value up to the period: Q2, or Q1 for V5.
    expect(values).toEqual([
      ['REG_X', 'V1', '2024Q3', true],
      ['REG_X', 'V2', '2024Q3', false],
      ['REG_X', 'V3', '2024Q3', false],
      ['REG_X', 'V4', '2024Q3', true],
      ['REG_X', 'V5', '2024Q3', false],
      ['REG_X', 'V6', '2024Q3', false],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('values')!;
    expect(sheet.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ['"có,không"'] });
    expect(sheet.getCell('F2').value).toBe('Thôn Một');
  });

  it('leaves cells without a known value empty, and the import names each of them', async () => {
    const template = await buildRegisterTemplate(ctx, admin, {
      indicators: ['REG_X', 'REG_Y'],
      period: '2024Q2',
      unit: '99001',
    });
    expect(template).toMatchObject({ rows: 6, units: 3 });
    const parsed = await parseImportWorkbook(await readWorkbookFromBuffer(template.bytes, 'xlsx'));
    // REG_Y has no value for V3 (row 7): only that row is refused.
    expect(parsed.errors.map((e) => [e.row, e.column])).toEqual([[7, 'Giá trị (value)']]);
    expect(parsed.records.values.map((v) => [v.unitCode.code, v.indicatorCode, v.value])).toEqual([
      ['V1', 'REG_X', 'có'],
      ['V1', 'REG_Y', 2],
      ['V2', 'REG_X', 'không'],
      ['V2', 'REG_Y', 1],
      ['V3', 'REG_X', 'không'],
    ]);
  });

  it('lists communes when asked, and refuses ratio indicators and empty levels', async () => {
    const communes = await buildRegisterTemplate(ctx, admin, {
      indicators: ['REG_X'],
      period: '2024Q2',
      unit: '99',
      level: 'commune',
    });
    expect(communes).toMatchObject({ rows: 2, units: 2, level: 'commune' });
    await expectError(
      buildRegisterTemplate(ctx, admin, { indicators: ['REG_R'], period: '2024Q2', unit: '99' }),
      'badInput',
    );
    await expectError(
      buildRegisterTemplate(ctx, admin, {
        indicators: ['REG_X'],
        period: '2024Q2',
        unit: '99',
        level: 'district',
      }),
      'badInput',
    );
    // In the first quarter, V6 did not exist yet.
    const q1 = await buildRegisterTemplate(ctx, admin, {
      indicators: ['REG_X'],
      period: '2024Q1',
      unit: '99',
    });
    expect(q1.units).toBe(5);
  });
});
