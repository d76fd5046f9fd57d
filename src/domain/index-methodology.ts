import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

/**
 * How a leaf turns an indicator value into a score in [0, 1] (docs/domain.md §8):
 * `value` — the value is already in [0, 1] (clamped, out-of-range flagged);
 * `ratio` — value / reference, capped at 1;
 * `minmax` — (v − min) / (max − min) over the units compared;
 * `boolean` — true → 1, false → 0.
 */
export const NORMALIZATIONS = ['value', 'ratio', 'minmax', 'boolean'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

/** One row of a methodology as written in the `index_nodes` sheet (docs/import.md). */
export type MethodologyNode = {
  code: string;
  parentCode: string | null;
  name: string;
  /** A fraction of the parent (0.4) or a maximum in points (400); 0 marks an unscored node. */
  weight: number;
  indicatorCode?: string | null;
  normalization?: Normalization | null;
  reference?: number | null;
};

/**
 * The methodology node of a stored or answered node (a row of the store, a node of the API's tree): only the fields
 * the rules read, so that the tree is checked the same way wherever the node comes from.
 */
export function toMethodologyNode(n: MethodologyNode): MethodologyNode {
  return {
    code: n.code,
    parentCode: n.parentCode,
    name: n.name,
    weight: n.weight,
    indicatorCode: n.indicatorCode,
    normalization: n.normalization,
    reference: n.reference,
  };
}

/** A problem found in a methodology, naming the node at fault ('' when no single node is). */
export type MethodologyProblem = DomainMessage & { nodeCode: string };

type TreeNodeBase = {
  code: string;
  name: string;
  parentCode: string | null;
  weight: number;
  /** Distance from the root (the root is 0). */
  depth: number;
  /** False when the weight is 0: the node is computed and shown but does not count in its parent. */
  scored: boolean;
  /** The weight normalised among the parent's scored children (1 for the root, 0 when unscored). */
  share: number;
  /** The product of the shares from the root down: how much of the root score this node carries. */
  rootShare: number;
};

export type LeafNode = TreeNodeBase & {
  kind: 'leaf';
  indicatorCode: string;
  normalization: Normalization;
  /** The reference of a `ratio` leaf (positive); null for other normalisations. */
  reference: number | null;
};

export type GroupNode = TreeNodeBase & { kind: 'group'; children: readonly TreeNode[] };

export type TreeNode = LeafNode | GroupNode;

/** A validated methodology: nodes and leaves are listed in pre-order (parent before children, input order among siblings). */
export type MethodologyTree = {
  root: TreeNode;
  nodes: ReadonlyMap<string, TreeNode>;
  leaves: readonly LeafNode[];
};

/** Relative tolerance when checking that weights add up. */
const WEIGHT_TOLERANCE = 1e-9;

function fmt(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(12))) : String(n);
}

function problem(nodeCode: string, code: string, message_vi: string, message_en: string): MethodologyProblem {
  return { nodeCode, code, message_vi, message_en };
}

function hasText(s: string | null | undefined): s is string {
  return s != null && s.trim() !== '';
}

/**
 * The rule for sibling weights (docs/domain.md §8), decided by the parent's own weight P and the sum S of its
 * scored children's weights (children of weight 0 are unscored and left out):
 * P > 1 — the weights are points and the parent's maximum is their sum, so S = P;
 * 0 < P ≤ 1 — the weights are fractions, so S = 1;
 * P = 0 — the parent is unscored and its children are only weighed against each other.
 * Both equalities hold to a relative 1e-9. Mixing (a parent worth 0.4 whose children are 40 + 30 + 30
 * points) is refused: write the whole branch in points or in fractions.
 */
function siblingWeightProblem(code: string, parentWeight: number, sum: number): MethodologyProblem | null {
  if (parentWeight > 1) {
    if (Math.abs(sum - parentWeight) <= WEIGHT_TOLERANCE * parentWeight) return null;
    return problem(
      code,
      'weightsDoNotAddUp',
      `Các nút con của "${code}" cộng lại ${fmt(sum)} điểm, nhưng "${code}" có tối đa ${fmt(parentWeight)} điểm.`,
      `The children of "${code}" add up to ${fmt(sum)} points but "${code}" is worth ${fmt(parentWeight)} points.`,
    );
  }
  if (parentWeight > 0) {
    if (Math.abs(sum - 1) <= WEIGHT_TOLERANCE) return null;
    return problem(
      code,
      'weightsDoNotAddUp',
      `Trọng số các nút con của "${code}" cộng lại ${fmt(sum)}, phải bằng 1 (nếu là thang điểm, ghi điểm tối đa của "${code}" làm trọng số của nó).`,
      `The weights of the children of "${code}" add up to ${fmt(sum)}; fractions must add up to 1 (if they are points, give "${code}" its maximum as its weight).`,
    );
  }
  return null;
}

