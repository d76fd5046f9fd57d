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
import { authorizeCatalogue, optionalText, requireCode, requireText } from './catalogue-input.js';

export interface CreateIndicatorGroupInput {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  /** Default `custom`; the pillars and foundations of docs/domain.md §4 are there from the start. */
  kind?: GroupKind;
  sort?: number;
}

/** Adds a group of indicators (docs/domain.md §4: pillars, foundations, or the workspace's own). */
export async function createIndicatorGroup(
  ctx: AppContext,
  actor: Actor,
  input: CreateIndicatorGroupInput,
): Promise<IndicatorGroupSummary> {
  authorizeCatalogue(actor);
  const nameVi = requireText(input.nameVi, 'nameVi');
  const group: IndicatorGroupRow = {
    code: requireCode(input.code, 'code'),
    nameVi,
    nameEn: optionalText(input.nameEn) ?? nameVi,
    kind: input.kind ?? 'custom',
    sort: input.sort ?? 100,
  };
  return ctx.db.transaction(async (tx) => {
    if (await findIndicatorGroup(tx, group.code)) {
      throw new AppError(
        'conflict',
        {
          vi: `Nhóm chỉ tiêu «${group.code}» đã có.`,
          en: `Indicator group «${group.code}» already exists.`,
        },
        [{ field: 'code', message_vi: 'Mã này đã có nhóm.', message_en: 'This code is already in use.' }],
      );
    }
    await upsertIndicatorGroups(tx, [group]);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'indicatorGroup',
        entityKey: group.code,
        oldData: null,
        newData: group,
      }),
    ]);
    return group;
  });
}
