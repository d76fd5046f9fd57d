import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/store/pglite-db.js';
import { openDatabase } from '../../src/store/open-database.js';
import { beginRollupRebuild, rebuildRollupBatch } from '../../src/store/rollup-state.queries.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { runCli } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// `dxmon rollup status` and `dxmon rollup rebuild` through the built binary (npm run build first), on an
// embedded directory with the small evaluation plan (6 indicators).

describe('dxmon rollup', () => {
  const dataDir = tempDirSync('dxmon-rollup-');
  const dxmon = (...args: string[]) => runCli(['--data', dataDir, ...args]);

  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test seed' });
    try {
      await seedEvaluationPlan(opened.db);
    } finally {
      await opened.close();
    }
  }, 60_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says the rows are complete on a new workspace', async () => {
    const text = await dxmon('rollup', 'status');
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toContain(
      'Số liệu tổng hợp: đầy đủ (dựng khi cập nhật lược đồ, chưa dựng lại lần nào).',
    );
    const json = await dxmon('--json', 'rollup', 'status');
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'complete', batchesDone: 0, finishedAt: null });
  }, 60_000);

  it('rebuilds the rows with a progress line per indicator on a pipe, and the result as JSON', async () => {
    // Spoil the rows, as a bulk load with the triggers off would leave them.
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await db.query('DELETE FROM value_rollup');
    await db.close();
    const spoilt = await dxmon('--json', 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1');
    expect(JSON.parse(spoilt.stdout).bands.noData).toBeGreaterThan(1);

    const run = await dxmon('--json', 'rollup', 'rebuild');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toBe('Dựng lại số liệu tổng hợp: 6 chỉ tiêu, từng chỉ tiêu một.');
    expect(lines.slice(1).map((l) => l.replace(/:.*/, ''))).toEqual([
      '[1/6] RATIO',
      '[2/6] FLOW',
      '[3/6] DONE',
      '[4/6] PCT',
      '[5/6] LACK',
      '[6/6] EMPTY',
    ]);
    expect(lines[2]).toMatch(
      /^\[2\/6\] FLOW: 3 giá trị, \d+ dòng tổng hợp, \d+(,\d)? s \(5\/11 giá trị, đã chạy \d+ s, còn khoảng \d+ s\)$/,
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'complete',
      resumed: false,
      batchesThisRun: 6,
      batchesDone: 6,
      batchesTotal: 6,
      valuesDone: 11,
      startedBy: 'local-admin',
    });

    const evaluation = await dxmon('--json', 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1');
    expect([evaluation.code, evaluation.stderr]).toEqual([0, '']);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({
      bands: { exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 },
      actualsFrom: 'rollup',
      notice: null,
    });
    const status = await dxmon('--lang', 'en', 'rollup', 'status');
    expect(status.stdout).toMatch(
      /^Rollup rows: complete \(rebuilt \d\d:\d\d \d\d\/\d\d\/\d{4} by local-admin: 6\/6 indicators, 11 values, \d+ rollup rows\)\.$/m,
    );
  }, 120_000);

  it('while a rebuild is unfinished, evaluations say they computed from the values; the next run goes on', async () => {
    // A rebuild stopped after its first indicator (Ctrl+C, a killed process).
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await beginRollupRebuild(db, 'local-admin', new Date('2026-12-05T21:00:00Z'), false);
    const [first] = await db.query<{ id: number }>('SELECT min(id)::int AS id FROM indicator');
    expect(await rebuildRollupBatch(db, first?.id ?? 0, new Date('2026-12-05T21:00:01Z'))).not.toBeNull();
    await db.close();

    const status = await dxmon('rollup', 'status');
    expect(status.stdout).toContain(
      'Số liệu tổng hợp: đang dựng lại (bắt đầu 04:00 06/12/2026 bởi local-admin',
    );
    expect(status.stdout).toContain('xong 1/6 chỉ tiêu');

    const evaluation = await dxmon('--json', 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1');
    expect(evaluation.code).toBe(0);
    expect(evaluation.stderr).toBe(
      'Đang dựng lại số liệu tổng hợp; kết quả được tính trực tiếp từ số liệu.\n',
    );
    expect(JSON.parse(evaluation.stdout)).toMatchObject({
      bands: { exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 },
      actualsFrom: 'values',
    });
    const english = await dxmon('--lang', 'en', 'evaluate', '--plan', 'PLAN-P', '--period', '2024S1');
    expect(english.stderr).toContain('The rollup rows are being rebuilt; the results were computed directly');

    const resumed = await dxmon('--lang', 'en', 'rollup', 'rebuild');
    expect(resumed.code, resumed.stderr).toBe(0);
    const lines = resumed.stderr.trim().split('\n');
    expect(lines[0]).toBe('Going on with the rebuild of the rollup rows: 1/6 indicators done.');
    expect(lines.slice(1).map((l) => l.replace(/:.*/, ''))).toEqual([
      '[2/6] FLOW',
      '[3/6] DONE',
      '[4/6] PCT',
      '[5/6] LACK',
      '[6/6] EMPTY',
    ]);
    expect(resumed.stdout).toMatch(/^Rollup rows: complete \(rebuilt .* 6\/6 indicators, 11 values/);
    const after = await dxmon('evaluate', '--plan', 'PLAN-P', '--period', '2024S1');
    expect(after.stderr).toBe('');
  }, 120_000);
});
