import { describe, it, expect } from 'vitest';
import type { MethodologyNode, MethodologyProblem, MethodologyTree } from './index-methodology.js';
import { buildMethodologyTree } from './index-methodology.js';

type Extra = Partial<Omit<MethodologyNode, 'code' | 'parentCode' | 'weight'>>;

/** A group node (no indicator). */
const group = (
  code: string,
  parentCode: string | null,
  weight: number,
  extra: Extra = {},
): MethodologyNode => ({
  code,
  parentCode,
  name: `Nút ${code}`,
  weight,
  ...extra,
});

/** A leaf bound to indicator IND_<code> with `value` normalisation unless told otherwise. */
const leaf = (
  code: string,
  parentCode: string | null,
  weight: number,
  extra: Extra = {},
): MethodologyNode => ({
  code,
  parentCode,
  name: `Nút ${code}`,
  weight,
  indicatorCode: `IND_${code}`,
  normalization: 'value',
  ...extra,
});

function build(nodes: readonly MethodologyNode[]): MethodologyTree {
  const r = buildMethodologyTree(nodes);
  if (!r.ok) throw new Error(`expected a valid tree, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function problems(nodes: readonly MethodologyNode[]): MethodologyProblem[] {
  const r = buildMethodologyTree(nodes);
  if (r.ok) throw new Error('expected problems, got a valid tree');
  return r.error;
}

const codes = (ps: readonly MethodologyProblem[]): [string, string][] => ps.map((p) => [p.code, p.nodeCode]);

describe('buildMethodologyTree — valid methodologies', () => {
  it('builds a fraction tree (1726: 0.4 / 0.3 / 0.3) with shares equal to the weights', () => {
    const tree = build([
      group('DTI', null, 1),
      leaf('CQS', 'DTI', 0.4),
      leaf('KTS', 'DTI', 0.3),
      leaf('XHS', 'DTI', 0.3),
    ]);
    expect(tree.root.code).toBe('DTI');
    expect(tree.root.kind).toBe('group');
    expect([...tree.nodes.keys()]).toEqual(['DTI', 'CQS', 'KTS', 'XHS']);
    expect(tree.leaves.map((l) => [l.code, l.share, l.rootShare, l.depth])).toEqual([
      ['CQS', 0.4, 0.4, 1],
      ['KTS', 0.3, 0.3, 1],
      ['XHS', 0.3, 0.3, 1],
    ]);
  });

  it('builds a points tree with an unscored node: shares are points / parent points, the unscored one 0', () => {
    // Root 1000 = A 500 + B 500; A 500 = a1 250 + a2 250 (+ a3 0, unscored).
    // a1: share 250/500 = 0.5, rootShare 0.5 × 0.5 = 0.25.
    const tree = build([
      group('R', null, 1000),
      group('A', 'R', 500),
      leaf('a1', 'A', 250),
      leaf('a2', 'A', 250),
      leaf('a3', 'A', 0),
      leaf('B', 'R', 500),
    ]);
    expect([...tree.nodes.keys()]).toEqual(['R', 'A', 'a1', 'a2', 'a3', 'B']);
    const pick = (c: string) => {
      const n = tree.nodes.get(c);
      return n && [n.scored, n.share, n.rootShare];
    };
    expect(pick('R')).toEqual([true, 1, 1]);
    expect(pick('A')).toEqual([true, 0.5, 0.5]);
    expect(pick('a1')).toEqual([true, 0.5, 0.25]);
    expect(pick('a3')).toEqual([false, 0, 0]);
    expect(pick('B')).toEqual([true, 0.5, 0.5]);
  });

  it('lists children in input order even when children come before their parent', () => {
    const tree = build([leaf('b', 'R', 0.5), leaf('a', 'R', 0.5), group('R', null, 1)]);
    expect(tree.root.kind === 'group' && tree.root.children.map((c) => c.code)).toEqual(['b', 'a']);
  });

  it('accepts a methodology that is a single leaf', () => {
    const tree = build([leaf('X', null, 1)]);
    expect(tree.leaves).toHaveLength(1);
    expect(tree.root.kind).toBe('leaf');
  });

  it('keeps the reference of a ratio leaf and drops it elsewhere', () => {
    const tree = build([
      group('R', null, 1),
      leaf('r', 'R', 0.5, { normalization: 'ratio', reference: 80 }),
      leaf('v', 'R', 0.5, { reference: 5 }),
    ]);
    expect(tree.leaves.map((l) => [l.code, l.normalization, l.reference])).toEqual([
      ['r', 'ratio', 80],
      ['v', 'value', null],
    ]);
  });

  it.each<[string, number[]]>([
    ['0.1 + 0.2 + 0.7 (float sum 1.0000000000000002)', [0.1, 0.2, 0.7]],
    ['0.4 + 0.3 + 0.3 (float sum 0.9999999999999999)', [0.4, 0.3, 0.3]],
    ['one child of weight 1', [1]],
    ['fractions with an unscored sibling', [0.5, 0.5, 0]],
  ])('accepts fractions adding up to 1 within 1e-9: %s', (_name, weights) => {
    const nodes = [group('R', null, 1), ...weights.map((w, i) => leaf(`c${i}`, 'R', w))];
    expect(buildMethodologyTree(nodes).ok).toBe(true);
  });

  it('accepts points adding up to the parent maximum (922: 100 × 5 + 0 = 500; 200 + 150 + 150 = 500)', () => {
    const nodes = [
      group('DTI', null, 1000),
      group('I', 'DTI', 500),
      ...['a', 'b', 'c', 'd', 'e'].map((c) => leaf(c, 'I', 100)),
      leaf('smart', 'I', 0),
      group('II', 'DTI', 500),
      leaf('gov', 'II', 200),
      leaf('eco', 'II', 150),
      leaf('soc', 'II', 150),
    ];
    expect(buildMethodologyTree(nodes).ok).toBe(true);
  });

  it('does not check the sum under an unscored parent (weight 0): its children only weigh against each other', () => {
    const nodes = [
      group('R', null, 1),
      leaf('a', 'R', 1),
      group('U', 'R', 0),
      leaf('u1', 'U', 10),
      leaf('u2', 'U', 20),
    ];
    const tree = build(nodes);
    expect(tree.nodes.get('u2')?.share).toBeCloseTo(2 / 3, 12);
    expect(tree.nodes.get('u2')?.rootShare).toBe(0);
  });
});

describe('buildMethodologyTree — problems', () => {
  it.each<[string, MethodologyNode[], [string, string][]]>([
    ['no node at all', [], [['noRoot', '']]],
    [
      'an empty code',
      [group('R', null, 1), leaf(' ', 'R', 1)],
      [
        ['emptyCode', ''],
        ['leafWithoutIndicator', 'R'],
        ['leafWithoutNormalization', 'R'],
      ],
    ],
    [
      'a duplicate code',
      [group('R', null, 1), leaf('a', 'R', 1), leaf('a', 'R', 1)],
      [['duplicateCode', 'a']],
    ],
    [
      'a negative weight',
      [group('R', null, 1), leaf('a', 'R', -0.5), leaf('b', 'R', 1)],
      [['badWeight', 'a']],
    ],
    [
      'a weight that is not a number',
      [group('R', null, 1), leaf('a', 'R', Number.NaN), leaf('b', 'R', 1)],
      [['badWeight', 'a']],
    ],
    [
      'an unknown parent',
      [group('R', null, 1), leaf('a', 'R', 1), leaf('b', 'Q', 1)],
      [['unknownParent', 'b']],
    ],
    [
      'two top nodes (no implicit root)',
      [group('R', null, 1), leaf('a', 'R', 1), leaf('S', null, 1)],
      [['multipleRoots', 'S']],
    ],
    [
      'a negative root weight is reported once',
      [group('R', null, -1), leaf('a', 'R', 1)],
      [['badWeight', 'R']],
    ],
    ['a root of weight 0', [group('R', null, 0), leaf('a', 'R', 1)], [['badRootWeight', 'R']]],
    [
      'a two-node cycle beside a valid root',
      [group('R', null, 1), leaf('a', 'R', 1), group('x', 'y', 1), group('y', 'x', 1)],
      [['cycle', 'x']],
    ],
    [
      'a node that is its own parent',
      [group('R', null, 1), leaf('a', 'R', 1), group('s', 's', 1)],
      [['cycle', 's']],
    ],
    [
      'nothing but a cycle',
      [group('x', 'y', 1), group('y', 'x', 1)],
      [
        ['noRoot', ''],
        ['cycle', 'x'],
      ],
    ],
    [
      'a leaf without indicator',
      [group('R', null, 1), leaf('a', 'R', 1, { indicatorCode: null })],
      [['leafWithoutIndicator', 'a']],
    ],
    [
      'a leaf with a blank indicator',
      [group('R', null, 1), leaf('a', 'R', 1, { indicatorCode: '  ' })],
      [['leafWithoutIndicator', 'a']],
    ],
    [
      'a leaf without normalisation',
      [group('R', null, 1), leaf('a', 'R', 1, { normalization: null })],
      [['leafWithoutNormalization', 'a']],
    ],
    [
      'a ratio leaf without reference',
      [group('R', null, 1), leaf('a', 'R', 1, { normalization: 'ratio' })],
      [['ratioWithoutReference', 'a']],
    ],
    [
      'a ratio leaf with reference 0',
      [group('R', null, 1), leaf('a', 'R', 1, { normalization: 'ratio', reference: 0 })],
      [['ratioWithoutReference', 'a']],
    ],
    [
      'a ratio leaf with a negative reference',
      [group('R', null, 1), leaf('a', 'R', 1, { normalization: 'ratio', reference: -3 })],
      [['ratioWithoutReference', 'a']],
    ],
    [
      'an internal node with an indicator',
      [group('R', null, 1, { indicatorCode: 'X' }), leaf('a', 'R', 1)],
      [['internalWithIndicator', 'R']],
    ],
    [
      'an internal node with a normalisation',
      [group('R', null, 1, { normalization: 'ratio', reference: 10 }), leaf('a', 'R', 1)],
      [['internalWithNormalization', 'R']],
    ],
    [
      'an internal node whose children are all unscored',
      [group('R', null, 1), leaf('a', 'R', 0), leaf('b', 'R', 0)],
      [['noScoredChildren', 'R']],
    ],
    [
      'fractions adding up to 0.99999 (beyond 1e-9)',
      [group('R', null, 1), leaf('a', 'R', 0.4), leaf('b', 'R', 0.3), leaf('c', 'R', 0.29999)],
      [['weightsDoNotAddUp', 'R']],
    ],
    [
      'fractions adding up to 1.1',
      [group('R', null, 1), leaf('a', 'R', 0.6), leaf('b', 'R', 0.5)],
      [['weightsDoNotAddUp', 'R']],
    ],
    [
      'points not adding up to the parent maximum (500 + 400 ≠ 1000)',
      [group('R', null, 1000), leaf('a', 'R', 500), leaf('b', 'R', 400)],
      [['weightsDoNotAddUp', 'R']],
    ],
    [
      'points under a parent given as a fraction (0.4 ≠ 40 + 30 + 30)',
      [
        group('R', null, 1),
        group('P', 'R', 0.4),
        leaf('a', 'P', 40),
        leaf('b', 'P', 30),
        leaf('c', 'P', 30),
        leaf('Q', 'R', 0.6),
      ],
      [['weightsDoNotAddUp', 'P']],
    ],
    [
      'a root of 1 over points (should be 1000)',
      [group('R', null, 1), leaf('a', 'R', 400), leaf('b', 'R', 600)],
      [['weightsDoNotAddUp', 'R']],
    ],
  ])('%s', (_name, nodes, expected) => {
    expect(codes(problems(nodes))).toEqual(expected);
  });

  it('returns every problem at once, each message naming its node in Vietnamese and English', () => {
    const found = problems([
      group('R', null, 1000),
      group('A', 'R', 500, { indicatorCode: 'IND_A' }),
      leaf('a1', 'A', 300),
      leaf('a2', 'A', 300),
      leaf('a1', 'A', 1),
      leaf('B', 'R', 400, { normalization: 'ratio' }),
      leaf('C', 'Z', 1),
      leaf('D', 'R', -1, { indicatorCode: null }),
    ]);
    expect(codes(found)).toEqual([
      ['duplicateCode', 'a1'],
      ['badWeight', 'D'],
      ['unknownParent', 'C'],
      ['internalWithIndicator', 'A'],
      ['weightsDoNotAddUp', 'A'],
      ['ratioWithoutReference', 'B'],
      ['leafWithoutIndicator', 'D'],
    ]);
    for (const p of found) {
      expect(p.message_vi).toContain(`"${p.nodeCode}"`);
      expect(p.message_en).toContain(`"${p.nodeCode}"`);
    }
  });

  it('says how far off the weights are', () => {
    const [points] = problems([group('R', null, 1000), leaf('a', 'R', 500), leaf('b', 'R', 400)]);
    expect(points?.message_en).toBe('The children of "R" add up to 900 points but "R" is worth 1000 points.');
    expect(points?.message_vi).toBe('Các nút con của "R" cộng lại 900 điểm, nhưng "R" có tối đa 1000 điểm.');
    const [fractions] = problems([group('R', null, 1), leaf('a', 'R', 0.6), leaf('b', 'R', 0.5)]);
    expect(fractions?.message_en).toContain('add up to 1.1; fractions must add up to 1');
  });

  it('names every node of a cycle', () => {
    const [, cycle] = problems([group('x', 'z', 1), group('y', 'x', 1), group('z', 'y', 1)]);
    expect(cycle?.message_en).toBe('Nodes "x" → "z" → "y" form a parent cycle.');
  });
});
