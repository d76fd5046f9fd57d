import { AppError } from '../../domain/app-error.js';
import { foldVietnamese } from '../../domain/text.js';
import {
  BARE_CODE_SETS,
  CURRENT_UNIT_SET,
  formatUnitRef,
  isBareUnitRef,
  parseUnitRef,
} from '../../domain/unit-ref.js';
import type { UnitKind, UnitLevel } from '../../domain/unit-vocabulary.js';
import type { Queryable } from '../../store/db.js';
import { findUnit, listUnits as queryUnits, type UnitRow } from '../../store/units.queries.js';
import type { AppContext } from '../context.js';

/** A unit as the CLI and API show it (docs/cli.md: `{code, name, level, kind, parentCode}`). */
export interface UnitSummary {
  code: string;
  set: string;
  name: string;
  shortName: string;
  level: UnitLevel;
  kind: UnitKind;
  subtype: string | null;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export function toUnitSummary(row: UnitRow): UnitSummary {
  return {
    code: formatUnitRef({ set: row.set, code: row.code }),
    set: row.set,
    name: row.name,
    shortName: row.shortName,
    level: row.level,
    kind: row.kind,
    subtype: row.subtype,
    parentCode:
      row.parentSet && row.parentCode ? formatUnitRef({ set: row.parentSet, code: row.parentCode }) : null,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

/**
 * Finds the unit a user wrote (`15`, `pre2025:10`, `LCI-STTTT`); a bare code names the current set,
 * then the workspace's own units (docs/domain.md §2). Refuses with the code named when there is none.
 */
export async function resolveUnit(q: Queryable, text: string, field = 'unit'): Promise<UnitRow> {
  const parsed = parseUnitRef(text);
  if (!parsed.ok) {
    throw AppError.fromDomain('badInput', parsed.error, [{ field, ...parsed.error }]);
  }
  const sets = isBareUnitRef(text) ? BARE_CODE_SETS : [parsed.value.set];
  const unit = await findUnit(q, sets, parsed.value.code);
  if (!unit) {
    throw new AppError(
      'notFound',
      {
        vi: `Không tìm thấy đơn vị «${text}» (${field}).`,
        en: `Unit «${text}» was not found (${field}).`,
      },
      [{ field, message_vi: `Không có đơn vị «${text}».`, message_en: `No unit «${text}».` }],
    );
  }
  return unit;
}

export interface ListUnitsInput {
  /** A unit set; by default the current one, or the parent's set when a parent is named. */
  set?: string;
  level?: UnitLevel;
  kind?: UnitKind;
  /** List the children of this unit. */
  parent?: string;
  /** Text to find in names, with or without diacritics ("lao cai" finds "Lào Cai"). */
  search?: string;
  limit?: number;
  offset?: number;
}

/** Lists units by level, parent and name (docs/domain.md §2), ordered by code. */
export async function listUnits(ctx: AppContext, input: ListUnitsInput): Promise<UnitSummary[]> {
  const parent = input.parent ? await resolveUnit(ctx.db, input.parent, 'parent') : null;
  const rows = await queryUnits(ctx.db, {
    set: input.set ?? (parent ? undefined : CURRENT_UNIT_SET),
    level: input.level,
    kind: input.kind,
    parentId: parent?.id,
    search: input.search ? foldVietnamese(input.search) : undefined,
    limit: input.limit,
    offset: input.offset,
  });
  return rows.map(toUnitSummary);
}

/** One unit by the code a user wrote. */
export async function getUnit(ctx: AppContext, text: string): Promise<UnitSummary> {
  return toUnitSummary(await resolveUnit(ctx.db, text));
}
