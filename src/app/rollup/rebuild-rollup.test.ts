import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodEnd, periodsOfYear, periodStart, PERIOD_TYPES, type Period } from '../../domain/period.js';
import { isAppError } from '../../domain/app-error.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  deleteValue,
  idOf,
  putIndicators,
  putPlan,
  putUnits,
  putValue,
  type FixtureIndicator,
  type FixtureValue,
} from '../../../test/support/evaluation-fixture.js';
import {
  aggregateValues,
  aggregateValuesWithSource,
  type AggregateRequest,
} from '../../store/aggregate.queries.js';
import type { Db, Queryable } from '../../store/db.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { evaluatePlan } from '../evaluation/evaluate-plan.js';
import { heldWriter, ROLLUP_ROWS_SQL, seededRandom } from '../../../test/support/rollup-fixture.js';
import { rebuildOrder, rebuildRollup, rollupStatus, type RollupBatchProgress } from './rebuild-rollup.js';

// `dxmon rollup rebuild` (migration 0010): the rollup rows rebuilt one indicator at a time must equal the full
// recomputation of migration 0008 (value_rollup_rebuild of every indicator, as src/store/value-rollup.test.ts
// checks the rows kept on write against); a rebuild stopped after some indicators goes on with the others
// without doing the first again; values written during a rebuild are counted; and reads while it is under way
// are computed from the values and say so.

const UNITS: [string, string, 'province' | 'commune' | 'village', string | null][] = [
  ['P1', 'Tỉnh P1', 'province', null],
  ['C11', 'Xã C11', 'commune', 'P1'],
  ['C12', 'Xã C12', 'commune', 'P1'],
  ['V111', 'Thôn V111', 'village', 'C11'],
  ['V112', 'Thôn V112', 'village', 'C11'],
  ['V121', 'Thôn V121', 'village', 'C12'],
];
const LEAVES = ['V111', 'V112', 'V121'];
const INDICATORS: FixtureIndicator[] = [
  { code: 'COUNT_SUM', valueType: 'count', timeAggregation: 'sum' },
  { code: 'MONEY_AVG', valueType: 'money', timeAggregation: 'average' },
  { code: 'RATIO_LAST', valueType: 'ratio', timeAggregation: 'last' },
  { code: 'BOOL_LAST', valueType: 'boolean', timeAggregation: 'last' },
  { code: 'PCT_LAST', valueType: 'percent', timeAggregation: 'last' },
  { code: 'NUM_SUM', valueType: 'number', timeAggregation: 'sum' },
  { code: 'COUNT_LAST', valueType: 'count', timeAggregation: 'last' },
];
const PERIODS: Period[] = PERIOD_TYPES.flatMap((type) => periodsOfYear(2025, type));

describe('the order indicators are rebuilt in', () => {
  const left = [{ indicatorId: 7 }, { indicatorId: 2 }, { indicatorId: 5 }, { indicatorId: 9 }];
  const valuesOf = new Map([
    [2, 10],
    [5, 2_000_000],
    [7, 10],
    [9, 300],
  ]);
  it.each([
    { workers: 1, order: [2, 5, 7, 9], why: 'one worker: by id' },
    { workers: 2, order: [5, 9, 2, 7], why: 'side by side: most values first, ties by id' },
    { workers: 4, order: [5, 9, 2, 7], why: 'side by side: most values first, ties by id' },
  ])('$workers worker(s): $why', ({ workers, order }) => {
    expect(rebuildOrder(left, valuesOf, workers).map((b) => b.indicatorId)).toEqual(order);
  });
  it('puts an indicator without values last when side by side', () => {
    expect(rebuildOrder([{ indicatorId: 1 }, { indicatorId: 3 }], new Map([[3, 1]]), 2)).toEqual([
      { indicatorId: 3 },
      { indicatorId: 1 },
    ]);
  });
});

