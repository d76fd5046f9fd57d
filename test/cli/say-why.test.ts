import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../support/cli.js';
import { openDatabase } from '../../src/store/open-database.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { tempDirSync } from '../support/temp-dir.js';

// What dxmon says when nothing comes out (exit 0, a warning on stderr, total 0 and a reason in the JSON), when
// a value is implausible (exit 1, said once) and when it is an outlier (exit 0, a warning).

describe('dxmon says why nothing came out', () => {
  const dataDir = tempDirSync('dxmon-say-why-');
  const dxmon = (...args: string[]) => run(['--data', dataDir, ...args]);

  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test seed' });
    try {
      await seedEvaluationPlan(opened.db);
    } finally {
      await opened.close();
    }
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('evaluate: no target due in the period is exit 0, a warning naming the years, total 0 and a reason', async () => {
    const r = await dxmon('--json', 'evaluate', '--plan', 'PLAN-P', '--period', '2023');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^Cảnh báo: Kế hoạch «PLAN-P» không có mục tiêu nào đến hạn trong năm của kỳ 2023;/,
    );
    expect(r.stderr).toContain('2024, 2025');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const body = JSON.parse(r.stdout) as { total: number; reason: { code: string; message_en: string } };
    expect(body.total).toBe(0);
    expect(body.reason.code).toBe('noTargetDue');
    expect(body.reason.message_en).toContain('evaluate a period of one of those years');
    const en = await dxmon('--lang', 'en', 'evaluate', '--plan', 'PLAN-P', '--period', '2023');
    expect(en.stderr).toMatch(/^Warning: Plan «PLAN-P» has no target due/);
  });

  it('evaluate: a plan or period that does not exist is exit 1', async () => {
    const plan = await dxmon('evaluate', '--plan', 'NOPE', '--period', '2024');
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('NOPE');
    const period = await dxmon('evaluate', '--plan', 'PLAN-P', '--period', '2024X9');
    expect(period.code).not.toBe(0);
  });

  it('template: a unit with no targets gives an empty template, a warning and a reason', async () => {
    // A commune without targets of its own still reports its share of the province's rolled-up ones.
    const commune = await dxmon(
      '--json',
      'template',
      '--plan',
      'PLAN-P',
      '--period',
      '2024',
      '--unit',
      'C2',
      '--out',
      path.join(dataDir, 'c2.xlsx'),
    );
    expect(commune.code, commune.stderr).toBe(0);
    expect(JSON.parse(commune.stdout)).toMatchObject({ reason: null });
    expect((JSON.parse(commune.stdout) as { rows: number }).rows).toBeGreaterThan(0);
    // A plan of the province with no target yet: nothing for the commune to report.
    const added = await dxmon(
      'plans',
      'add',
      '--code',
      'PLAN-E',
      '--name',
      'Kế hoạch chưa có mục tiêu',
      '--unit',
      'P',
      '--start-year',
      '2024',
      '--end-year',
      '2024',
    );
    expect(added.code, added.stderr).toBe(0);
    const out = path.join(dataDir, 'c2-empty.xlsx');
    const r = await dxmon(
      '--json',
      'template',
      '--plan',
      'PLAN-E',
      '--period',
      '2024',
      '--unit',
      'C2',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Cảnh báo: Kế hoạch «PLAN-E» không có mục tiêu nào cho Xã C2 \(C2\)/);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 0, total: 0, reason: { code: 'noTargetsForUnit' } });
    const filled = await dxmon(
      '--json',
      'template',
      '--plan',
      'PLAN-P',
      '--period',
      '2024',
      '--unit',
      'P',
      '--out',
      out,
    );
    expect(filled.stderr).toBe('');
    expect(JSON.parse(filled.stdout)).toMatchObject({ total: 6, reason: null });
  });

  it('values set: an implausible count is refused once, naming the ceiling; an outlier is saved with a warning', async () => {
    const huge = await dxmon(
      'values',
      'set',
      '--indicator',
      'LACK',
      '--unit',
      'C2',
      '--period',
      '2020',
      '--value',
      '1e300',
    );
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('1.000.000.000.000.000');
    expect(huge.stderr).not.toMatch(/ceiling|count/);
    // Said once: the headline, not repeated as its only detail.
    expect(huge.stderr.trim().split('\n')).toHaveLength(1);
    for (const [year, value] of [
      ['2019', '10'],
      ['2020', '12'],
      ['2021', '11'],
      ['2022', '9'],
    ]) {
      const ok = await dxmon(
        'values',
        'set',
        '--indicator',
        'LACK',
        '--unit',
        'C2',
        '--period',
        year!,
        '--value',
        value!,
      );
      expect([ok.code, ok.stderr]).toEqual([0, '']);
    }
    const slip = await dxmon(
      'values',
      'set',
      '--indicator',
      'LACK',
      '--unit',
      'C2',
      '--period',
      '2023',
      '--value',
      '1100',
    );
    expect(slip.code).toBe(0);
    expect(slip.stderr).toMatch(
      /^Cảnh báo: Giá trị 1\.100 của «Số thôn chưa có băng rộng» tại Xã C2, kỳ 2023/,
    );
    expect(slip.stdout).toContain('Đã lưu');
  });
});
