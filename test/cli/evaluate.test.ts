import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as run } from '../support/cli.js';
import { openDatabase } from '../../src/store/open-database.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { tempDirSync } from '../support/temp-dir.js';

// `dxmon evaluate` through main() in-process, on an embedded directory seeded with the small evaluation plan.

describe('dxmon evaluate', () => {
  const dataDir = tempDirSync('dxmon-evaluate-');

  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test seed' });
    try {
      await seedEvaluationPlan(opened.db);
    } finally {
      await opened.close();
    }
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints exactly one JSON document with --json (docs/evaluation.md)', async () => {
    const r = await run(['--data', dataDir, '--json', 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const body = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(body).toMatchObject({
      plan: 'PLAN-P',
      period: '2024S1',
      unit: 'P',
      total: 7,
      bands: { exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 },
    });
    expect((body.targets as { ratio: number | null }[]).map((t) => t.ratio)).toEqual([
      1.0417,
      0.44,
      1,
      0.88,
      0.4,
      null,
      0.75,
    ]);
  });

  it('speaks the committee’s phrases in Vietnamese, numbers in the Vietnamese way', async () => {
    const r = await run(['--data', dataDir, 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Đánh giá 6 tháng đầu năm 2024 tại Tỉnh P (P): 7 mục tiêu.');
    expect(r.stdout).toContain('- 2 mục tiêu hoàn thành và vượt kế hoạch giao');
    expect(r.stdout).toContain('- 1 mục tiêu đạt trên 80% kế hoạch giao');
    expect(r.stdout).toContain('- 1 mục tiêu đạt 50% - 80% kế hoạch giao');
    expect(r.stdout).toContain('- 2 mục tiêu dưới 50% kế hoạch giao');
    expect(r.stdout).toContain('- 1 mục tiêu chưa có số liệu');
    expect(r.stdout).toContain('Đạt và vượt kế hoạch: 2/7, đạt 28,6%.');
    expect(r.stdout).toContain(
      'RATIO Tỷ lệ hộ có cáp quang: 62,5%/60% — 104,17%, hoàn thành và vượt kế hoạch giao',
    );
    expect(r.stdout).toContain('DONE Ban hành kế hoạch: đã đạt/đã đạt — 100%');
    expect(r.stdout).toContain('FLOW [C1] Số tài khoản mới: 15/20 — 75%');
  });

  it('speaks English with --lang en', async () => {
    const r = await run([
      '--data',
      dataDir,
      '--lang',
      'en',
      'evaluate',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Evaluation for First half of 2024 at Tỉnh P (P): 7 targets.');
    expect(r.stdout).toContain('- 2 targets: met or exceeded the planned target');
    expect(r.stdout).toContain('- 1 target: reached over 80% of the planned target');
    expect(r.stdout).toContain('Met or exceeded: 2/7, 28.6%.');
    expect(r.stdout).toContain('62.5%/60% — 104.17%');
    expect(r.stdout).toContain('forecast 32 (off track)');
  });

  it('evaluates at another unit with --unit', async () => {
    const r = await run([
      '--data',
      dataDir,
      '--json',
      'evaluate',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
      '--unit',
      'C1',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ unit: 'C1', total: 6 });
  });

  it.each([
    [['evaluate', '--plan', 'NOPE', '--period', '2024S1'], 1, 'NOPE'],
    [['evaluate', '--plan', 'PLAN-P', '--period', '2024q1'], 1, '2024Q1'],
    [['evaluate', '--plan', 'PLAN-P'], 2, '--period'],
  ])('refuses %j with exit code %i', async (args, code, mention) => {
    const r = await run(['--data', dataDir, ...args]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(mention);
  });
});