describe.each(TEST_DB_KINDS)('rebuilding the rollup rows, on %s (dxmon rollup rebuild)', (kind) => {
  let db: Db;
  const next = seededRandom(20261205);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  let clock = Date.parse('2026-12-05T10:00:00Z');
  const ctx = (): AppContext => ({ db, now: () => new Date((clock += 1000)) });
  const requests: AggregateRequest[] = [];

  function valueOf(indicator: FixtureIndicator): FixtureValue {
    if (indicator.valueType === 'ratio') return { num: Math.floor(next() * 10), den: 10 };
    if (indicator.valueType === 'boolean') return next() < 0.5;
    if (indicator.valueType === 'percent') return Math.round(next() * 1000) / 10;
    return Math.floor(next() * 1000);
  }

  async function putRandom(q: Queryable, count: number): Promise<void> {
    for (let n = 0; n < count; n++) {
      const indicator = pick(INDICATORS);
      // Most at the villages (answered by the rollup rows), some at every level.
      const unit = next() < 0.8 ? pick(LEAVES) : pick(UNITS)[0];
      await putValue(q, indicator.code, unit, pick(PERIODS).id, valueOf(indicator));
    }
  }

  /** Values saved with the triggers off, as a bulk load does, and rows spoilt: the rows no longer match. */
  async function spoilRows(): Promise<void> {
    await db.exec('ALTER TABLE data_value DISABLE TRIGGER data_value_rollup_insert');
    try {
      await putRandom(db, 30);
    } finally {
      await db.exec('ALTER TABLE data_value ENABLE TRIGGER data_value_rollup_insert');
    }
    await db.query(`DELETE FROM value_rollup WHERE unit_id % 2 = 0 AND below = 0`);
    await db.query(`UPDATE value_rollup SET v_sum = v_sum + 7, vals = vals + 1 WHERE unit_id % 3 = 0`);
  }

  /** The full recomputation of migration 0008, done on the side: the rows it gives, the rows left as they were. */
  async function recomputedRows(): Promise<unknown[]> {
    return db
      .transaction(async (tx) => {
        await tx.query('SELECT value_rollup_rebuild(array_agg(id)) FROM indicator');
        const rows = await tx.query(ROLLUP_ROWS_SQL);
        throw Object.assign(new Error('rolled back on purpose'), { rows });
      })
      .catch((error: unknown) => {
        const rows = (error as { rows?: unknown[] }).rows;
        if (!rows) throw error;
        return rows;
      });
  }

  async function expectRowsRecomputed(): Promise<void> {
    const expected = await recomputedRows();
    expect(expected.length).toBeGreaterThan(100);
    expect(await db.query(ROLLUP_ROWS_SQL)).toEqual(expected);
    expect(await aggregateValues(db, requests)).toEqual(
      await aggregateValues(db, requests, { fromValues: true }),
    );
  }

  async function doneAt(): Promise<Map<number, string>> {
    const rows = await db.query<{ id: number; at: string }>(
      `SELECT indicator_id::int AS id, done_at::text AS at FROM rollup_rebuild_batch`,
    );
    return new Map(rows.map((r) => [r.id, r.at]));
  }

  beforeAll(async () => {
    db = await createTestDb(kind);
    await putUnits(db, UNITS);
    await putIndicators(db, INDICATORS);
    await putRandom(db, 120);
    for (const i of INDICATORS)
      for (const [unit] of UNITS)
        for (const p of PERIODS)
          requests.push({
            key: requests.length + 1,
            indicatorId: await idOf(db, 'indicator', i.code),
            unitId: await idOf(db, 'unit', unit),
            periodStart: periodStart(p),
            periodEnd: periodEnd(p),
          });
    await putPlan(db, { code: 'PLAN-R', unit: 'P1', startYear: 2025, endYear: 2025 }, [
      { indicator: 'COUNT_SUM', unit: 'P1', period: '2025', target: 5000 },
      { indicator: 'RATIO_LAST', unit: 'P1', period: '2025', target: 60 },
    ]);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('is complete after the schema is built, and never rebuilt', async () => {
    expect(await rollupStatus(ctx(), LOCAL_ADMIN)).toEqual({
      status: 'complete',
      startedAt: null,
      startedBy: null,
      finishedAt: null,
      batchesDone: 0,
      batchesTotal: 0,
      valuesDone: 0,
      rowsDone: 0,
    });
  });

  it('rebuilds, one indicator at a time, exactly the rows a full recomputation gives', async () => {
    await spoilRows();
    const spoilt = await db.query(ROLLUP_ROWS_SQL);
    expect(spoilt).not.toEqual(await recomputedRows());

    const seen: RollupBatchProgress[] = [];
    const result = await rebuildRollup(ctx(), LOCAL_ADMIN, { onBatch: (p) => void seen.push(p) });
    expect(seen.map((p) => [p.done, p.total, p.indicator])).toEqual(
      INDICATORS.map((i, n) => [n + 1, INDICATORS.length, i.code]),
    );
    const values = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM data_value');
    expect(result).toMatchObject({
      status: 'complete',
      resumed: false,
      batchesThisRun: INDICATORS.length,
      batchesDone: INDICATORS.length,
      batchesTotal: INDICATORS.length,
      valuesDone: values[0]?.n,
      startedBy: 'local-admin',
    });
    expect(result.finishedAt).not.toBeNull();
    expect(seen.reduce((sum, p) => sum + p.valueCount, 0)).toBe(values[0]?.n);
    await expectRowsRecomputed();
  });

  it.runIf(kind === 'postgres')(
    'rebuilds indicators side by side on two connections, each once, to the same rows',
    async () => {
      await spoilRows();
      const seen: RollupBatchProgress[] = [];
      const result = await rebuildRollup(ctx(), LOCAL_ADMIN, {
        restart: true,
        workers: 2,
        onBatch: (p) => void seen.push(p),
      });
      expect(seen.map((p) => p.indicator).sort()).toEqual(INDICATORS.map((i) => i.code).sort());
      expect(result).toMatchObject({ status: 'complete', batchesThisRun: INDICATORS.length });
      expect(seen.at(-1)?.valuesLeft).toBe(0);
      await expectRowsRecomputed();
    },
  );

  it('goes on where a stopped rebuild stopped, without doing its indicators again, and ends correct', async () => {
    await spoilRows();
    const stop = new AbortController();
    const first = await rebuildRollup(ctx(), LOCAL_ADMIN, {
      signal: stop.signal,
      onBatch: (p) => {
        if (p.done === 3) stop.abort();
      },
    }).catch((error: unknown) => error);
    expect(isAppError(first) && first.code).toBe('unavailable');
    expect(isAppError(first) && first.message_vi).toContain('sau 3/7 chỉ tiêu');
    expect(await rollupStatus(ctx(), LOCAL_ADMIN)).toMatchObject({
      status: 'rebuilding',
      finishedAt: null,
      batchesDone: 3,
      batchesTotal: 7,
    });
    const firstDone = await doneAt();
    expect([...firstDone.keys()].length).toBe(3);

    // A failure in the middle of the next run (a lost connection, a killed process) loses nothing done either.
    const second = await rebuildRollup(ctx(), LOCAL_ADMIN, {
      onBatch: (p) => {
        if (p.done === 5) throw new Error('connection lost');
      },
    }).catch((error: unknown) => error);
    expect((second as Error).message).toBe('connection lost');
    expect((await rollupStatus(ctx(), LOCAL_ADMIN)).batchesDone).toBe(5);

    const starts: { resumed: boolean; done: number; total: number }[] = [];
    const seen: string[] = [];
    const last = await rebuildRollup(ctx(), LOCAL_ADMIN, {
      onStart: (s) => starts.push(s),
      onBatch: (p) => void seen.push(p.indicator),
    });
    expect(starts).toEqual([{ resumed: true, done: 5, total: 7 }]);
    expect(seen).toEqual(INDICATORS.slice(5).map((i) => i.code));
    expect(last).toMatchObject({ status: 'complete', resumed: true, batchesThisRun: 2, batchesDone: 7 });
    const lastDone = await doneAt();
    for (const [id, at] of firstDone) expect(lastDone.get(id)).toBe(at);
    await expectRowsRecomputed();
  });

  it('while under way, reads compute from the values and say so; the rows answer again once it is done', async () => {
    await spoilRows();
    // Stopped as Ctrl+C stops the CLI: through the context's signal.
    const stop = new AbortController();
    const stopped = await rebuildRollup({ ...ctx(), stopping: stop.signal }, LOCAL_ADMIN, {
      onBatch: (p) => {
        if (p.done === 2) stop.abort();
      },
    }).catch((error: unknown) => error);
    expect(isAppError(stopped) && stopped.code).toBe('unavailable');
    expect((await rollupStatus(ctx(), LOCAL_ADMIN)).batchesDone).toBe(2);

    // The rows of the indicators not yet done are still spoilt: the answers must not come from them.
    const during = await aggregateValuesWithSource(db, requests);
    expect(during.rollupRebuilding).toBe(true);
    expect(during.results).toEqual(await aggregateValues(db, requests, { fromValues: true }));
    const evaluation = await evaluatePlan(ctx(), LOCAL_ADMIN, { plan: 'PLAN-R', period: '2025S1' });
    expect(evaluation.actualsFrom).toBe('values');
    expect(evaluation.notice).toEqual({
      message_vi: 'Đang dựng lại số liệu tổng hợp; kết quả được tính trực tiếp từ số liệu.',
      message_en: 'The rollup rows are being rebuilt; the results were computed directly from the values.',
    });

    await rebuildRollup(ctx(), LOCAL_ADMIN);
    const after = await evaluatePlan(ctx(), LOCAL_ADMIN, { plan: 'PLAN-R', period: '2025S1' });
    expect([after.actualsFrom, after.notice]).toEqual(['rollup', null]);
    expect(after.targets).toEqual(evaluation.targets);
    expect((await aggregateValuesWithSource(db, requests)).rollupRebuilding).toBe(false);
  });

  it('counts the values written during a rebuild, to indicators done and not yet done', async () => {
    await spoilRows();
    const written: string[] = [];
    await rebuildRollup(ctx(), LOCAL_ADMIN, {
      onBatch: async (p) => {
        if (p.done !== 3) return;
        // COUNT_SUM is done, NUM_SUM not yet: both must be right at the end.
        await putValue(db, 'COUNT_SUM', 'V111', '2025Q3', 777);
        await putValue(db, 'NUM_SUM', 'V121', '202507', 55);
        await deleteValue(db, 'MONEY_AVG', 'V112', '2025Q1');
        written.push(p.indicator);
      },
    });
    expect(written).toEqual(['RATIO_LAST']);
    await expectRowsRecomputed();
  });

  it.runIf(kind === 'postgres')(
    'waits for a writer of an indicator holding its lock, and counts what it wrote',
    async () => {
      await spoilRows();
      // The writer saves a value (its trigger takes COUNT_SUM's lock) and keeps its transaction open.
      const writer = heldWriter(db, (tx) => putValue(tx, 'COUNT_SUM', 'V112', '202511', 4321));
      await writer.written;
      const rebuild = rebuildRollup(ctx(), LOCAL_ADMIN);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await rollupStatus(ctx(), LOCAL_ADMIN)).batchesDone).toBe(0);
      writer.release();
      await Promise.all([writer.committed, rebuild]);
      await expectRowsRecomputed();
      const [year] = await aggregateValues(db, [
        {
          key: 1,
          indicatorId: await idOf(db, 'indicator', 'COUNT_SUM'),
          unitId: await idOf(db, 'unit', 'V112'),
          periodStart: '2025-11-01',
          periodEnd: '2025-11-30',
        },
      ]);
      expect(year?.value).toBe(4321);
    },
  );

  it('is for administrators of the whole installation only', async () => {
    const p1 = await db.query<{ path: string }>(`SELECT path FROM unit WHERE code = 'P1'`);
    const provinceAdmin: Actor = {
      kind: 'user',
      name: 'tinh',
      grants: [{ role: 'admin', unitPath: p1[0]?.path ?? '' }],
      source: 'cli',
    };
    const admin: Actor = { ...provinceAdmin, name: 'admin', grants: [{ role: 'admin', unitPath: '/' }] };
    for (const call of [rebuildRollup(ctx(), provinceAdmin), rollupStatus(ctx(), provinceAdmin)]) {
      const error = await call.catch((e: unknown) => e);
      expect(isAppError(error) && error.code).toBe('forbidden');
    }
    expect((await rollupStatus(ctx(), admin)).status).toBe('complete');
    expect(await rebuildRollup(ctx(), admin)).toMatchObject({ status: 'complete', startedBy: 'admin' });
  });
});