function checkNode(node: MethodologyNode, children: readonly MethodologyNode[]): MethodologyProblem[] {
  const problems: MethodologyProblem[] = [];
  const c = node.code;
  if (children.length === 0) {
    if (!hasText(node.indicatorCode)) {
      problems.push(
        problem(
          c,
          'leafWithoutIndicator',
          `Nút lá "${c}" chưa gắn chỉ tiêu.`,
          `Leaf node "${c}" has no indicator.`,
        ),
      );
    }
    if (node.normalization == null) {
      problems.push(
        problem(
          c,
          'leafWithoutNormalization',
          `Nút lá "${c}" chưa có cách chuẩn hóa (value, ratio, minmax hoặc boolean).`,
          `Leaf node "${c}" has no normalisation (value, ratio, minmax or boolean).`,
        ),
      );
    } else if (node.normalization === 'ratio') {
      const ref = node.reference;
      if (ref == null || !Number.isFinite(ref) || ref <= 0) {
        problems.push(
          problem(
            c,
            'ratioWithoutReference',
            `Nút "${c}" chuẩn hóa theo tỷ lệ nhưng thiếu giá trị tham chiếu dương.`,
            `Node "${c}" uses ratio normalisation but has no positive reference value.`,
          ),
        );
      }
    }
    return problems;
  }
  if (hasText(node.indicatorCode)) {
    problems.push(
      problem(
        c,
        'internalWithIndicator',
        `Nút "${c}" có nút con nên không được gắn chỉ tiêu "${node.indicatorCode}".`,
        `Node "${c}" has children, so it cannot bind indicator "${node.indicatorCode}".`,
      ),
    );
  }
  if (node.normalization != null || node.reference != null) {
    problems.push(
      problem(
        c,
        'internalWithNormalization',
        `Nút "${c}" có nút con nên không có cách chuẩn hóa hay giá trị tham chiếu.`,
        `Node "${c}" has children, so it takes no normalisation or reference.`,
      ),
    );
  }
  const validWeights = children.map((ch) => ch.weight).filter((w) => Number.isFinite(w) && w >= 0);
  if (validWeights.length < children.length) return problems;
  const sum = validWeights.reduce((a, w) => a + w, 0);
  if (sum === 0) {
    problems.push(
      problem(
        c,
        'noScoredChildren',
        `Nút "${c}" không có nút con nào được tính điểm (mọi trọng số bằng 0).`,
        `Node "${c}" has no scored child (every child weight is 0).`,
      ),
    );
    return problems;
  }
  if (Number.isFinite(node.weight) && node.weight >= 0) {
    const p = siblingWeightProblem(c, node.weight, sum);
    if (p) problems.push(p);
  }
  return problems;
}

/** Finds every parent cycle once, listing its codes in parent order starting from the first met. */
function findCycles(byCode: ReadonlyMap<string, MethodologyNode>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  for (const start of byCode.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let code: string | null = start;
    while (code != null && byCode.has(code) && !state.has(code)) {
      state.set(code, 'open');
      path.push(code);
      code = byCode.get(code)?.parentCode ?? null;
    }
    if (code != null && state.get(code) === 'open') cycles.push(path.slice(path.indexOf(code)));
    for (const p of path) state.set(p, 'done');
  }
  return cycles;
}

/**
 * Validates a methodology and builds its tree (docs/domain.md §8), returning every problem found, each naming
 * its node: empty or duplicate codes, negative weights, unknown parents, no root or several (a methodology
 * has exactly one explicit root — it carries the scale, 1 or the total points — so a second top node is
 * refused rather than silently hung under an implicit root), parent cycles, leaves without an indicator or
 * normalisation, ratio leaves without a positive reference, internal nodes with an indicator or
 * normalisation, internal nodes with no scored child, and sibling weights that do not add up (see
 * `siblingWeightProblem`: points add up to the parent's maximum, fractions to 1).
 */
