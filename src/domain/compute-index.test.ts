import { describe, it, expect } from 'vitest';
import type { IndexValue, UnitIndexScore } from './compute-index.js';
import { competitionRanks, computeIndex, rankUnits, withPreviousYear } from './compute-index.js';
import type { MethodologyNode, MethodologyTree, Normalization } from './index-methodology.js';
import { buildMethodologyTree } from './index-methodology.js';

function tree(nodes: readonly MethodologyNode[]): MethodologyTree {
  const r = buildMethodologyTree(nodes);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const node = (
  code: string,
  parentCode: string | null,
  weight: number,
  indicatorCode?: string,
  normalization?: Normalization,
  reference?: number,
): MethodologyNode => ({ code, parentCode, name: code, weight, indicatorCode, normalization, reference });

const values = (byUnit: Record<string, Record<string, IndexValue>>) =>
  new Map(Object.entries(byUnit).map(([u, vs]) => [u, new Map(Object.entries(vs))]));

const unit = (results: readonly UnitIndexScore[], code: string): UnitIndexScore => {
  const found = results.find((r) => r.unitCode === code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
};

/**
 * R (fractions)
 * ├─ A 0.5 ─┬─ a1 0.5  value
 * │         └─ a2 0.5  ratio, reference 80
 * ├─ B 0.3  minmax
 * ├─ C 0.2  boolean
 * └─ D 0    value, unscored
 */
const mixed = tree([
  node('R', null, 1),
  node('A', 'R', 0.5),
  node('a1', 'A', 0.5, 'I_A1', 'value'),
  node('a2', 'A', 0.5, 'I_A2', 'ratio', 80),
  node('B', 'R', 0.3, 'I_B', 'minmax'),
  node('C', 'R', 0.2, 'I_C', 'boolean'),
  node('D', 'R', 0, 'I_D', 'value'),
]);

describe('computeIndex — a worked example over three units', () => {
  // minmax on B: min 10 (U1), max 30 (U2) → U1 0, U2 1, U3 (20−10)/20 = 0.5.
  // U1: A = 0.5×0.8 + 0.5×(40/80 = 0.5) = 0.65;  R = 0.5×0.65 + 0.3×0   + 0.2×1 = 0.525
  // U2: A = 0.5×1 (1.2 clamped) + 0.5×1 (100/80 capped) = 1;  R = 0.5×1 + 0.3×1 + 0.2×0 = 0.8
  // U3: A = 0.5×0 (missing) + 0.5×(60/80 = 0.75) = 0.375;  R = 0.5×0.375 + 0.3×0.5 + 0.2×1 = 0.5375
  // D is computed (U1 0.9, U3 0.1) but never counts.
  const results = computeIndex(
    mixed,
    values({
      U1: { I_A1: 0.8, I_A2: 40, I_B: 10, I_C: true, I_D: 0.9 },
      U2: { I_A1: 1.2, I_A2: 100, I_B: 30, I_C: false },
      U3: { I_A2: 60, I_B: 20, I_C: 1, I_D: 0.1 },
    }),
  );

  it.each<[string, number, Record<string, number>]>([
    ['U1', 0.525, { A: 0.65, a1: 0.8, a2: 0.5, B: 0, C: 1, D: 0.9 }],
    ['U2', 0.8, { A: 1, a1: 1, a2: 1, B: 1, C: 0, D: 0 }],
    ['U3', 0.5375, { A: 0.375, a1: 0, a2: 0.75, B: 0.5, C: 1, D: 0.1 }],
  ])('%s scores %f with its node scores', (code, score, nodes) => {
    const u = unit(results, code);
    expect(u.score).toBeCloseTo(score, 12);
    for (const [c, s] of Object.entries(nodes)) expect(u.nodes.get(c)).toBeCloseTo(s, 12);
  });

  it('keeps units in input order and node scores in pre-order', () => {
    expect(results.map((r) => r.unitCode)).toEqual(['U1', 'U2', 'U3']);
    expect([...unit(results, 'U1').nodes.keys()]).toEqual(['R', 'A', 'a1', 'a2', 'B', 'C', 'D']);
  });

  it('lists missing leaves (scored or not) and corrected values', () => {
    expect(results.map((r) => [r.unitCode, r.missing])).toEqual([
      ['U1', []],
      ['U2', ['D']],
      ['U3', ['a1']],
    ]);
    expect(unit(results, 'U2').issues).toEqual([
      { nodeCode: 'a1', indicatorCode: 'I_A1', kind: 'outOfRange', value: 1.2 },
    ]);
    expect(unit(results, 'U1').issues).toEqual([]);
  });
});

describe('computeIndex — each normalisation', () => {
  type Case = [
    string,
    Normalization,
    IndexValue | undefined,
    number,
    'missing' | 'outOfRange' | 'wrongType' | null,
  ];
  it.each<Case>([
    ['value inside [0, 1]', 'value', 0.37, 0.37, null],
    ['value 0', 'value', 0, 0, null],
    ['value 1', 'value', 1, 1, null],
    ['value above 1 is clamped and flagged', 'value', 1.5, 1, 'outOfRange'],
    ['value below 0 is clamped and flagged', 'value', -0.2, 0, 'outOfRange'],
    ['value given as a boolean', 'value', true, 0, 'wrongType'],
    ['value NaN', 'value', Number.NaN, 0, 'wrongType'],
    ['value Infinity', 'value', Number.POSITIVE_INFINITY, 0, 'wrongType'],
    ['value null', 'value', null, 0, 'missing'],
    ['value absent', 'value', undefined, 0, 'missing'],
    ['ratio 25 / 50', 'ratio', 25, 0.5, null],
    ['ratio above the reference is capped, not flagged', 'ratio', 75, 1, null],
    ['ratio negative', 'ratio', -5, 0, 'outOfRange'],
    ['ratio given as a boolean', 'ratio', false, 0, 'wrongType'],
    ['boolean true', 'boolean', true, 1, null],
    ['boolean false', 'boolean', false, 0, null],
    ['boolean as 1', 'boolean', 1, 1, null],
    ['boolean as 0', 'boolean', 0, 0, null],
    ['boolean as 0.5', 'boolean', 0.5, 0, 'wrongType'],
    ['boolean absent', 'boolean', undefined, 0, 'missing'],
    ['minmax alone (all equal)', 'minmax', 7, 1, null],
    ['minmax given as a boolean', 'minmax', true, 0, 'wrongType'],
  ])('%s', (_name, normalization, v, expected, flag) => {
    const t = tree([
      node('R', null, 1),
      node('L', 'R', 1, 'I', normalization, normalization === 'ratio' ? 50 : undefined),
    ]);
    const unitValues = new Map<string, IndexValue>(v === undefined ? [] : [['I', v]]);
    const [u] = computeIndex(t, new Map([['U', unitValues]]));
    expect(u?.score).toBeCloseTo(expected, 12);
    expect(u?.missing).toEqual(flag === 'missing' ? ['L'] : []);
    expect(u?.issues.map((i) => i.kind)).toEqual(flag === 'missing' || flag === null ? [] : [flag]);
  });

  const mm = tree([node('R', null, 1), node('L', 'R', 1, 'I', 'minmax')]);

  it('minmax ignores missing and non-numeric values when finding min and max', () => {
    // Range over 10 and 20 only: X (15) → 0.5; Y missing → 0; Z (true) → 0 and flagged.
    const results = computeIndex(
      mm,
      values({ W: { I: 10 }, V: { I: 20 }, X: { I: 15 }, Y: {}, Z: { I: true } }),
    );
    expect(results.map((r) => [r.unitCode, r.score])).toEqual([
      ['W', 0],
      ['V', 1],
      ['X', 0.5],
      ['Y', 0],
      ['Z', 0],
    ]);
  });

  it.each<[string, number | undefined, number]>([
    ['default: all equal score 1', undefined, 1],
    ['option: all equal score 0', 0, 0],
  ])('minmax when every unit has the same value — %s', (_name, option, expected) => {
    const results = computeIndex(
      mm,
      values({ A: { I: 5 }, B: { I: 5 } }),
      option === undefined ? {} : { minmaxAllEqualScore: option },
    );
    expect(results.map((r) => r.score)).toEqual([expected, expected]);
  });

  it('minmax with no numeric value anywhere scores 0 and lists the leaf as missing', () => {
    const results = computeIndex(mm, values({ A: {}, B: { I: null } }));
    expect(results.map((r) => [r.score, r.missing])).toEqual([
      [0, ['L']],
      [0, ['L']],
    ]);
  });

  it('a unit with every value at the top scores exactly 1 even when fractions carry float noise', () => {
    // 0.7 + 0.2 + 0.1 = 0.9999999999999999, so the shares add up to 1.0000000000000002 before clamping.
    const t = tree([
      node('R', null, 1),
      node('a', 'R', 0.7, 'A', 'value'),
      node('b', 'R', 0.2, 'B', 'value'),
      node('c', 'R', 0.1, 'C', 'value'),
    ]);
    const [u] = computeIndex(t, values({ U: { A: 1, B: 1, C: 1 } }));
    expect(u?.score).toBe(1);
  });

  it('returns no result for no unit', () => {
    expect(computeIndex(mm, new Map())).toEqual([]);
  });
});

const scored = (unitCode: string, score: number, nodes: Record<string, number> = {}) => ({
  unitCode,
  score,
  nodes: new Map(Object.entries(nodes)),
});

describe('rankUnits', () => {
  it.each<[string, [string, number][], [string, number][]]>([
    [
      'competition ranks: ties share, the next skips (1, 2, 2, 4)',
      [
        ['A', 0.7],
        ['B', 0.8],
        ['C', 0.9],
        ['D', 0.8],
      ],
      [
        ['C', 1],
        ['B', 2],
        ['D', 2],
        ['A', 4],
      ],
    ],
    [
      'equal after rounding to 4 decimals is a tie (0.80024 and 0.80016 are both 0.8002)',
      [
        ['A', 0.80016],
        ['B', 0.80024],
        ['C', 0.9],
      ],
      [
        ['C', 1],
        ['A', 2],
        ['B', 2],
      ],
    ],
    [
      'rounding half up separates 0.80025 (0.8003) from 0.80024 (0.8002)',
      [
        ['A', 0.80024],
        ['B', 0.80025],
      ],
      [
        ['B', 1],
        ['A', 2],
      ],
    ],
    [
      'float noise does not break a tie: 0.01605 × 10⁴ = 160.49999999999997 still rounds to 0.0161',
      [
        ['A', 0.01605],
        ['B', 0.0161],
      ],
      [
        ['A', 1],
        ['B', 1],
      ],
    ],
    [
      'all equal: everyone first',
      [
        ['B', 0.5],
        ['A', 0.5],
        ['C', 0.5],
      ],
      [
        ['A', 1],
        ['B', 1],
        ['C', 1],
      ],
    ],
    ['one unit', [['A', 0.3]], [['A', 1]]],
    ['no unit', [], []],
  ])('%s', (_name, input, expected) => {
    const ranked = rankUnits(input.map(([u, s]) => scored(u, s)));
    expect(ranked.map((r) => [r.unitCode, r.rank])).toEqual(expected);
  });

  it('uses another precision when told (0.801 and 0.804 tie at 2 decimals, not at 4)', () => {
    const input = [scored('A', 0.801), scored('B', 0.804)];
    expect(rankUnits(input, { decimals: 2 }).map((r) => r.rank)).toEqual([1, 1]);
    expect(rankUnits(input).map((r) => r.rank)).toEqual([1, 2]);
  });

  it('ranks every node (per-pillar ranks) by the same rule', () => {
    const ranked = rankUnits([
      scored('A', 0.6, { R: 0.6, CQS: 0.9, KTS: 0.2 }),
      scored('B', 0.7, { R: 0.7, CQS: 0.5, KTS: 0.8 }),
      scored('C', 0.5, { R: 0.5, CQS: 0.9, KTS: 0.1 }),
    ]);
    expect(ranked.map((r) => [r.unitCode, r.rank, Object.fromEntries(r.nodeRanks)])).toEqual([
      ['B', 1, { R: 1, CQS: 3, KTS: 1 }],
      ['A', 2, { R: 2, CQS: 1, KTS: 2 }],
      ['C', 3, { R: 3, CQS: 1, KTS: 3 }],
    ]);
  });

  it('keeps the fields it was given', () => {
    const [first] = rankUnits([{ ...scored('A', 0.5), missing: ['x'] }]);
    expect(first?.missing).toEqual(['x']);
  });
});

describe('competitionRanks', () => {
  it('gives equal keys the same rank and skips after them', () => {
    const ranks = competitionRanks(
      [
        { key: 'x', score: 0.2 },
        { key: 'y', score: 0.2 },
        { key: 'z', score: 0.1 },
      ],
      4,
    );
    expect(Object.fromEntries(ranks)).toEqual({ x: 1, y: 1, z: 3 });
  });
});

describe('withPreviousYear', () => {
  // Published DTI 2021 vs 2020 (national committee, 8 August 2022):
  // Viện Hàn lâm KH&CN 0,4736 vs 0,2848 → (0.4736 − 0.2848) / 0.2848 = 0.66292… ("tăng 66,29%");
  // Bộ Tài chính 0,6321 vs 0,4944 → 0.1377 / 0.4944 = 0.27852…
  const current = [
    { unitCode: 'VAST', score: 0.4736, rank: 1 },
    { unitCode: 'MOF', score: 0.6321, rank: 1 },
    { unitCode: 'NEW', score: 0.5, rank: 2 },
    { unitCode: 'ZERO', score: 0.3, rank: 3 },
    { unitCode: 'NORANK', score: 0.3, rank: 3 },
  ];
  const previous = [
    { unitCode: 'VAST', score: 0.2848, rank: 2 },
    { unitCode: 'MOF', score: 0.4944, rank: 1 },
    { unitCode: 'ZERO', score: 0, rank: 4 },
    { unitCode: 'NORANK', score: 0.4 },
    { unitCode: 'GONE', score: 0.9, rank: 1 },
  ];
  const result = withPreviousYear(current, previous);

  it.each<[string, number | null, number | null, number | null, number | null]>([
    ['VAST', 0.2848, 0.6629, 2, 1],
    ['MOF', 0.4944, 0.2785, 1, 0],
    ['NEW', null, null, null, null],
    ['ZERO', 0, null, 4, 1],
    ['NORANK', 0.4, -0.25, null, null],
  ])(
    '%s: previous %s, change %s, previous rank %s, rank change %s',
    (code, prev, change, prevRank, rankChange) => {
      const r = result.find((x) => x.unitCode === code);
      expect(r?.previousScore).toBe(prev);
      if (change === null) expect(r?.change).toBeNull();
      else expect(r?.change).toBeCloseTo(change, 4);
      expect(r?.previousRank).toBe(prevRank);
      expect(r?.rankChange).toBe(rankChange);
    },
  );

  it('keeps the current list and order, ignoring units only in last year', () => {
    expect(result.map((r) => r.unitCode)).toEqual(['VAST', 'MOF', 'NEW', 'ZERO', 'NORANK']);
  });
});
