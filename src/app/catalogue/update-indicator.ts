import type { IndicatorSummary } from '../../contract/catalogue.js';
import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  countValuesByIndicator,
  ensureIndicatorGroups,
  findIndicator,
  upsertIndicators,
} from '../../store/catalogue.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { authorizeCatalogue } from './catalogue-input.js';
import { indicatorFields } from './create-indicator.js';
import { resolveIndicator, toIndicatorSummary } from './indicator-summary.js';

/** The fields to change; absent ones stay as they are. */
export interface UpdateIndicatorInput {
  nameVi?: string;
  nameEn?: string | null;
  valueType?: ValueType;
  measureUnit?: string | null;
  direction?: Direction;
  timeAggregation?: TimeAggregation;
  group?: string | null;
  description?: string | null;
  /** null removes the bound (the value type's own limits apply again). */
  min?: number | null;
  max?: number | null;
}

/**
 * Changes an indicator of the catalogue (docs/domain.md §4). Its value type cannot change once values are
 * recorded (they were checked against the old type); a new group code creates the group.
 */
export async function updateIndicator(
  ctx: AppContext,
  actor: Actor,
  code: string,
  patch: UpdateIndicatorInput,
): Promise<IndicatorSummary> {
  authorizeCatalogue(actor);
  return ctx.db.transaction(async (tx) => {
    const current = await resolveIndicator(tx, code, 'code');
    const before = toIndicatorSummary(current);
    const fields = indicatorFields({
      code: current.code,
      nameVi: patch.nameVi ?? current.nameVi,
      nameEn: patch.nameEn === undefined ? current.nameEn : patch.nameEn,
      valueType: patch.valueType ?? current.valueType,
      measureUnit: patch.measureUnit === undefined ? current.measureUnit : patch.measureUnit,
      direction: patch.direction ?? current.direction,
      timeAggregation: patch.timeAggregation ?? current.timeAggregation,
      group: patch.group === undefined ? current.groupCode : patch.group,
      description: patch.description === undefined ? current.description : patch.description,
      min: patch.min === undefined ? current.minValue : patch.min,
      max: patch.max === undefined ? current.maxValue : patch.max,
    });
    if (fields.valueType !== current.valueType) {
      const n = (await countValuesByIndicator(tx, [current.id])).get(current.id) ?? 0;
      if (n > 0) {
        throw new AppError(
          'conflict',
          {
            vi: `Không đổi được kiểu giá trị của chỉ tiêu «${current.code}» từ ${current.valueType} sang ${fields.valueType}: đã có ${n} số liệu nhập theo kiểu cũ.`,
            en: `The value type of indicator «${current.code}» cannot change from ${current.valueType} to ${fields.valueType}: ${n} values were entered as the old type.`,
          },
          [{ field: 'valueType', message_vi: 'Đã có số liệu.', message_en: 'Values exist.' }],
        );
      }
    }
    if (fields.groupCode) await ensureIndicatorGroups(tx, [fields.groupCode]);
    const { updated } = await upsertIndicators(tx, [fields]);
    const row = await findIndicator(tx, current.code);
    if (!row) throw new Error(`indicator ${current.code} vanished`);
    const after = toIndicatorSummary(row);
    if (updated > 0) {
      await insertAuditRows(tx, [
        auditEntry(ctx, actor, {
          action: 'update',
          entity: 'indicator',
          entityKey: row.code,
          oldData: before,
          newData: after,
        }),
      ]);
    }
    return after;
  });
}
