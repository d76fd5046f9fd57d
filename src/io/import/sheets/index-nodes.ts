// The `index_nodes` sheet (docs/domain.md §8); the tree itself is checked by buildMethodologyTree.
import { z } from 'zod';
import { codeCell, enumCell, numberCell, textCell } from '../cells.js';
import type { IndexNodeRecord } from '../records.js';
import { withRowRule } from './rule.js';

/** A row of `index_nodes`: methodology, code, name and a weight ≥ 0; a node is not its own parent. */
export const indexNodesRow = () =>
  withRowRule(
    z.object({
      methodology: codeCell(),
      code: codeCell(),
      parent_code: codeCell().optional(),
      name: textCell(),
      weight: numberCell({ min: 0 }),
      indicator_code: codeCell().optional(),
      normalization: enumCell('normalization').optional(),
      reference: numberCell().optional(),
    }),
    (r, fail) => {
      if (r.code !== undefined && r.parent_code === r.code) {
        fail(
          'parent_code',
          `Nút «${r.code}» không thể là nút cha của chính nó.`,
          `Node «${r.code}» cannot be its own parent.`,
        );
      }
    },
  );

export const indexNodeRecord = (
  d: z.output<ReturnType<typeof indexNodesRow>>,
  row: number,
): IndexNodeRecord => ({
  row,
  methodology: d.methodology,
  code: d.code,
  parentCode: d.parent_code ?? null,
  name: d.name,
  weight: d.weight,
  indicatorCode: d.indicator_code ?? null,
  normalization: d.normalization ?? null,
  reference: d.reference ?? null,
});
