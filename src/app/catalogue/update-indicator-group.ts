import type { IndicatorGroupSummary } from '../../contract/catalogue.js';
import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  findIndicatorGroup,
  upsertIndicatorGroups,
  type GroupKind,
  type IndicatorGroupRow,
} from '../../store/catalogue.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { authorizeCatalogue, requireText } from './catalogue-input.js';

export interface UpdateIndicatorGroupInput {
  nameVi?: string;
  nameEn?: string;
  kind?: GroupKind;
  sort?: number;
}

/** Renames or re-sorts a group of indicators (docs/domain.md §4). */
export async function updateIndicatorGroup(
  ctx: AppContext,
  actor: Actor,
  code: string,
  patch: UpdateIndicatorGroupInput,
): Promise<IndicatorGroupSummary> {
  authorizeCatalogue(actor);
  return ctx.db.transaction(async (tx) => {
    const current = await findIndicatorGroup(tx, code);
    if (!current) {
      throw new AppError('notFound', {
        vi: `Không tìm thấy nhóm chỉ tiêu «${code}».`,
        en: `Indicator group «${code}» was not found.`,
      });
    }
    const next: IndicatorGroupRow = {
      code: current.code,
      nameVi: patch.nameVi === undefined ? current.nameVi : requireText(patch.nameVi, 'nameVi'),
      nameEn: patch.nameEn === undefined ? current.nameEn : requireText(patch.nameEn, 'nameEn'),
      kind: patch.kind ?? current.kind,
      sort: patch.sort ?? current.sort,
    };
    const { updated } = await upsertIndicatorGroups(tx, [next]);
    if (updated > 0) {
      await insertAuditRows(tx, [
        auditEntry(ctx, actor, {
          action: 'update',
          entity: 'indicatorGroup',
          entityKey: next.code,
          oldData: current,
          newData: next,
        }),
      ]);
    }
    return next;
  });
}
