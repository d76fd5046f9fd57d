import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFolder } from '../../../test/support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { seedSmallUnitTree } from '../../../test/support/values-fixture.js';
import { refusal } from '../../../test/support/app-errors.js';
import type { Db } from '../../store/db.js';
import { createIndicator } from '../catalogue/create-indicator.js';
import { updateIndicator } from '../catalogue/update-indicator.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { importWorkbook } from '../import/import-workbook.js';
import { outlierSettings } from './outliers.js';
import { saveValue } from './save-value.js';

const admin: Actor = { ...LOCAL_ADMIN, name: 'admin' };

describe.each(TEST_DB_KINDS)('plausible values and outliers on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let clock = Date.parse('2026-01-05T08:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date((clock += 1000)), outliers: { z: 3, minHistory: 4 } };
    await seedSmallUnitTree(db);
    await createIndicator(ctx, admin, { code: 'HH', nameVi: 'Số hộ có cáp quang', valueType: 'count' });
    await createIndicator(ctx, admin, {
      code: 'SCORE',
      nameVi: 'Điểm hài lòng',
      valueType: 'number',
      min: 1,
      max: 5,
    });
  }, 120_000);
  afterAll(async () => db.close());

  it('refuses a count of 1e300 on every path, naming the ceiling', async () => {
    const error = await refusal(
      saveValue(ctx, admin, { indicator: 'HH', unit: '04000', period: '2020', value: 1e300 }),
    );
    expect(error.code).toBe('badInput');
    expect(error.message_vi).toContain('1.000.000.000.000.000');
    expect(error.message_en).toContain('1,000,000,000,000,000');
    const csv = Buffer.from('indicator_code,unit_code,period,value\nHH,04000,2020,1e300\n', 'utf8');
    const imported = await refusal(
      importWorkbook(ctx, admin, { buffer: csv, format: 'csv', sheet: 'values' }),
    );
    expect(imported.details).toEqual([
      expect.objectContaining({
        sheet: 'values',
        row: 2,
        column: 'value',
        message_vi: expect.stringContaining('10^15'),
      }),
    ]);
    const json = path.join(await csvFolder({}), 'set.json');
    await writeFile(
      json,
      JSON.stringify({
        dataValues: [{ dataElement: 'HH', period: '2020', orgUnit: '04000', value: '1e300' }],
      }),
    );
    const dhis2 = await refusal(importWorkbook(ctx, admin, { path: json }));
    expect(dhis2.details).toEqual([expect.objectContaining({ sheet: 'dataValues', column: 'value' })]);
    expect(await db.query('SELECT 1 FROM data_value')).toEqual([]);
  });

  it('keeps values within the indicator’s own bounds, and lets them change', async () => {
    const below = await refusal(
      saveValue(ctx, admin, { indicator: 'SCORE', unit: '04000', period: '2020', value: '0,5' }),
    );
    expect(below.message_vi).toBe('Giá trị 0,5 nhỏ hơn mức tối thiểu 1 đặt cho chỉ tiêu này.');
    expect(below.details[0]?.field).toBe('value');
    const csv = Buffer.from('indicator_code,unit_code,period,value\nSCORE,04000,2020,6\n', 'utf8');
    const imported = await refusal(
      importWorkbook(ctx, admin, { buffer: csv, format: 'csv', sheet: 'values' }),
    );
    expect(imported.details[0]?.message_en).toBe(
      'The value 6 is above the maximum of 5 set for this indicator.',
    );
    const widened = await updateIndicator(ctx, admin, 'SCORE', { max: 10 });
    expect(widened).toMatchObject({ min: 1, max: 10 });
    const saved = await saveValue(ctx, admin, {
      indicator: 'SCORE',
      unit: '04000',
      period: '2020',
      value: 6,
    });
    expect(saved.value).toBe(6);
    expect(await updateIndicator(ctx, admin, 'SCORE', { min: null })).toMatchObject({ min: null, max: 10 });
  });

  it('refuses bounds the value type cannot take', async () => {
    const error = await refusal(
      createIndicator(ctx, admin, { code: 'PCT', nameVi: 'Tỷ lệ', valueType: 'percent', min: 20, max: 120 }),
    );
    expect(error.details.map((d) => d.field)).toEqual(['max']);
    const swapped = await refusal(updateIndicator(ctx, admin, 'SCORE', { min: 8, max: 2 }));
    expect(swapped.message_vi).toContain('nhỏ hơn mức tối thiểu');
  });

  it('warns, without refusing, of a saved value far from the unit’s history', async () => {
    for (const [year, value] of [
      ['2021', 100],
      ['2022', 110],
      ['2023', 95],
    ] as const) {
      const s = await saveValue(ctx, admin, { indicator: 'HH', unit: '04001', period: year, value });
      expect(s.warnings).toEqual([]);
    }
    // Three earlier values are too few to judge.
    const early = await saveValue(ctx, admin, { indicator: 'HH', unit: '04001', period: '2024', value: 104 });
    expect(early.warnings).toEqual([]);
    const slip = await saveValue(ctx, admin, {
      indicator: 'HH',
      unit: '04001',
      period: '2025',
      value: 10400,
    });
    expect(slip.action).toBe('create');
    expect(slip.warnings).toHaveLength(1);
    expect(slip.warnings[0]?.message_vi).toContain('«Số hộ có cáp quang» tại Xã Si Ma Cai, kỳ 2025');
    expect(slip.warnings[0]?.message_en).toContain('mean of the 4 earlier periods is 102.25');
    // Another unit's history, or quarters, are not this one's.
    const other = await saveValue(ctx, admin, {
      indicator: 'HH',
      unit: '04000',
      period: '2025',
      value: 10400,
    });
    expect(other.warnings).toEqual([]);
  });

  it('warns of outliers in an import, naming sheet, row and column, from one history', async () => {
    const csv = Buffer.from(
      'indicator_code,unit_code,period,value\nHH,04001,2026,105\nHH,04001,2027,99000\n',
      'utf8',
    );
    const report = await importWorkbook(ctx, admin, {
      buffer: csv,
      format: 'csv',
      sheet: 'values',
      dryRun: true,
    });
    expect(report.warnings).toEqual([
      expect.objectContaining({
        sheet: 'values',
        row: 3,
        column: 'value',
        message_vi: expect.stringContaining('99.000'),
      }),
    ]);
  });

  it('reads its settings from the environment, refusing a bad one', () => {
    expect(outlierSettings({}, { DXMON_OUTLIER_Z: '2,5', DXMON_OUTLIER_MIN_HISTORY: '6' })).toEqual({
      z: 2.5,
      minHistory: 6,
    });
    expect(outlierSettings({}, {})).toEqual({ z: 3, minHistory: 4 });
    expect(() => outlierSettings({}, { DXMON_OUTLIER_Z: 'ba' })).toThrow(/DXMON_OUTLIER_Z/);
  });
});
