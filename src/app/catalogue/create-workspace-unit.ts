import { AppError } from '../../domain/app-error.js';
import { foldVietnamese } from '../../domain/text.js';
import { WORKSPACE_UNIT_SET } from '../../domain/unit-ref.js';
import type { WorkspaceUnitKind } from '../../domain/unit-vocabulary.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findUnit, refreshUnitPaths, upsertUnits, type UnitInput } from '../../store/units.queries.js';
import { auditEntry } from '../audit-entry.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit, toUnitSummary, type UnitSummary } from '../units/list-units.js';
import { optionalText, requireCode, requireText } from './catalogue-input.js';
import { assertWorkspaceCodesFree } from './workspace-unit-codes.js';

/** What a unit's parent is to it, in write refusals (`, the parent`). */
export const NEW_PARENT = { vi: 'đơn vị cha', en: 'the parent' };

export interface CreateWorkspaceUnitInput {
  code: string;
  name: string;
  nameEn?: string | null;
  kind: WorkspaceUnitKind;
  /** The parent as users write it: `15`, `pre2025:10`, or another workspace unit. */
  parent: string;
  subtype?: string | null;
}

/** The unit row to write for a workspace unit under an already resolved parent. */
export function workspaceUnitInput(
  input: Omit<CreateWorkspaceUnitInput, 'parent'>,
  parent: { set: string; code: string },
): UnitInput {
  const code = requireCode(input.code, 'code');
  const name = requireText(input.name, 'name');
  return {
    code,
    name,
    shortName: name,
    nameEn: optionalText(input.nameEn),
    searchName: foldVietnamese(`${name} ${code}`),
    level: input.kind,
    kind: input.kind,
    subtype: optionalText(input.subtype),
    parent,
    validFrom: null,
    validTo: null,
  };
}

/**
 * Adds a unit of the workspace (an agency, a village, …) under an official or workspace unit (docs/domain.md §2);
 * its code may not repeat a current official code, nor another workspace unit's.
 */
export async function createWorkspaceUnit(
  ctx: AppContext,
  actor: Actor,
  input: CreateWorkspaceUnitInput,
): Promise<UnitSummary> {
  return ctx.db.transaction(async (tx) => {
    const parent = await resolveUnit(tx, input.parent, 'parent');
    authorizeWrite(actor, 'units:manage', {
      row: ROW_NAMES.unit(input.code.trim()),
      next: [rowUnit(parent, 'parent', NEW_PARENT)],
    });
    const unit = workspaceUnitInput(input, { set: parent.set, code: parent.code });
    await assertWorkspaceCodesFree(tx, [unit.code]);
    if (await findUnit(tx, [WORKSPACE_UNIT_SET], unit.code)) {
      throw new AppError('conflict', {
        vi: `Đơn vị «${unit.code}» đã có trong không gian làm việc.`,
        en: `Unit «${unit.code}» already exists in the workspace.`,
      });
    }
    await upsertUnits(tx, WORKSPACE_UNIT_SET, [unit]);
    await refreshUnitPaths(tx);
    const row = await findUnit(tx, [WORKSPACE_UNIT_SET], unit.code);
    if (!row) throw new Error(`unit ${unit.code} vanished`);
    const summary = toUnitSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'unit',
        entityKey: summary.code,
        provinceCode: row.provinceCode,
        oldData: null,
        newData: summary,
      }),
    ]);
    return summary;
  });
}
