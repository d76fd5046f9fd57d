// The `units` sheet: units the workspace adds (docs/domain.md §2).
import { z } from 'zod';
import { codeCell, enumCell, textCell, unitRefCell } from '../cells.js';
import { shown } from '../error-map.js';
import type { UnitRecord } from '../records.js';
import { withRowRule } from './rule.js';

/** A row of `units`: a code without a set prefix, a name, a kind, and its parent unit if any. */
export const unitsRow = () =>
  withRowRule(
    z.object({
      code: codeCell(),
      name: textCell(),
      kind: enumCell('unitKind'),
      parent_code: unitRefCell().optional(),
    }),
    (r, fail) => {
      if (r.code !== undefined && r.code.includes(':')) {
        fail(
          'code',
          `Mã đơn vị «${shown(r.code)}» không được chứa dấu hai chấm (dấu này tách bộ đơn vị, như pre2025:10).`,
          `Unit code «${shown(r.code)}» cannot contain a colon (it separates the unit set, as in pre2025:10).`,
        );
      } else if (r.parent_code && !r.parent_code.explicitSet && r.parent_code.code === r.code) {
        fail(
          'parent_code',
          'Đơn vị không thể là đơn vị cha của chính nó.',
          'A unit cannot be its own parent.',
        );
      }
    },
  );

export const unitRecord = (d: z.output<ReturnType<typeof unitsRow>>, row: number): UnitRecord => ({
  row,
  code: d.code,
  name: d.name,
  kind: d.kind,
  parentCode: d.parent_code ?? null,
});
