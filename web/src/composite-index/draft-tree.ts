import type { MethodologyNodeView } from '../../../src/contract/composite-index.js';
import {
  buildMethodologyTree,
  toMethodologyNode,
  type MethodologyNode,
} from '../../../src/domain/index-methodology.js';
import type { DomainMessage } from '../../../src/domain/result.js';
import { parseDecimal } from '../../../src/domain/validate-value.js';

// Only src/domain is imported here (no page code): the editor checks a draft with the server's own rules.

/** A message as the editor shows it, in either language. */
export type DraftMessage = Pick<DomainMessage, 'message_vi' | 'message_en'>;

/** What a draft of the tree gives: the nodes as they would be saved, the changed ones, and the problems by node. */
export interface DraftCheck {
  nodes: MethodologyNode[];
  /** The nodes whose weight the draft changes (the edit's `upsert`). */
  changed: MethodologyNode[];
  /** Problems by node code ('' for the tree as a whole): a weight that is not a number, weights that do not add up… */
  problems: Map<string, DraftMessage[]>;
  /** The nodes whose weight takes part in a sum that does not add up (their parent is named in `problems`). */
  invalidWeights: Set<string>;
  /** Each node's share of the root score once the draft is applied, when the draft is a valid tree. */
  rootShares: Map<string, number> | null;
}

function push(map: Map<string, DraftMessage[]>, code: string, message: DraftMessage): void {
  const list = map.get(code);
  if (list) list.push(message);
  else map.set(code, [message]);
}

/**
 * Checks the weights typed (`drafts`, by node code, as the user wrote them: `0,4`, `100`) over the stored tree: each
 * weight read as people write numbers, then the whole tree validated as the server does (`buildMethodologyTree`),
 * every problem kept at the node it names.
 */
export function checkDraft(
  stored: readonly MethodologyNodeView[],
  drafts: Readonly<Record<string, string>>,
): DraftCheck {
  const problems = new Map<string, DraftMessage[]>();
  const nodes: MethodologyNode[] = [];
  const changed: MethodologyNode[] = [];
  for (const s of stored) {
    const node = toMethodologyNode(s);
    const text = drafts[s.code];
    if (text !== undefined) {
      const parsed = parseDecimal(text);
      if (!parsed.ok) {
        push(problems, s.code, parsed.error);
      } else if (parsed.value.percent) {
        push(problems, s.code, {
          message_vi: `Trọng số của "${s.code}" ghi là tỷ lệ (0,4) hoặc số điểm (100), không ghi phần trăm.`,
          message_en: `Write the weight of "${s.code}" as a fraction (0.4) or as points (100), not as a percentage.`,
        });
      } else {
        node.weight = parsed.value.value;
      }
      if (node.weight !== s.weight) changed.push(node);
    }
    nodes.push(node);
  }
  const invalidWeights = new Set<string>();
  let rootShares: Map<string, number> | null = null;
  if (problems.size === 0) {
    const built = buildMethodologyTree(nodes);
    if (built.ok) {
      rootShares = new Map([...built.value.nodes.values()].map((n) => [n.code, n.rootShare]));
    } else {
      for (const p of built.error) {
        push(problems, p.nodeCode, p);
        if (p.code === 'weightsDoNotAddUp' || p.code === 'noScoredChildren') {
          for (const n of nodes) if (n.parentCode === p.nodeCode) invalidWeights.add(n.code);
        }
        if (p.code === 'badWeight' || p.code === 'badRootWeight') invalidWeights.add(p.nodeCode);
      }
    }
  }
  return { nodes, changed, problems, invalidWeights, rootShares };
}

/** The node a server's error detail names (`nodes.NTC` → `NTC`; `nodes` → the tree as a whole, ''). */
export function nodeOfField(field: string | undefined): string | null {
  if (field === undefined) return null;
  if (field === 'nodes') return '';
  return field.startsWith('nodes.') ? field.slice('nodes.'.length) : null;
}
