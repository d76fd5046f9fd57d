import { AppError } from '../../domain/app-error.js';
import { WORKSPACE_UNIT_SET } from '../../domain/unit-ref.js';
import type { WorkspaceUnitKind } from '../../domain/unit-vocabulary.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { findUnit, refreshUnitPaths, upsertUnits } from '../../store/units.queries.js';
import { auditEntry } from '../audit-entry.js';
import { authorizeWrite, ROW_NAMES, rowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit, toUnitSummary, type UnitSummary } from '../units/list-units.js';
import { NEW_PARENT, workspaceUnitInput } from './create-workspace-unit.js';

export interface UpdateWorkspaceUnitInput {
  name?: string;
  nameEn?: string | null;
  kind?: WorkspaceUnitKind;
  parent?: string;
  subtype?: string | null;
}

/**
 * Renames or moves a unit the workspace added (docs/domain.md §2): units:manage over the unit and over its new parent.
 * Official units are changed only by loading their lists.
 */
export async function updateWorkspaceUnit(
  ctx: AppContext,
  actor: Actor,
  code: string,
  patch: UpdateWorkspaceUnitInput,
): Promise<UnitSummary> {
  return ctx.db.transaction(async (tx) => {
    const current = await findUnit(tx, [WORKSPACE_UNIT_SET], code);
    if (!current) {
      throw new AppError('notFound', {
        vi: `Không có đơn vị «${code}» do không gian làm việc thêm (đơn vị hành chính chính thức không sửa ở đây).`,
        en: `No unit «${code}» added by the workspace (official units are not edited here).`,
      });
    }
    const name = ROW_NAMES.unit(current.code);
    authorizeWrite(actor, 'units:manage', { row: name, current: [rowUnit(current, 'code')] });
    const parent = patch.parent ? await resolveUnit(tx, patch.parent, 'parent') : null;
    if (parent) {
      authorizeWrite(actor, 'units:manage', {
        row: name,
        current: [rowUnit(current, 'code')],
        next: [rowUnit(parent, 'parent', NEW_PARENT)],
      });
      if (parent.path.startsWith(current.path)) {
        throw new AppError('badInput', {
          vi: `Không thể chuyển đơn vị «${code}» vào chính nó hoặc đơn vị con của nó.`,
          en: `Unit «${code}» cannot be moved under itself or one of its children.`,
        });
      }
    }
    const before = toUnitSummary(current);
    const unit = workspaceUnitInput(
      {
        code: current.code,
        name: patch.name ?? current.name,
        nameEn: patch.nameEn === undefined ? current.nameEn : patch.nameEn,
        kind: patch.kind ?? (current.kind as WorkspaceUnitKind),
        subtype: patch.subtype === undefined ? current.subtype : patch.subtype,
      },
      parent
        ? { set: parent.set, code: parent.code }
        : { set: current.parentSet ?? WORKSPACE_UNIT_SET, code: current.parentCode ?? '' },
    );
    const { updated } = await upsertUnits(tx, WORKSPACE_UNIT_SET, [unit]);
    if (updated === 0) return before;
    await refreshUnitPaths(tx);
    const row = await findUnit(tx, [WORKSPACE_UNIT_SET], current.code);
    if (!row) throw new Error(`unit ${current.code} vanished`);
    const after = toUnitSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'update',
        entity: 'unit',
        entityKey: after.code,
        provinceCode: row.provinceCode,
        oldData: before,
        newData: after,
      }),
    ]);
    return after;
  });
}
