import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFolder } from '../support/import-fixture.js';
import { runCli } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// `dxmon import` of files whose sheets are recognised by their header row, not their name, and of files without a
// row to import, through the real binary (npm run build first).
const dataDir = tempDirSync('dxmon-cli-recognise-');
const out = tempDirSync('dxmon-cli-recognise-out-');

const GOOD = {
  units: ['code,name,kind,parent_code', 'TINH,Tỉnh thử,province,', 'XA1,Xã Một,commune,TINH'],
  indicators: [
    'code,name_vi,value_type,unit',
    'P1,Tỷ lệ hồ sơ trực tuyến,percent,%',
    'C1,Số tài khoản,count,tài khoản',
  ],
  plans: ['code,name,unit_code,start_year,end_year', 'KH,Kế hoạch thử,TINH,2024,2024'],
  targets: ['plan_code,indicator_code,unit_code,period,target', 'KH,P1,TINH,2024,95', 'KH,C1,XA1,2024,100'],
  values: [
    'indicator_code,unit_code,period,value,comment',
    'P1,TINH,2024S1,97,',
    'C1,XA1,2024S1,40,đã rà soát',
  ],
};

describe('dxmon import recognises sheets by their header row and refuses a file without rows', () => {
  const dxmon = (...args: string[]) => runCli(['--data', dataDir, ...args]);
  beforeAll(async () => {
    const first = await dxmon('import', await csvFolder(GOOD));
    expect(first.code, first.stderr).toBe(0);
  }, 180_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('imports back an export renamed exp.csv as values, unchanged', async () => {
    const file = join(out, 'exp.csv');
    const e = await dxmon('export', 'values', '--format', 'csv', '--out', file);
    expect(e.code, e.stderr).toBe(0);
    const back = await dxmon('--json', 'import', file);
    expect(back.code, back.stderr).toBe(0);
    const report = JSON.parse(back.stdout) as { sheets: { values: unknown }; skippedSheets: string[] };
    expect(report.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(report.skippedSheets).toEqual([]);
    const human = await dxmon('import', file);
    expect(human.stdout).toMatch(/values\s+thêm 0, cập nhật 0, không đổi 2/);
  }, 180_000);

  it('names the sheets it skips: a template’s instructions sheet', async () => {
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
    const back = await dxmon('--lang', 'en', 'import', template);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toContain('Skipped 1 sheet(s) that are not import sheets: «Hướng dẫn»');
  }, 180_000);

  it.each([
    ['an empty file', 'empty.csv', '', /Found: no sheet|«empty» \(matches no sheet; no header row/],
    [
      'an unrelated sheet',
      'people.csv',
      'Họ tên,Ngày sinh\nAn,2000-01-01\n',
      /«people» \(matches no sheet; headers: Họ tên, Ngày sinh/,
    ],
    [
      'a values sheet without rows',
      'values.csv',
      'indicator_code,unit_code,period,value\n',
      /«values» \(values, 0 row\(s\)/,
    ],
  ])(
    'refuses %s with exit 1, naming what was expected and what it found',
    async (_what, name, text, found) => {
      const dir = tempDirSync('dxmon-cli-norows-');
      const file = join(dir, name);
      await writeFile(file, text, 'utf8');
      const en = await dxmon('--lang', 'en', 'import', file);
      expect(en.code).toBe(1);
      expect(en.stdout).toBe('');
      expect(en.stderr).toContain('has no row to import');
      expect(en.stderr).toContain('values (indicator_code, unit_code, period, value|numerator|denominator)');
      expect(en.stderr).toMatch(found);
      const vi = await dxmon('import', file);
      expect(vi.code).toBe(1);
      expect(vi.stderr).toContain('không có dòng nào để nhập');
      rmSync(dir, { recursive: true, force: true });
    },
    180_000,
  );
});
