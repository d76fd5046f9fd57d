import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openDatabase } from '../../src/store/open-database.js';
import {
  createPre2025Provinces,
  DTI_2022,
  dti2022Values,
  insertYearValues,
} from '../support/composite-index-fixtures.js';
import { workspaceCli } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

const dataDir = tempDirSync('dxmon-index-cli-');

const { dxmon } = workspaceCli(dataDir);

/** Writes units and values straight into the workspace (the CLI is not holding it between commands). */
async function seed(fn: (db: Db) => Promise<void>): Promise<void> {
  const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test seed' });
  try {
    await fn(opened.db);
  } finally {
    await opened.close();
  }
}

describe('dxmon index', () => {
  beforeAll(async () => {
    const loaded = await dxmon('index', 'load-template', 'dti-province-922-2022', 'dti-province-1726-2020');
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('dti-province-922-2022: tạo mới, phiên bản 1, 12 nút');
    await seed(async (db) => {
      await createPre2025Provinces(db);
      await insertYearValues(db, 2022, dti2022Values());
      await insertYearValues(db, 2020, [
        { unit: '27', indicator: 'DTI1726_P_CQS', value: 0.4449 },
        { unit: '27', indicator: 'DTI1726_P_KTS', value: 0.3668 },
        { unit: '27', indicator: 'DTI1726_P_XHS', value: 0.4052 },
        { unit: '48', indicator: 'DTI1726_P_CQS', value: 0.5 },
      ]);
    });
  }, 120_000);

  it('computes as docs/composite-index.md says: [{unit, name, score, rank, previousScore, change, nodes}], best first', async () => {
    const run = await dxmon(
      'index',
      'compute',
      '--methodology',
      'dti-province-922-2022',
      '--year',
      '2022',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['unit', 'name', 'score', 'rank', 'previousScore', 'change', 'nodes']);
    }
    expect(rows.slice(0, 5).map((r) => [r.unit, r.rank])).toEqual(
      DTI_2022.map(([code], i) => [`pre2025:${code}`, i + 1]),
    );
    DTI_2022.forEach(([, , dti], i) =>
      expect(Math.abs(Number(rows[i]?.score) - dti)).toBeLessThanOrEqual(1e-4),
    );
    expect(rows[0]).toMatchObject({ name: 'Thành phố Đà Nẵng', previousScore: null, change: null });
    expect(Object.keys(rows[0]?.nodes as object)).toEqual([
      'NTC',
      'NTS',
      'TCS',
      'HTS',
      'NLS',
      'ATTT',
      'DTTM',
      'HD',
      'HDCQS',
      'HDKTS',
      'HDXHS',
    ]);
  });

  it('prints a ranked table with scores to 4 decimals in the reader’s locale', async () => {
    const vi = await dxmon('index', 'compute', '--methodology', 'dti-province-922-2022', '--year', '2022');
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/^\s*1 {2}pre2025:48 {2}Thành phố Đà Nẵng\s+0,8002/m);
    expect(vi.stdout).toContain('chưa công bố');
    expect(vi.stdout).toContain(
      '2 đơn vị chưa có số liệu nào của năm 2022 (0 điểm, hạng 6): pre2025:01, pre2025:27',
    );
    expect(vi.stdout).not.toContain('Thiếu số liệu');
    const en = await dxmon(
      '--lang',
      'en',
      'index',
      'compute',
      '--methodology',
      'dti-province-1726-2020',
      '--year',
      '2020',
    );
    expect(en.stdout).toMatch(/^\s*1 {2}pre2025:27 {2}Tỉnh Bắc Ninh\s+0\.4096/m);
    expect(en.stdout).toMatch(/^\s*2 {2}pre2025:48 {2}Thành phố Đà Nẵng\s+0\.2000/m);
    expect(en.stdout).toContain('Missing values (scored 0):\n  pre2025:48: KTS, XHS');
    expect(en.stdout).toContain('5 units without any value for 2020 (score 0, rank 3)');
  });

  it('publishes a year, then computes it from the frozen results and lists it as published', async () => {
    const pub = await dxmon('index', 'publish', '--methodology', 'dti-province-1726-2020', '--year', '2020');
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toContain('đã công bố');
    const again = await dxmon(
      'index',
      'publish',
      '--methodology',
      'dti-province-1726-2020',
      '--year',
      '2020',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã được công bố');
    const list = await dxmon('index', 'list', '--json');
    expect(JSON.parse(list.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'dti-province-1726-2020',
          published: [{ year: 2020, level: 'province', version: 1 }],
        }),
      ]),
    );
  });

  it('suggests what would lift a province', async () => {
    const run = await dxmon(
      'index',
      'what-if',
      '--methodology',
      'dti-province-922-2022',
      '--year',
      '2022',
      '--unit',
      'pre2025:22',
      '--top',
      '2',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Tỉnh Quảng Ninh (pre2025:22): 0,7024, hạng 3/7');
    expect(run.stdout).toContain('1. Hoạt động kinh tế số (HDKTS): 0,5904 → 0,7836');
    expect(run.stdout).toContain('hạng 2 (+1)');
  });

  it('refuses a bad year as a usage error and an unknown methodology as bad input', async () => {
    const bad = await dxmon('index', 'compute', '--methodology', 'dti-province-922-2022', '--year', '22');
    expect(bad.code).toBe(2);
    const unknown = await dxmon('index', 'compute', '--methodology', 'nope', '--year', '2022', '--json');
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'notFound' } });
  });
});
