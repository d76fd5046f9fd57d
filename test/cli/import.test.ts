import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFolder } from '../support/import-fixture.js';
import { runCli } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';
import { handMadeXlsx } from '../support/xlsx-parts.js';

// `dxmon import`, `dxmon template` and `dxmon export values` through the real binary (npm test builds it first):
// an embedded workspace with units of its own, so no official list needs loading.
const dataDir = tempDirSync('dxmon-cli-import-');

const GOOD = {
  units: ['code,name,kind,parent_code', 'TINH,Tỉnh thử,province,', 'XA1,Xã Một,commune,TINH'],
  indicators: [
    'code,name_vi,value_type,unit',
    'P1,Tỷ lệ hồ sơ trực tuyến,percent,%',
    'C1,Số tài khoản,count,tài khoản',
  ],
  plans: ['code,name,unit_code,start_year,end_year', 'KH,Kế hoạch thử,TINH,2024,2024'],
  targets: ['plan_code,indicator_code,unit_code,period,target', 'KH,P1,TINH,2024,95', 'KH,C1,XA1,2024,100'],
  values: ['indicator_code,unit_code,period,value', 'P1,TINH,2024S1,97', 'C1,XA1,2024S1,40'],
};

describe('dxmon import, template and export values through the real binary', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const dxmon = (...args: string[]) => runCli(['--data', dataDir, ...args]);

  it('imports a CSV folder, reports per sheet in Vietnamese, then in JSON changes nothing the second time', async () => {
    const dir = await csvFolder(GOOD);
    const dry = await dxmon('import', dir, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Chạy thử');
    const first = await dxmon('import', dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Đã nhập');
    expect(first.stdout).toMatch(/values\s+thêm 2, cập nhật 0, không đổi 0/);
    const again = await dxmon('--json', 'import', dir);
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as {
      sheets: Record<string, { inserted: number; unchanged: number }>;
    };
    expect(report.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(report.sheets.units).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  }, 180_000);

  it('exits 1 on a bad file, listing every bad cell on stderr, and with --json the problem document', async () => {
    const dir = await csvFolder({
      values: [
        'indicator_code,unit_code,period,value',
        'P1,TINH,2024Q3,50',
        'P1,TINH,2024Q4,150',
        'NOPE,TINH,2024,1',
        'C1,NOWHERE,2024,1',
      ],
    });
    const run = await dxmon('import', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Tệp bị từ chối: 3 ô lỗi');
    expect(run.stderr).toMatch(/values, dòng 3, value: /);
    expect(run.stderr).toMatch(/values, dòng 4, indicator_code: /);
    expect(run.stderr).toMatch(/values, dòng 5, unit_code: /);
    const json = await dxmon('--json', '--lang', 'en', 'import', dir);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as {
      error: { code: string; details: { row: number; column: string }[] };
    };
    expect(doc.error.code).toBe('badInput');
    expect(doc.error.details.map((d) => `${d.row} ${d.column}`)).toEqual([
      '3 value',
      '4 indicator_code',
      '5 unit_code',
    ]);
    expect(json.stderr).toMatch(/values, row 3, value: The value 150/);
    const after = await dxmon('--json', 'import', await csvFolder(GOOD));
    expect(JSON.parse(after.stdout).sheets.values.unchanged).toBe(2);
  }, 180_000);

  it('writes a template and an export that both import back unchanged', async () => {
    const out = tempDirSync('dxmon-cli-out-');
    const template = join(out, 'mau.xlsx');
    const t = await dxmon(
      'template',
      '--plan',
      'KH',
      '--period',
      '2024S1',
      '--under',
      'TINH',
      '--out',
      template,
    );
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('2 dòng');
    expect(existsSync(template)).toBe(true);
    const back = await dxmon('--json', 'import', template);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(back.stdout).sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const csvDir = join(out, 'csv');
    rmSync(csvDir, { recursive: true, force: true });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(csvDir);
    const e = await dxmon(
      '--json',
      'export',
      'values',
      '--format',
      'csv',
      '--out',
      join(csvDir, 'values.csv'),
    );
    expect(e.code, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout)).toMatchObject({ format: 'csv', rows: 2 });
    const again = await dxmon('--json', 'import', csvDir);
    expect(JSON.parse(again.stdout).sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  }, 180_000);

  it('exits 1 on a zip bomb, saying which limit it passes', async () => {
    const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>';
    const bomb = join(dataDir, 'bomb.xlsx');
    writeFileSync(bomb, handMadeXlsx(`<sheetData>${row.repeat(80_000)}</sheetData>`, {}, true));
    const run = await dxmon('import', bomb);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('maxCompressionRatio');
    expect(run.stderr).toContain('bomb.xlsx');
  }, 60_000);
});