export function buildMethodologyTree(
  nodes: readonly MethodologyNode[],
): Result<MethodologyTree, MethodologyProblem[]> {
  const problems: MethodologyProblem[] = [];
  const byCode = new Map<string, MethodologyNode>();
  for (const node of nodes) {
    if (!hasText(node.code)) {
      problems.push(
        problem(
          '',
          'emptyCode',
          `Có nút không có mã (tên: "${node.name}").`,
          `A node has no code (name: "${node.name}").`,
        ),
      );
      continue;
    }
    if (!Number.isFinite(node.weight) || node.weight < 0) {
      problems.push(
        problem(
          node.code,
          'badWeight',
          `Nút "${node.code}": trọng số ${fmt(node.weight)} không hợp lệ; trọng số phải là một số không âm.`,
          `Node "${node.code}": weight ${fmt(node.weight)} is invalid; a weight must be a number ≥ 0.`,
        ),
      );
    }
    if (byCode.has(node.code)) {
      problems.push(
        problem(
          node.code,
          'duplicateCode',
          `Mã nút "${node.code}" bị trùng.`,
          `Node code "${node.code}" is used more than once.`,
        ),
      );
      continue;
    }
    byCode.set(node.code, node);
  }

  const children = new Map<string, MethodologyNode[]>();
  const tops: MethodologyNode[] = [];
  for (const node of byCode.values()) {
    if (node.parentCode == null) {
      tops.push(node);
    } else if (byCode.has(node.parentCode)) {
      const list = children.get(node.parentCode);
      if (list) list.push(node);
      else children.set(node.parentCode, [node]);
    } else {
      problems.push(
        problem(
          node.code,
          'unknownParent',
          `Nút "${node.code}": nút cha "${node.parentCode}" không tồn tại.`,
          `Node "${node.code}": parent "${node.parentCode}" does not exist.`,
        ),
      );
    }
  }

  const [root, ...extraTops] = tops;
  if (root === undefined) {
    problems.push(
      problem(
        '',
        'noRoot',
        'Phương pháp không có nút gốc (nút không có nút cha).',
        'The methodology has no root (a node without a parent).',
      ),
    );
  } else {
    for (const extra of extraTops) {
      problems.push(
        problem(
          extra.code,
          'multipleRoots',
          `Nút "${extra.code}" không có nút cha nhưng "${root.code}" đã là nút gốc; một phương pháp chỉ có một nút gốc.`,
          `Node "${extra.code}" has no parent but "${root.code}" is already the root; a methodology has exactly one root.`,
        ),
      );
    }
  }
  for (const top of tops) {
    if (top.weight === 0) {
      problems.push(
        problem(
          top.code,
          'badRootWeight',
          `Nút gốc "${top.code}" phải có trọng số dương (1 nếu dùng tỷ trọng, tổng điểm nếu dùng thang điểm).`,
          `Root "${top.code}" needs a positive weight (1 for fractions, the total for points).`,
        ),
      );
    }
  }

  for (const cycle of findCycles(byCode)) {
    const list = cycle.map((c) => `"${c}"`).join(' → ');
    problems.push(
      problem(
        cycle[0] ?? '',
        'cycle',
        `Các nút ${list} tạo thành vòng lặp cha – con.`,
        `Nodes ${list} form a parent cycle.`,
      ),
    );
  }

  for (const node of byCode.values()) {
    problems.push(...checkNode(node, children.get(node.code) ?? []));
  }

  if (problems.length > 0 || root === undefined) return err(problems);
  return ok(assembleTree(root, children));
}

function assembleTree(
  root: MethodologyNode,
  children: ReadonlyMap<string, readonly MethodologyNode[]>,
): MethodologyTree {
  const nodes = new Map<string, TreeNode>();
  const leaves: LeafNode[] = [];

  const build = (node: MethodologyNode, depth: number, share: number, parentRootShare: number): TreeNode => {
    const base: TreeNodeBase = {
      code: node.code,
      name: node.name,
      parentCode: node.parentCode,
      weight: node.weight,
      depth,
      scored: depth === 0 || node.weight > 0,
      share,
      rootShare: parentRootShare * share,
    };
    const kids = children.get(node.code) ?? [];
    if (kids.length === 0) {
      const normalization = node.normalization ?? 'value';
      const leaf: LeafNode = {
        ...base,
        kind: 'leaf',
        indicatorCode: node.indicatorCode ?? '',
        normalization,
        reference: normalization === 'ratio' ? (node.reference ?? null) : null,
      };
      nodes.set(leaf.code, leaf);
      leaves.push(leaf);
      return leaf;
    }
    const childList: TreeNode[] = [];
    const group: GroupNode = { ...base, kind: 'group', children: childList };
    nodes.set(group.code, group);
    const sum = kids.reduce((a, k) => a + k.weight, 0);
    for (const kid of kids) childList.push(build(kid, depth + 1, kid.weight / sum, base.rootShare));
    return group;
  };

  return { root: build(root, 0, 1, 1), nodes, leaves };
}
