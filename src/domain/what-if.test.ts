import { describe, it, expect } from 'vitest';
import type { IndexValue } from './compute-index.js';
import type { MethodologyNode, MethodologyTree, Normalization } from './index-methodology.js';
import { buildMethodologyTree } from './index-methodology.js';
import type { WhatIfOptions, WhatIfSuggestion } from './what-if.js';
import { whatIf } from './what-if.js';

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

function suggestions(
  t: MethodologyTree,
  byUnit: Record<string, Record<string, IndexValue>>,
  unitCode: string,
  opts: Partial<WhatIfOptions> = {},
): WhatIfSuggestion[] {
  const r = whatIf(t, values(byUnit), unitCode, { step: 0.1, top: 10, ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const brief = (s: readonly WhatIfSuggestion[]) =>
  s.map((x) => [x.nodeCode, x.scenarios.join('+'), x.toValue, x.sourceUnitCode, x.rank, x.rankGain]);

/** A DTI-like tree in points: L1 600 + L2 400 = 1000, both `value` leaves. */
const points = tree([
  node('R', null, 1000),
  node('L1', 'R', 600, 'I1', 'value'),
  node('L2', 'R', 400, 'I2', 'value'),
]);
// X = 0.6×0.5 + 0.4×0.5 = 0.50 (rank 3); Y = 0.6×0.6 + 0.4×0.4 = 0.52 (rank 2); Z = 0.6×0.9 + 0.4×0.2 = 0.62 (rank 1).
const xyz = { X: { I1: 0.5, I2: 0.5 }, Y: { I1: 0.6, I2: 0.4 }, Z: { I1: 0.9, I2: 0.2 } };

describe('whatIf — value leaves', () => {
  // L1 → 0.9 (Z, best):              X = 0.54 + 0.20 = 0.74 → rank 1, +2 places, +0.24
  // L1 → 0.6 (Y, next better = step): X = 0.36 + 0.20 = 0.56 → rank 2, +1 place,  +0.06
  // L2 → 0.6 (step; nobody is better): X = 0.30 + 0.24 = 0.54 → rank 2, +1 place,  +0.04
  const result = suggestions(points, xyz, 'X');

  it('sorts by rank gain, then score gain, and merges scenarios leading to the same value', () => {
    expect(brief(result)).toEqual([
      ['L1', 'best', 0.9, 'Z', 1, 2],
      ['L1', 'nextBetter+step', 0.6, 'Y', 2, 1],
      ['L2', 'step', 0.6, null, 2, 1],
    ]);
  });

  it('reports the new score and the gain as fractions of 1', () => {
    expect(result.map((s) => [s.fromValue, s.score, s.scoreGain])).toEqual([
      [0.5, expect.closeTo(0.74, 12), expect.closeTo(0.24, 12)],
      [0.5, expect.closeTo(0.56, 12), expect.closeTo(0.06, 12)],
      [0.5, expect.closeTo(0.54, 12), expect.closeTo(0.04, 12)],
    ]);
  });

  it('returns the first N', () => {
    expect(brief(suggestions(points, xyz, 'X', { top: 1 }))).toEqual([['L1', 'best', 0.9, 'Z', 1, 2]]);
    expect(suggestions(points, xyz, 'X', { top: 0 })).toEqual([]);
  });

  it('caps the step at 1 on a value leaf and offers none at 1', () => {
    // Z is first already (0.62), so only the score can rise:
    // L2 → 0.5 (X, best):                Z = 0.54 + 0.20 = 0.74, +0.12
    // L2 → 0.4 (Y, next better = step):  Z = 0.54 + 0.16 = 0.70, +0.08
    // L1 0.9 + 0.2 → 1 (capped step):    Z = 0.60 + 0.08 = 0.68, +0.06
    const result = suggestions(points, xyz, 'Z', { step: 0.2 });
    expect(result.map((s) => [s.nodeCode, s.scenarios.join('+'), s.toValue, s.rankGain])).toEqual([
      ['L2', 'best', 0.5, 0],
      ['L2', 'nextBetter+step', 0.4, 0],
      ['L1', 'step', 1, 0],
    ]);
    expect(result.map((s) => s.scoreGain)).toEqual([
      expect.closeTo(0.12, 12),
      expect.closeTo(0.08, 12),
      expect.closeTo(0.06, 12),
    ]);
    expect(suggestions(points, { X: { I1: 1, I2: 1 }, Y: { I1: 0.2, I2: 0.2 } }, 'X')).toEqual([]);
  });

  it('uses a step of its own for an indicator when told', () => {
    const result = suggestions(points, xyz, 'X', { stepByIndicator: new Map([['I2', 0.3]]) });
    expect(result.find((s) => s.nodeCode === 'L2')?.toValue).toBeCloseTo(0.8, 12);
  });

  it('takes the lowest better value as next better when the unit has no value, and offers no step', () => {
    const result = suggestions(
      points,
      { X: { I2: 0.5 }, Y: { I1: 0.6, I2: 0.4 }, Z: { I1: 0.9, I2: 0.2 } },
      'X',
    );
    expect(
      result.filter((s) => s.nodeCode === 'L1').map((s) => [s.scenarios.join('+'), s.toValue, s.fromValue]),
    ).toEqual([
      ['best', 0.9, null],
      ['nextBetter', 0.6, null],
    ]);
  });

  it('leaves out unscored leaves', () => {
    const t = tree([node('R', null, 1), node('S', 'R', 1, 'I1', 'value'), node('U', 'R', 0, 'I2', 'value')]);
    const result = suggestions(t, { A: { I1: 0.2, I2: 0.1 }, B: { I1: 0.5, I2: 0.9 } }, 'A');
    expect(result.map((s) => s.nodeCode)).toEqual(['S', 'S']);
  });
});

describe('whatIf — minmax leaves renormalise over the units', () => {
  // One minmax leaf; A 10, B 20, C 30 → A 0, B 0.5, C 1 (ranks 3, 2, 1).
  // A → 30 (best, C): min 20, max 30 → A 1, B 0, C 1 → A shares rank 1: +2 places, +1.
  // A → 20 (next better, B): min 20, max 30 → A 0, B 0, C 1 → A ties B at rank 2: +1 place, score gain 0
  //   (kept: the rank moves because B falls, not because A rises).
  // A → 15 (step 5): min 15, max 30 → A 0, B 1/3, C 1 → still rank 3, no gain: dropped.
  const t = tree([node('R', null, 1), node('M', 'R', 1, 'I', 'minmax')]);
  const result = suggestions(t, { A: { I: 10 }, B: { I: 20 }, C: { I: 30 } }, 'A', { step: 5 });

  it('recomputes every unit', () => {
    expect(brief(result)).toEqual([
      ['M', 'best', 30, 'C', 1, 2],
      ['M', 'nextBetter', 20, 'B', 2, 1],
    ]);
    expect(result.map((s) => s.scoreGain)).toEqual([1, 0]);
  });

  it('has no step cap on a minmax leaf: raising past the max makes the unit the new max', () => {
    // C 30 → 40: min 10, max 40 → C 1; still first (no rank gain) and no score gain: nothing to suggest.
    expect(suggestions(t, { A: { I: 10 }, B: { I: 20 }, C: { I: 30 } }, 'C', { step: 10 })).toEqual([]);
    // B 20 → 30 (C's value): min 10, max 30 → B 1, C 1: shares rank 1, score 0.5 → 1.
    // B 20 → 40 (step 20):    min 10, max 40 → B 1, C 2/3: rank 1 alone, score 0.5 → 1.
    // Equal gains: the copied value comes first (scenario order), the step after.
    expect(brief(suggestions(t, { A: { I: 10 }, B: { I: 20 }, C: { I: 30 } }, 'B', { step: 20 }))).toEqual([
      ['M', 'nextBetter+best', 30, 'C', 1, 1],
      ['M', 'step', 40, null, 1, 1],
    ]);
  });
});

describe('whatIf — ratio and boolean leaves', () => {
  it('caps the ratio step at the reference and copies the smallest value among equally scored units', () => {
    // Reference 50: X 40 → 0.8; Y 60 and Z 80 both cap at 1, so next better and best copy 60 (less effort).
    // The step 40 + 20 = 60 is capped at 50 and scores 1 as well.
    const t = tree([node('R', null, 1), node('Q', 'R', 1, 'I', 'ratio', 50)]);
    const result = suggestions(t, { X: { I: 40 }, Y: { I: 60 }, Z: { I: 80 } }, 'X', { step: 20 });
    expect(brief(result)).toEqual([
      ['Q', 'nextBetter+best', 60, 'Y', 1, 2],
      ['Q', 'step', 50, null, 1, 2],
    ]);
  });

  it('turns a boolean to true in all three scenarios at once', () => {
    const t = tree([
      node('R', null, 1),
      node('a', 'R', 0.5, 'IA', 'value'),
      node('b', 'R', 0.5, 'IB', 'boolean'),
    ]);
    const result = suggestions(t, { X: { IA: 0.6, IB: false }, Y: { IA: 0.2, IB: true } }, 'X');
    expect(brief(result).find((s) => s[0] === 'b')).toEqual(['b', 'nextBetter+best+step', true, 'Y', 1, 1]);
  });
});

describe('whatIf — refused requests', () => {
  it.each<[string, string, Partial<WhatIfOptions>, string]>([
    ['an unknown unit', 'NOPE', {}, 'unknownUnit'],
    ['a zero step', 'X', { step: 0 }, 'badStep'],
    ['a negative step', 'X', { step: -0.1 }, 'badStep'],
    ['a step that is not a number', 'X', { step: Number.NaN }, 'badStep'],
    ['a zero step for one indicator', 'X', { stepByIndicator: new Map([['I1', 0]]) }, 'badStep'],
    ['a negative top', 'X', { top: -1 }, 'badTop'],
    ['a fractional top', 'X', { top: 1.5 }, 'badTop'],
  ])('%s', (_name, unitCode, opts, code) => {
    const r = whatIf(points, values(xyz), unitCode, { step: 0.1, top: 5, ...opts });
    expect(r.ok ? null : r.error.code).toBe(code);
    if (!r.ok) {
      expect(r.error.message_vi).not.toBe('');
      expect(r.error.message_en).not.toBe('');
    }
  });
});
