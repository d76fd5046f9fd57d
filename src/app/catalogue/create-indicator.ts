import type { IndicatorSummary } from '../../contract/catalogue.js';
import type { Direction } from '../../domain/achievement.js';
import type { TimeAggregation, ValueType } from '../../domain/aggregate.js';
import { AppError } from '../../domain/app-error.js';
import { checkIndicatorBounds } from '../../domain/validate-value.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  ensureIndicatorGroups,
  findIndicator,
  upsertIndicators,
  type IndicatorInput,
} from '../../store/catalogue.queries.js';
import { auditEntry } from '../audit-entry.js';
import type { Actor, AppContext } from '../context.js';
import { authorizeCatalogue, optionalText, requireCode, requireText } from './catalogue-input.js';
import { toIndicatorSummary } from './indicator-summary.js';

export interface CreateIndicatorInput {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  valueType: ValueType;
  measureUnit?: string | null;
  /** Default `increase` (docs/domain.md §4). */
  direction?: Direction;
  /** Default `last` (stocks and rates); `sum` for flows must be asked for (docs/domain.md §4). */
  timeAggregation?: TimeAggregation;
  /** A group code; a new code creates a custom group (docs/import.md). */
  group?: string | null;
  description?: string | null;
  /** The plausible range of its values (docs/domain.md §4); absent or null for the value type's own limits. */
  min?: number | null;
  max?: number | null;
}

/**
 * The indicator fields to write, with the defaults of docs/domain.md §4 filled in; bounds its value type
 * cannot take are refused, each named.
 */
export function indicatorFields(input: CreateIndicatorInput): IndicatorInput {
  const bounds = { min: input.min ?? null, max: input.max ?? null };
  const problems = checkIndicatorBounds(input.valueType, bounds);
  const first = problems[0];
  if (first) {
    throw new AppError(
      'badInput',
      { vi: first.message_vi, en: first.message_en },
      problems.map((p) => ({ field: p.field, message_vi: p.message_vi, message_en: p.message_en })),
    );
  }
  return {
    code: requireCode(input.code, 'code'),
    nameVi: requireText(input.nameVi, 'nameVi'),
    nameEn: optionalText(input.nameEn),
    valueType: input.valueType,
    measureUnit: optionalText(input.measureUnit),
    direction: input.direction ?? 'increase',
    timeAggregation: input.timeAggregation ?? 'last',
    groupCode: input.group ? requireCode(input.group, 'group') : null,
    description: optionalText(input.description),
    minValue: bounds.min,
    maxValue: bounds.max,
  };
}

/** Adds an indicator to the catalogue (docs/domain.md §4); refuses a code already in use. */
export async function createIndicator(
  ctx: AppContext,
  actor: Actor,
  input: CreateIndicatorInput,
): Promise<IndicatorSummary> {
  authorizeCatalogue(actor);
  const fields = indicatorFields(input);
  return ctx.db.transaction(async (tx) => {
    if (await findIndicator(tx, fields.code)) {
      throw new AppError(
        'conflict',
        {
          vi: `Chỉ tiêu «${fields.code}» đã có; dùng lệnh sửa để thay đổi.`,
          en: `Indicator «${fields.code}» already exists; update it instead.`,
        },
        [{ field: 'code', message_vi: 'Mã này đã có chỉ tiêu.', message_en: 'This code is already in use.' }],
      );
    }
    if (fields.groupCode) await ensureIndicatorGroups(tx, [fields.groupCode]);
    await upsertIndicators(tx, [fields]);
    const row = await findIndicator(tx, fields.code);
    if (!row) throw new Error(`indicator ${fields.code} vanished`);
    const summary = toIndicatorSummary(row);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'indicator',
        entityKey: row.code,
        oldData: null,
        newData: summary,
      }),
    ]);
    return summary;
  });
}
