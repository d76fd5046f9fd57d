import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPre2025Provinces,
  DTI_2022,
  dti2022Values,
  insertYearValues,
} from '../../../test/support/composite-index-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type Actor } from '../context.js';
import { computeIndexResults } from './compute-index-results.js';
import { copyMethodology } from './copy-methodology.js';
import { editMethodologyNodes } from './edit-methodology-nodes.js';
import { listMethodologies } from './list-methodologies.js';
import { loadIndexTemplate } from './load-index-template.js';
import { publishIndexYear } from './publish-index-year.js';
import { whatIfIndex } from './what-if-index.js';

const M922 = 'dti-province-922-2022';
const M1726 = 'dti-province-1726-2020';
const viewer: Actor = {
  kind: 'user',
  name: 'viewer',
  grants: [{ role: 'viewer', unitPath: '/999/' }],
  source: 'api',
};

describe.each(TEST_DB_KINDS)('composite indices on %s', (kind) => {
  let db: Db;
  const ctx = () => ({ db, now: () => new Date('2026-01-15T08:00:00Z') });

  beforeAll(async () => {
    db = await createTestDb(kind);
    await createPre2025Provinces(db);
    await loadIndexTemplate(ctx(), LOCAL_ADMIN, M922);
    await loadIndexTemplate(ctx(), LOCAL_ADMIN, M1726);
    await insertYearValues(db, 2022, dti2022Values());
    await insertYearValues(db, 2020, [
      { unit: '27', indicator: 'DTI1726_P_CQS', value: 0.4449 },
      { unit: '27', indicator: 'DTI1726_P_KTS', value: 0.3668 },
      { unit: '27', indicator: 'DTI1726_P_XHS', value: 0.4052 },
    ]);
  }, 120_000);
  afterAll(async () => db.close());

  it('reproduces the published DTI 2022 of the five best provinces, to 4 decimals, in the published order', async () => {
    const r = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M922, year: 2022 });
    expect(r).toMatchObject({
      methodology: M922,
      version: 1,
      year: 2022,
      level: 'province',
      published: false,
    });
    const top = r.results.slice(0, 5);
    expect(top.map((x) => [x.unit, x.rank])).toEqual(DTI_2022.map(([code], i) => [`pre2025:${code}`, i + 1]));
    for (const [i, [, , dti]] of DTI_2022.entries()) {
      expect(Math.abs((top[i]?.score ?? 0) - dti)).toBeLessThanOrEqual(1e-4);
    }
    expect(top[0]).toMatchObject({ name: 'Thành phố Đà Nẵng', missing: ['DTTM'] });
    expect(top[0]?.score).toBeCloseTo(0.800175, 9);
    // Sub-scores: the foundation group NTC is the mean of its five scored indices.
    expect(top[0]?.nodes.NTC).toBeCloseTo((1 + 0.9 + 0.8253 + 0.8487 + 0.7578) / 5, 12);
    expect(top[0]?.nodes).not.toHaveProperty('DTI');
    // Per-pillar ranks: on the foundation group NTC (sums 4.3318, 3.8022, 3.7861, 3.854, 3.8835) Cần Thơ is second.
    expect(top.map((x) => x.nodeRanks.NTC)).toEqual([1, 4, 5, 3, 2]);
    expect(top.map((x) => x.nodeRanks.HD)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ranks the provinces without values last, scoring 0, with every leaf listed as missing', async () => {
    const r = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M922, year: 2022 });
    expect(r.results.slice(5).map((x) => [x.unit, x.score, x.rank])).toEqual([
      ['pre2025:01', 0, 6],
      ['pre2025:27', 0, 6],
    ]);
    expect(r.results[5]?.missing).toHaveLength(9);
  });

  it('computes the 1726 DTI of Bắc Ninh 2020 (0,4096)', async () => {
    const r = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M1726, year: 2020 });
    const bn = r.results.find((x) => x.unit === 'pre2025:27');
    expect(bn?.score).toBeCloseTo(0.40956, 12);
    expect(bn?.rank).toBe(1);
    expect(Number(bn?.score.toFixed(4))).toBe(0.4096);
  });

  it('gives last year’s score and the change, also across methodologies (2021 on 922 against 2020 on 1726)', async () => {
    await insertYearValues(
      db,
      2021,
      ['NTS', 'TCS', 'HTS', 'NLS', 'ATTT', 'HDCQS', 'HDKTS', 'HDXHS'].map((c) => ({
        unit: '27',
        indicator: `DTI922_P_${c}`,
        value: 0.5,
      })),
    );
    const same = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M922, year: 2021 });
    expect(same.results[0]).toMatchObject({
      unit: 'pre2025:27',
      score: 0.5,
      previousScore: null,
      change: null,
    });
    const across = await computeIndexResults(ctx(), LOCAL_ADMIN, {
      methodology: M922,
      year: 2021,
      previousMethodology: M1726,
    });
    expect(across.results[0]).toMatchObject({ unit: 'pre2025:27', previousRank: 1, rankChange: 0 });
    expect(across.results[0]?.previousScore).toBeCloseTo(0.40956, 12);
    expect(across.results[0]?.change).toBeCloseTo(0.5 / 0.40956 - 1, 12);
    const next = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M922, year: 2022 });
    const bn = next.results.find((x) => x.unit === 'pre2025:27');
    expect(bn).toMatchObject({ previousScore: 0.5, previousRank: 1, change: -1, rankChange: -5 });
  });

  it('ranks ties with the next rank skipped (1, 2, 2, 4)', async () => {
    await copyMethodology(ctx(), LOCAL_ADMIN, { from: M1726, to: 'ties' });
    const v = (unit: string, x: number) =>
      ['CQS', 'KTS', 'XHS'].map((c) => ({ unit, indicator: `DTI1726_P_${c}`, value: x }));
    await insertYearValues(db, 2019, [...v('48', 0.9), ...v('79', 0.7), ...v('22', 0.7), ...v('46', 0.5)]);
    const r = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: 'ties', year: 2019 });
    expect(r.results.slice(0, 4).map((x) => [x.unit, x.rank])).toEqual([
      ['pre2025:48', 1],
      ['pre2025:22', 2],
      ['pre2025:79', 2],
      ['pre2025:46', 4],
    ]);
  });

  it('publishes a year, freezes it against edits and new values, and lets later years use the edited tree', async () => {
    await copyMethodology(ctx(), LOCAL_ADMIN, { from: M922, to: 'dti-tinh', name: 'DTI của tỉnh' });
    const before = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: 'dti-tinh', year: 2022 });
    const published = await publishIndexYear(ctx(), LOCAL_ADMIN, { methodology: 'dti-tinh', year: 2022 });
    expect(published.published).toBe(true);
    expect(published.results).toEqual(before.results);

    await expect(
      publishIndexYear(ctx(), LOCAL_ADMIN, { methodology: 'dti-tinh', year: 2022 }),
    ).rejects.toMatchObject({ code: 'conflict' });

    // Social activity counts for 300 points instead of 150, digital economy for 0: a new version.
    const edited = await editMethodologyNodes(ctx(), LOCAL_ADMIN, 'dti-tinh', {
      upsert: [
        {
          code: 'HDXHS',
          parentCode: 'HD',
          name: 'Hoạt động xã hội số',
          weight: 300,
          indicatorCode: 'DTI922_P_HDXHS',
          normalization: 'value',
        },
        {
          code: 'HDKTS',
          parentCode: 'HD',
          name: 'Hoạt động kinh tế số',
          weight: 0,
          indicatorCode: 'DTI922_P_HDKTS',
          normalization: 'value',
        },
      ],
      baseVersion: 1,
      note: 'xã hội số nặng hơn',
    });
    expect(edited).toMatchObject({ version: 2, changed: true });
    await insertYearValues(db, 2022, [{ unit: '48', indicator: 'DTI922_P_NTS', value: 0.1 }]);
    try {
      const frozen = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: 'dti-tinh', year: 2022 });
      expect(frozen).toMatchObject({ published: true, version: 1 });
      expect(frozen.results).toEqual(before.results);
      expect(Object.keys(frozen.results[0]?.nodes ?? {})).toEqual(
        Object.keys(before.results[0]?.nodes ?? {}),
      );
      expect(frozen.computedAt).toBe('2026-01-15T08:00:00.000Z');
    } finally {
      await insertYearValues(db, 2022, [{ unit: '48', indicator: 'DTI922_P_NTS', value: 1 }]);
    }

    await insertYearValues(
      db,
      2023,
      DTI_2022.flatMap(([unit, values]) =>
        ['NTS', 'TCS', 'HTS', 'NLS', 'ATTT', 'HDCQS', 'HDKTS', 'HDXHS'].map((c, i) => ({
          unit,
          indicator: `DTI922_P_${c}`,
          value: values[i] ?? 0,
        })),
      ),
    );
    const later = await computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: 'dti-tinh', year: 2023 });
    expect(later).toMatchObject({ published: false, version: 2 });
    const dn = later.results.find((x) => x.unit === 'pre2025:48');
    // 100 × (1 + 0.9 + 0.8253 + 0.8487 + 0.7578) + 200 × 0.8575 + 300 × 0.5197 = 760.59 of 1000.
    expect(dn?.score).toBeCloseTo(0.76059, 9);
    // Last year's values come from the frozen 2022 results, not a recomputation.
    expect(dn?.previousScore).toBeCloseTo(0.800175, 9);

    const list = await listMethodologies(ctx());
    expect(list.find((m) => m.code === 'dti-tinh')).toMatchObject({
      basedOn: M922,
      version: 2,
      published: [{ year: 2022, level: 'province', version: 1 }],
    });
  });

  it('suggests what would lift a province most (what-if)', async () => {
    const r = await whatIfIndex(ctx(), LOCAL_ADMIN, {
      methodology: M922,
      year: 2022,
      unit: 'pre2025:22',
      top: 3,
    });
    expect(r).toMatchObject({ unit: 'pre2025:22', rank: 3, compared: 7 });
    // Quảng Ninh (0.70236) is 0.0140 behind Hồ Chí Minh City. Reaching Đà Nẵng's digital-economy activity
    // (0.7836 from 0.5904) adds 0.15 × 0.1932 = 0.02898; digital human resources (0.8487 from 0.625) adds
    // 0.02237; cyber security (0.7578 from 0.5382) 0.02196 — each takes it to second place.
    expect(r.suggestions.map((s) => [s.node, s.toValue, s.sourceUnit, s.rank, s.rankGain])).toEqual([
      ['HDKTS', 0.7836, 'pre2025:48', 2, 1],
      ['NLS', 0.8487, 'pre2025:48', 2, 1],
      ['ATTT', 0.7578, 'pre2025:48', 2, 1],
    ]);
    expect(r.suggestions[0]?.scoreGain).toBeCloseTo(0.15 * (0.7836 - 0.5904), 12);
    expect(r.suggestions[0]?.scenarios).toEqual(['best']);
  });

  it('refuses a unit outside the ranking, an unknown methodology and a bad year', async () => {
    await expect(
      whatIfIndex(ctx(), LOCAL_ADMIN, {
        methodology: M922,
        year: 2022,
        unit: 'pre2025:VN',
        level: 'province',
      }),
    ).rejects.toMatchObject({ code: 'badInput' });
    await expect(
      computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: 'nope', year: 2022 }),
    ).rejects.toMatchObject({ code: 'notFound' });
    await expect(
      computeIndexResults(ctx(), LOCAL_ADMIN, { methodology: M922, year: 20222 }),
    ).rejects.toMatchObject({ code: 'badInput' });
  });

  it('lets only those with rights read or publish a ranking', async () => {
    await expect(computeIndexResults(ctx(), viewer, { methodology: M922, year: 2022 })).rejects.toMatchObject(
      { code: 'forbidden' },
    );
    await expect(
      publishIndexYear(
        ctx(),
        { ...viewer, grants: [{ role: 'viewer', unitPath: '/' }] },
        { methodology: M922, year: 2022 },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const r = await computeIndexResults(
      ctx(),
      { ...viewer, grants: [{ role: 'viewer', unitPath: '/' }] },
      { methodology: M922, year: 2022 },
    );
    expect(r.results[0]?.unit).toBe('pre2025:48');
  });

  it('ranks a group on its own (--within)', async () => {
    const r = await computeIndexResults(ctx(), LOCAL_ADMIN, {
      methodology: M922,
      year: 2022,
      within: 'pre2025:VN',
    });
    expect(r.within).toBe('pre2025:VN');
    expect(r.results).toHaveLength(7);
  });
});
