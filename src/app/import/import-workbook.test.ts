import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { refusal } from '../../../test/support/app-errors.js';
import {
  csvFolder,
  dumpDatabase,
  FULL_FILE,
  loadSmallUnitTree,
  storedValues,
} from '../../../test/support/import-fixture.js';
import type { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { importWorkbook } from './import-workbook.js';

const VALUES_AFTER_FULL = [
  'B1 LCI-THON1 2024 1 ∅ ∅ ∅',
  'B1 LCI-THON2 2024 0 ∅ ∅ ∅',
  'C1 15 2024Q1 1234 ∅ ∅ ∅',
  'C1 LCI-STTTT 2024Q1 12 ∅ ∅ ∅',
  'M1 15 2024 1500000 ∅ ∅ ∅',
  'N1 15 2024 -2.5 ∅ ∅ ∅',
  'P1 15 2024S1 36.8 ∅ ∅ Báo cáo sơ kết',
  'P1 pre2025:10 2024 97 ∅ ∅ giá trị cũ',
  'R1 15 2024 75 30 40 ∅',
];

const where = (e: AppError) => e.details.map((d) => `${d.sheet} ${d.row} ${d.column}`);

describe.each(TEST_DB_KINDS)('importWorkbook on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  const auditCount = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? -1;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T00:00:00Z') };
    await loadSmallUnitTree(db);
  }, 120_000);
  afterAll(async () => db.close());

  it('imports every sheet and every value type in one go', async () => {
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
    expect(report).toMatchObject({ dryRun: false, format: 'csv', warnings: [] });
    expect(report.sheets).toEqual({
      units: { inserted: 3, updated: 0, unchanged: 0 },
      indicators: { inserted: 6, updated: 0, unchanged: 0 },
      plans: { inserted: 1, updated: 0, unchanged: 0 },
      targets: { inserted: 4, updated: 0, unchanged: 0 },
      values: { inserted: 9, updated: 0, unchanged: 0 },
      tasks: { inserted: 2, updated: 0, unchanged: 0 },
      index_nodes: { inserted: 3, updated: 0, unchanged: 0 },
    });
    expect(await storedValues(db)).toEqual(VALUES_AFTER_FULL);
    const units = await db.query<{ code: string; parent: string; path: string; level: string }>(
      `SELECT u.code, p.code AS parent, u.path, u.level FROM unit u JOIN unit p ON p.id = u.parent_id
       WHERE u.set_code = 'workspace' ORDER BY u.code`,
    );
    expect(units.map((u) => `${u.code}<${u.parent} ${u.level}`)).toEqual([
      'LCI-STTTT<15 agency',
      'LCI-THON1<00001 village',
      'LCI-THON2<LCI-THON1 village',
    ]);
    const pathOf = (code: string) => units.find((u) => u.code === code)?.path ?? '?';
    expect(pathOf('LCI-THON2').startsWith(pathOf('LCI-THON1'))).toBe(true);
    expect(pathOf('LCI-THON2').length).toBeGreaterThan(pathOf('LCI-THON1').length);
    const indicators = await db.query<{ line: string }>(
      `SELECT concat_ws(' ', code, value_type, direction, time_aggregation, group_code, measure_unit) AS line
       FROM indicator ORDER BY code`,
    );
    expect(indicators.map((r) => r.line)).toEqual([
      'B1 boolean reach last infrastructure',
      'C1 count increase sum digitalSociety hộ',
      'M1 money increase sum digitalEconomy đồng',
      'N1 number decrease average NEWGROUP điểm',
      'P1 percent increase last digitalGovernment %',
      'R1 ratio increase last infrastructure %',
    ]);
    const targets = await db.query<{ line: string }>(
      `SELECT concat_ws(' ', i.code, u.code, t.period, t.target, t.baseline, t.baseline_period, l.code, t.note) AS line
       FROM target t JOIN indicator i ON i.id = t.indicator_id JOIN unit u ON u.id = t.unit_id
       LEFT JOIN unit l ON l.id = t.lead_unit_id ORDER BY 1`,
    );
    expect(targets.map((r) => r.line)).toEqual([
      'B1 LCI-THON1 2024 1',
      'C1 15 2024 1200 LCI-STTTT',
      'P1 15 2024 95 80 2023 LCI-STTTT Mục tiêu năm',
      'R1 15 2025 60',
    ]);
    const tasks = await db.query<{ line: string }>(
      `SELECT concat_ws(' ', t.code, p.code, u.code, t.status, t.recurring) AS line
       FROM task t JOIN programme p ON p.id = t.programme_id JOIN unit u ON u.id = t.lead_unit_id ORDER BY 1`,
    );
    expect(tasks.map((r) => r.line)).toEqual(['T1 DA06 LCI-STTTT completed f', 'T2 DA06 15 recurring t']);
    const sources = await db.query<{ source: string; n: number }>(
      `SELECT source, count(*)::int AS n FROM data_value GROUP BY source`,
    );
    expect(sources).toEqual([{ source: 'import', n: 9 }]);
    const audit = await db.query<{ entity: string; n: number }>(
      `SELECT entity, count(*)::int AS n FROM audit_log WHERE action = 'create' GROUP BY entity ORDER BY entity`,
    );
    expect(Object.fromEntries(audit.map((a) => [a.entity, a.n]))).toMatchObject({
      indicator: 6,
      plan: 1,
      target: 4,
      task: 2,
      unit: 3,
      value: 9,
    });
  });

  it('changes nothing when the same file is imported again: no row written, no audit row', async () => {
    const before = await dumpDatabase(db);
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
    expect(report.sheets).toEqual({
      units: { inserted: 0, updated: 0, unchanged: 3 },
      indicators: { inserted: 0, updated: 0, unchanged: 6 },
      plans: { inserted: 0, updated: 0, unchanged: 1 },
      targets: { inserted: 0, updated: 0, unchanged: 4 },
      values: { inserted: 0, updated: 0, unchanged: 9 },
      tasks: { inserted: 0, updated: 0, unchanged: 2 },
      index_nodes: { inserted: 0, updated: 0, unchanged: 3 },
    });
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('a dry run reports what would change and writes nothing; the real run then does just that', async () => {
    const changed = await csvFolder({
      values: [
        'indicator_code,unit_code,period,value,numerator,denominator,comment',
        'P1,15,2024S1,40,,,Báo cáo sơ kết',
        'P1,15,2024,41.5,,,mới',
        'C1,15,2024Q1,1234,,,',
      ],
    });
    const before = await dumpDatabase(db);
    const dry = await importWorkbook(ctx, LOCAL_ADMIN, { path: changed, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.sheets.values).toEqual({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await dumpDatabase(db)).toEqual(before);
    const audits = await auditCount();
    // The dry run alone lists each value row, old beside new, changes first.
    const { changes, ...report } = dry;
    expect(changes?.items.map((c) => `${c.row} ${c.status} ${c.old ?? '∅'} → ${c.new ?? '∅'}`)).toEqual([
      '2 changed 36.8 → 40',
      '3 added ∅ → 41.5',
      '4 unchanged 1234 → 1234',
    ]);
    const real = await importWorkbook(ctx, LOCAL_ADMIN, { path: changed });
    expect(real).toEqual({ ...report, dryRun: false });
    expect(await auditCount()).toBe(audits + 2);
    const [row] = await db.query<{ value: number; version: number; source: string; updated_by: string }>(
      `SELECT v.value, v.version, v.source, v.updated_by FROM data_value v JOIN indicator i ON i.id = v.indicator_id
       WHERE i.code = 'P1' AND v.period = '2024S1'`,
    );
    expect(row).toEqual({ value: 40, version: 2, source: 'import', updated_by: 'local-admin' });
    const [audit] = await db.query<{ old_data: unknown; new_data: unknown; source: string; actor: string }>(
      `SELECT old_data, new_data, source, actor FROM audit_log
       WHERE entity = 'value' AND entity_key = 'P1|15|2024S1' AND action = 'update'`,
    );
    expect(audit).toEqual({
      old_data: { value: 36.8, numerator: null, denominator: null, comment: 'Báo cáo sơ kết', version: 1 },
      new_data: { value: 40, numerator: null, denominator: null, comment: 'Báo cáo sơ kết', version: 2 },
      source: 'import',
      actor: 'local-admin',
    });
  });

  it('keeps stored comments when the values sheet has no comment column', async () => {
    const dir = await csvFolder({
      values: ['indicator_code,unit_code,period,value', 'P1,15,2024S1,40', 'P1,pre2025:10,2024,98'],
    });
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { path: dir });
    expect(report.sheets.values).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await storedValues(db)).toContain('P1 pre2025:10 2024 98 ∅ ∅ giá trị cũ');
  });

  it('refuses a file of good and bad rows whole, listing every bad cell, the database byte for byte unchanged', async () => {
    const bad = await csvFolder({
      units: [
        'code,name,kind,parent_code',
        'LCI-X,Đơn vị X,agency,15',
        '15,Trùng mã tỉnh,agency,',
        'LCI-Y,Đơn vị Y,agency,LCI-Z',
        'LCI-Z,Đơn vị Z,agency,LCI-Y',
        'LCI-W,Đơn vị W,agency,NOWHERE',
      ],
      targets: [
        'plan_code,indicator_code,unit_code,period,target,baseline,baseline_period,lead_unit_code,note',
        'NOPLAN,P1,15,2024,90,,,,',
        'KH1,P1,15,2030,90,,,,',
        'KH1,C1,15,2024,1.5,,,,',
        'KH1,B1,15,2024,có,,,LCI-X,',
      ],
      values: [
        'indicator_code,unit_code,period,value,numerator,denominator,comment',
        'P1,15,2024S2,50,,,tốt',
        'NOPE,15,2024,1,,,',
        'P1,99999,2024,1,,,',
        'P1,15,2024Q3,120,,,',
        'C1,15,2024Q2,2.5,,,',
        'B1,15,2024Q2,maybe,,,',
        'R1,15,2024Q2,,50,40,',
        'P1,10,2024,5,,,',
        'M1,15,2024Q2,-5,,,',
        'P1,15,2024S2,60,,,',
        'P1,15,2024W3,1,,,',
        'P1,15,2024Q4,1.234,,,',
        'C1,15,2024Q3,3,2,4,',
        'R1,LCI-X,2024,,1,0,',
      ],
    });
    const before = await dumpDatabase(db);
    const error = await refusal(importWorkbook(ctx, LOCAL_ADMIN, { path: bad }));
    expect(error.code).toBe('badInput');
    expect(where(error)).toEqual([
      'units 3 code',
      'units 4 parent_code',
      'units 5 parent_code',
      'units 6 parent_code',
      'targets 2 plan_code',
      'targets 3 period',
      'targets 4 target',
      'values 3 indicator_code',
      'values 4 unit_code',
      'values 5 value',
      'values 6 value',
      'values 7 value',
      'values 8 numerator',
      'values 9 unit_code',
      'values 10 value',
      'values 11 indicator_code',
      'values 12 period',
      'values 13 value',
      'values 14 numerator',
      'values 14 denominator',
      'values 15 denominator',
    ]);
    for (const d of error.details) {
      expect(d.message_vi.length).toBeGreaterThan(10);
      expect(d.message_en.length).toBeGreaterThan(10);
    }
    expect(error.details.find((d) => d.row === 9)?.message_en).toContain('write pre2025:10');
    expect(error.details.find((d) => d.sheet === 'units' && d.row === 4)?.message_en).toContain('cycle');
    expect(await dumpDatabase(db)).toEqual(before);
  });

  it('refuses values that break a validation rule, naming the rule, after checking them with the stored ones', async () => {
    await db.query(
      `INSERT INTO validation_rule (code, name_vi, name_en, left_side, operator, right_side, indicator_codes)
       VALUES ('V1', 'Số hộ STTTT không quá tỉnh', 'Agency count within province', '#{C1}', '<=', '#{M1}', '{C1,M1}')`,
    );
    try {
      const dir = await csvFolder({
        values: ['indicator_code,unit_code,period,value', 'C1,15,2024,2000000', 'M1,15,2024,1500000'],
      });
      const before = await dumpDatabase(db);
      const error = await refusal(importWorkbook(ctx, LOCAL_ADMIN, { path: dir }));
      expect(where(error)).toEqual(['values 2 value', 'values 3 value']);
      expect(error.details[0]?.message_en).toContain('V1');
      expect(await dumpDatabase(db)).toEqual(before);
      const ok = await csvFolder({ values: ['indicator_code,unit_code,period,value', 'C1,15,2024,20'] });
      expect((await importWorkbook(ctx, LOCAL_ADMIN, { path: ok })).sheets.values.inserted).toBe(1);
    } finally {
      await db.query(`DELETE FROM validation_rule WHERE code = 'V1'`);
    }
  });

  it('refuses to change values of a period approved for their unit, and accepts them unchanged', async () => {
    await db.query(
      `INSERT INTO review (plan_id, unit_id, period, period_start, period_end, state, updated_at)
       SELECT p.id, u.id, '2024', '2024-01-01', '2024-12-31', 'approved', now()
       FROM plan p, unit u WHERE p.code = 'KH1' AND u.set_code = '2025' AND u.code = '15'`,
    );
    try {
      const same = await csvFolder({
        values: ['indicator_code,unit_code,period,value', 'C1,15,2024Q1,1234', 'N1,15,2024,-2.5'],
      });
      expect((await importWorkbook(ctx, LOCAL_ADMIN, { path: same })).sheets.values.unchanged).toBe(2);
      const changed = await csvFolder({
        values: ['indicator_code,unit_code,period,value', 'C1,15,2024Q1,1300', 'N1,15,2024,7'],
      });
      const error = await refusal(importWorkbook(ctx, LOCAL_ADMIN, { path: changed }));
      // N1 has no target in the approved plan, so only C1 is locked; the review at 15 locks the units below.
      expect(error.code).toBe('locked');
      expect(where(error)).toEqual(['values 2 value']);
      expect(error.details[0]?.message_en).toContain('approved');
      const below = await csvFolder({
        values: ['indicator_code,unit_code,period,value', 'C1,LCI-STTTT,2024Q1,13'],
      });
      expect(where(await refusal(importWorkbook(ctx, LOCAL_ADMIN, { path: below })))).toEqual([
        'values 2 value',
      ]);
    } finally {
      await db.query(`DELETE FROM review`);
    }
  });

  it('refuses rows outside the units a reporter may write, listing them', async () => {
    const [commune] = await db.query<{ path: string }>(
      `SELECT path FROM unit WHERE set_code = '2025' AND code = '00001'`,
    );
    const reporter: Actor = {
      kind: 'user',
      name: 'reporter',
      grants: [{ role: 'reporter', unitPath: commune?.path ?? '' }],
      source: 'api',
    };
    const dir = await csvFolder({
      values: ['indicator_code,unit_code,period,value', 'B1,LCI-THON1,2025,có', 'P1,15,2025,50'],
    });
    const before = await dumpDatabase(db);
    const error = await refusal(importWorkbook(ctx, reporter, { path: dir }));
    expect(error.code).toBe('forbidden');
    expect(where(error)).toEqual(['values 3 unit_code']);
    expect(await dumpDatabase(db)).toEqual(before);
    const allowed = await csvFolder({
      values: ['indicator_code,unit_code,period,value', 'B1,LCI-THON1,2025,có'],
    });
    expect((await importWorkbook(ctx, reporter, { path: allowed })).sheets.values.inserted).toBe(1);
  });

  it('reads a workbook with Vietnamese sheet names and column labels, number cells and a percentage cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Số liệu');
    ws.addRow(['Mã chỉ tiêu', 'Mã đơn vị', 'Kỳ báo cáo', 'Giá trị (value)', 'Tử số', 'Mẫu số', 'Ghi chú']);
    ws.addRow(['P1', '15', '2023', 10.851, null, null, 'ô số']);
    const pct = ws.addRow(['P1', '15', '2022', 0.97]);
    pct.getCell(4).numFmt = '0%';
    ws.addRow(['R1', '15', '2023', null, 3, 4]);
    const file = path.join(await csvFolder({}), 'book.xlsx');
    await wb.xlsx.writeFile(file);
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { path: file });
    expect(report.format).toBe('xlsx');
    expect(report.sheets.values).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const values = await storedValues(db);
    expect(values).toEqual(
      expect.arrayContaining(['P1 15 2023 10.851 ∅ ∅ ô số', 'P1 15 2022 97 ∅ ∅ ∅', 'R1 15 2023 75 3 4 ∅']),
    );
  });

  it('imports a DHIS2 dataValueSet and names DHIS2 fields in its errors', async () => {
    const file = path.join(await csvFolder({}), 'set.json');
    await writeFile(
      file,
      JSON.stringify({
        dataValues: [
          { dataElement: 'P1', period: '2021', orgUnit: '15', value: '10.851' },
          { dataElement: 'R1.num', period: '2021', orgUnit: '15', value: '1' },
          { dataElement: 'R1.den', period: '2021', orgUnit: '15', value: '8', comment: 'từ DHIS2' },
        ],
      }),
    );
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { path: file });
    expect(report.format).toBe('dhis2');
    expect(report.sheets.values).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await storedValues(db)).toEqual(
      expect.arrayContaining(['P1 15 2021 10.851 ∅ ∅ ∅', 'R1 15 2021 12.5 1 8 từ DHIS2']),
    );
    const bad = path.join(await csvFolder({}), 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        dataValues: [
          { dataElement: 'P1', period: '2020', orgUnit: '15', value: '150' },
          { dataElement: 'NOPE', period: '2020', orgUnit: '15', value: '1' },
          { dataElement: 'P1', period: '2020W1', orgUnit: '15', value: '1' },
          { dataElement: 'P1', period: '2019', orgUnit: 'XX', value: '1' },
        ],
      }),
    );
    const error = await refusal(importWorkbook(ctx, LOCAL_ADMIN, { path: bad }));
    expect(where(error)).toEqual([
      'dataValues 1 value',
      'dataValues 2 dataElement',
      'dataValues 3 period',
      'dataValues 4 orgUnit',
    ]);
  });

  it('imports one CSV sheet given as bytes, and refuses an unreadable workbook', async () => {
    const csv = Buffer.from('indicator_code,unit_code,period,value\nP1,15,2020,12\n', 'utf8');
    const report = await importWorkbook(ctx, LOCAL_ADMIN, { buffer: csv, format: 'csv', sheet: 'values' });
    expect(report.sheets.values.inserted).toBe(1);
    const error = await refusal(
      importWorkbook(ctx, LOCAL_ADMIN, { buffer: Buffer.from('not a zip'), format: 'xlsx' }),
    );
    expect(error.code).toBe('badInput');
    expect(error.message_en).toContain('.xlsx');
  });

  it('reports progress: rows read, checked, values written', async () => {
    const seen: string[] = [];
    const dir = await csvFolder({
      values: ['indicator_code,unit_code,period,value', 'P1,15,2019,1', 'P1,15,2018,2'],
    });
    await importWorkbook(ctx, LOCAL_ADMIN, {
      path: dir,
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual(['read 2/2', 'check 2/2', 'write 2/2', 'done 2/2']);
    expect(await readFile(path.join(dir, 'values.csv'), 'utf8')).toContain('P1,15,2019,1');
  });
});
