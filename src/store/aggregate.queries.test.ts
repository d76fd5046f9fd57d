import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, periodEnd, periodStart } from '../domain/period.js';
import { createTestDb, TEST_DB_KINDS } from '../../test/support/test-db.js';
import {
  deleteValue,
  idOf,
  putIndicators,
  putUnits,
  putValue,
} from '../../test/support/evaluation-fixture.js';
import { aggregateValues, usedValues, type AggregateResult } from './aggregate.queries.js';
import type { Db } from './db.js';

// Hand-computed expectations over a small tree:
//   P (province)
//   ├── C1 (commune) ── V1a, V1b (villages)
//   ├── C2 (commune) ── V2a
//   └── C3 (commune, no values)

describe.each(TEST_DB_KINDS)('aggregateValues on %s (docs/domain.md §4)', (kind) => {
  let db: Db;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await putUnits(db, [
      ['P', 'Tỉnh P', 'province', null],
      ['C1', 'Xã C1', 'commune', 'P'],
      ['C2', 'Xã C2', 'commune', 'P'],
      ['C3', 'Xã C3', 'commune', 'P'],
      ['V1a', 'Thôn V1a', 'village', 'C1'],
      ['V1b', 'Thôn V1b', 'village', 'C1'],
      ['V2a', 'Thôn V2a', 'village', 'C2'],
    ]);
    await putIndicators(db, [
      { code: 'FLOW', valueType: 'count', timeAggregation: 'sum' },
      { code: 'STOCK', valueType: 'count', timeAggregation: 'last' },
      { code: 'MEAN', valueType: 'money', timeAggregation: 'average' },
      { code: 'RATIO', valueType: 'ratio', timeAggregation: 'last' },
      { code: 'RATIO_SUM', valueType: 'ratio', timeAggregation: 'sum' },
      { code: 'HAS', valueType: 'boolean', timeAggregation: 'last' },
      { code: 'PCT', valueType: 'percent', timeAggregation: 'last' },
      { code: 'NUM', valueType: 'number', timeAggregation: 'average' },
      { code: 'WINS', valueType: 'count', timeAggregation: 'sum' },
      { code: 'EMPTY', valueType: 'count', timeAggregation: 'sum' },
      { code: 'ZERO', valueType: 'ratio', timeAggregation: 'last' },
    ]);
    const values: [string, string, string, Parameters<typeof putValue>[4]][] = [
      // flows: 10 + 5 at C1, 7 at C2 in Q1..Q2; a Q3 value outside S1
      ['FLOW', 'C1', '2024Q1', 10],
      ['FLOW', 'C1', '2024Q2', 5],
      ['FLOW', 'C2', '2024Q1', 7],
      ['FLOW', 'C2', '2024Q3', 1000],
      // stocks: C1 reports Q1 3 then Q2 4; C2 only Q1 6 → each unit's latest: 4 + 6
      ['STOCK', 'C1', '2024Q1', 3],
      ['STOCK', 'C1', '2024Q2', 4],
      ['STOCK', 'C2', '2024Q1', 6],
      // average over time, weighted by months: C1 Q1 10 and months 04 = 20, 05 = 20, 06 = 50
      ['MEAN', 'C1', '2024Q1', 10],
      ['MEAN', 'C1', '202404', 20],
      ['MEAN', 'C1', '202405', 20],
      ['MEAN', 'C1', '202406', 50],
      // ratios: 1/4 and 9/12 → 10/16 = 62.5 % (the mean of 25 % and 75 % would be 50 %)
      ['RATIO', 'C1', '2024Q2', { num: 1, den: 4 }],
      ['RATIO', 'C2', '2024Q2', { num: 9, den: 12 }],
      ['RATIO', 'C1', '2024Q1', { num: 4, den: 4 }],
      // pooled over time: (1 + 3) / (4 + 4) at C1
      ['RATIO_SUM', 'C1', '2024Q1', { num: 1, den: 4 }],
      ['RATIO_SUM', 'C1', '2024Q2', { num: 3, den: 4 }],
      // booleans at villages: true, false, true; V1b turns true in Q2
      ['HAS', 'V1a', '2024Q1', true],
      ['HAS', 'V1b', '2024Q1', false],
      ['HAS', 'V2a', '2024Q1', true],
      ['HAS', 'V1b', '2024Q2', true],
      // percent: P's own 40 at Q1, 44 at Q2; C1's 90 is never rolled up
      ['PCT', 'P', '2024Q1', 40],
      ['PCT', 'P', '2024Q2', 44],
      ['PCT', 'C1', '2024S1', 90],
      ['PCT', 'C2', '2024Q3', 70],
      // number: own values only, averaged over time
      ['NUM', 'C1', '2024Q1', 2.5],
      ['NUM', 'C1', '2024Q2', 3.5],
      ['NUM', 'V1a', '2024Q1', 100],
      // entered wins: C1 entered 12 for S1 over its quarters 10 + 5; villages below C1 are covered too
      ['WINS', 'C1', '2024Q1', 10],
      ['WINS', 'C1', '2024Q2', 5],
      ['WINS', 'C1', '2024S1', 12],
      ['WINS', 'V1a', '2024Q1', 500],
      ['WINS', 'C2', '2024Q1', 7],
      ['WINS', 'P', '2024', 1],
      ['ZERO', 'C1', '2024Q1', { num: 0, den: 0 }],
    ];
    for (const [indicator, unit, period, value] of values) await putValue(db, indicator, unit, period, value);
  });

  afterAll(async () => {
    await db?.close();
  });

  async function at(indicator: string, unit: string, period: string): Promise<AggregateResult> {
    const p = parsePeriod(period);
    if (!p.ok) throw new Error(period);
    const [result] = await aggregateValues(db, [
      {
        key: 7,
        indicatorId: await idOf(db, 'indicator', indicator),
        unitId: await idOf(db, 'unit', unit),
        periodStart: periodStart(p.value),
        periodEnd: periodEnd(p.value),
      },
    ]);
    if (!result) throw new Error('no result');
    return result;
  }

  it.each([
    // indicator, unit, period, value, source, valueCount, unitCount
    ['FLOW', 'P', '2024S1', 22, 'derived', 3, 2],
    ['FLOW', 'C1', '2024S1', 15, 'derived', 2, 1],
    ['FLOW', 'P', '2024Q1', 17, 'derived', 2, 2],
    ['FLOW', 'P', '2024', 1022, 'derived', 4, 2],
    ['FLOW', 'C1', '2024Q1', 10, 'entered', 1, 1],
    ['STOCK', 'P', '2024S1', 10, 'derived', 3, 2],
    ['STOCK', 'C1', '2024S1', 4, 'derived', 2, 1],
    ['MEAN', 'C1', '2024S1', 20, 'derived', 4, 1],
    ['MEAN', 'C1', '2024Q2', 30, 'derived', 3, 1],
    ['RATIO', 'P', '2024Q2', 62.5, 'derived', 2, 2],
    ['RATIO', 'P', '2024S1', 62.5, 'derived', 3, 2],
    ['RATIO', 'C1', '2024Q1', 100, 'entered', 1, 1],
    ['RATIO_SUM', 'C1', '2024S1', 50, 'derived', 2, 1],
    ['HAS', 'P', '2024Q1', 2, 'derived', 3, 3],
    ['HAS', 'P', '2024S1', 3, 'derived', 4, 3],
    ['HAS', 'C1', '2024Q1', 1, 'derived', 2, 2],
    ['PCT', 'P', '2024Q1', 40, 'entered', 1, 1],
    ['PCT', 'P', '2024S1', 44, 'derived', 2, 1],
    ['NUM', 'C1', '2024S1', 3, 'derived', 2, 1],
    ['WINS', 'P', '2024S1', 19, 'derived', 2, 2],
    ['WINS', 'C1', '2024S1', 12, 'entered', 1, 1],
    ['WINS', 'P', '2024', 1, 'entered', 1, 1],
    ['WINS', 'C1', '2024Q1', 10, 'entered', 1, 1],
  ] as const)(
    '%s at %s, %s = %s (%s, %i values, %i units)',
    async (ind, unit, period, value, source, n, units) => {
      const r = await at(ind, unit, period);
      expect(r.value).toBeCloseTo(value, 10);
      expect([r.source, r.valueCount, r.unitCount]).toEqual([source, n, units]);
    },
  );

  it('keeps the parts of a ratio and of a boolean count', async () => {
    const ratio = await at('RATIO', 'P', '2024Q2');
    expect([ratio.numerator, ratio.denominator]).toEqual([10, 16]);
    const has = await at('HAS', 'P', '2024Q1');
    expect([has.numerator, has.denominator]).toEqual([2, 3]);
  });

  it.each([
    ['EMPTY', 'P', '2024S1', null],
    ['FLOW', 'C3', '2024S1', null],
    ['FLOW', 'V1a', '2024S1', null],
    ['PCT', 'P', '2024Q3', 'percentNotAggregable'],
    ['NUM', 'P', '2024S1', 'numberMethodNotStated'],
    ['ZERO', 'C1', '2024Q1', 'zeroDenominator'],
  ] as const)('%s at %s, %s has no value (gap %s)', async (ind, unit, period, gap) => {
    const r = await at(ind, unit, period);
    expect(r.value).toBeNull();
    expect(r.gap).toBe(gap);
    if (gap !== 'zeroDenominator') expect(r.valueCount).toBe(0);
  });

  it('says which values below were left out of a percentage', async () => {
    const r = await at('PCT', 'P', '2024S1');
    expect(r.ignoredCount).toBe(1);
  });

  it('answers many requests in one query, in their order', async () => {
    const flow = await idOf(db, 'indicator', 'FLOW');
    const units = await Promise.all(['C2', 'P', 'C1'].map((c) => idOf(db, 'unit', c)));
    const results = await aggregateValues(
      db,
      units.map((unitId, i) => ({
        key: 100 - i,
        indicatorId: flow,
        unitId,
        periodStart: '2024-01-01',
        periodEnd: '2024-06-30',
      })),
    );
    expect(results.map((r) => [r.key, r.value])).toEqual([
      [100, 7],
      [99, 22],
      [98, 15],
    ]);
  });

  it('answers every indicator at every unit and period in one query exactly as one at a time', async () => {
    // Nested units and overlapping periods in one call share their values (one fetch per indicator and year,
    // one combination per unit and window); WINS has values covered from above, which differ by request.
    const indicators = ['FLOW', 'STOCK', 'MEAN', 'RATIO', 'RATIO_SUM', 'HAS', 'PCT', 'NUM', 'WINS', 'ZERO'];
    const units = ['P', 'C1', 'C2', 'C3', 'V1a', 'V1b', 'V2a'];
    const periods = ['2024', '2024S1', '2024Q1', '2024Q2', '2024Q3', '202405'];
    const requests = [];
    for (const indicator of indicators) {
      for (const unit of units) {
        for (const period of periods) {
          const p = parsePeriod(period);
          if (!p.ok) throw new Error(period);
          requests.push({
            key: requests.length + 1,
            indicatorId: await idOf(db, 'indicator', indicator),
            unitId: await idOf(db, 'unit', unit),
            periodStart: periodStart(p.value),
            periodEnd: periodEnd(p.value),
          });
        }
      }
    }
    const together = await aggregateValues(db, requests);
    const alone = [];
    for (const request of requests) alone.push(...(await aggregateValues(db, [request])));
    expect(together).toEqual(alone);
    const covered = together.filter((r) => r.value !== null);
    expect(covered.length).toBeGreaterThan(100);
  });

  it('reads a wide subtree by scanning the indicator or unit by unit, with the same answers', async () => {
    // 300 communes below W: SPARSE has one value per commune (no more values than units: one range scan of the
    // indicator), DENSE two per commune and a province value of its own (more values than units: unit by unit).
    const communes = Array.from({ length: 300 }, (_, i) => `W${String(i + 1).padStart(3, '0')}`);
    await putUnits(db, [
      ['W', 'Tỉnh W', 'province', null],
      ...communes.map((c): [string, string, 'commune', string] => [c, `Xã ${c}`, 'commune', 'W']),
    ]);
    await putIndicators(db, [
      { code: 'SPARSE', valueType: 'count', timeAggregation: 'sum' },
      { code: 'DENSE', valueType: 'count', timeAggregation: 'sum' },
    ]);
    for (const [i, c] of communes.entries()) {
      await putValue(db, 'SPARSE', c, '2024Q1', i + 1);
      await putValue(db, 'DENSE', c, '2024Q1', i + 1);
      await putValue(db, 'DENSE', c, '2024Q2', 1);
    }
    await putValue(db, 'DENSE', 'W001', '2024S1', 1000);
    const sparse = await at('SPARSE', 'W', '2024S1');
    expect([sparse.value, sparse.valueCount, sparse.unitCount]).toEqual([45150, 300, 300]);
    // W001's S1 value stands for its quarters: 1000 + Σ(2..300) + 299 × 1.
    const dense = await at('DENSE', 'W', '2024S1');
    expect([dense.value, dense.valueCount, dense.unitCount]).toEqual([1000 + 45149 + 299, 599, 300]);
    expect((await at('DENSE', 'W001', '2024S1')).value).toBe(1000);
    expect((await at('SPARSE', 'W300', '2024Q1')).value).toBe(300);
  });

  it('reflects a saved value, a new unit and a deleted value at the next read (up to date)', async () => {
    expect((await at('FLOW', 'P', '2024S1')).value).toBe(22);
    await putValue(db, 'FLOW', 'C2', '2024Q2', 3);
    expect((await at('FLOW', 'P', '2024S1')).value).toBe(25);
    await putUnits(db, [['C4', 'Xã C4', 'commune', 'P']]);
    await putValue(db, 'FLOW', 'C4', '2024Q1', 100);
    expect((await at('FLOW', 'P', '2024S1')).value).toBe(125);
    await deleteValue(db, 'FLOW', 'C4', '2024Q1');
    await deleteValue(db, 'FLOW', 'C2', '2024Q2');
    expect((await at('FLOW', 'P', '2024S1')).value).toBe(22);
  });

  it('traces the values an aggregate used, with who entered them', async () => {
    const p = {
      indicatorId: await idOf(db, 'indicator', 'WINS'),
      unitId: await idOf(db, 'unit', 'P'),
      periodStart: '2024-01-01',
      periodEnd: '2024-06-30',
    };
    const used = await usedValues(db, p);
    const rows = used.map((u) => [u.unitCode, u.period, u.value, u.exact, u.own, u.updatedBy]);
    expect(rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['C1', '2024S1', 12, false, false, 'tester'],
      ['C2', '2024Q1', 7, false, false, 'tester'],
    ]);
    expect(used[0]?.updatedAt).toBeInstanceOf(Date);
  });
});
