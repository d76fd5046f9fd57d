import { AppError } from '../../domain/app-error.js';
import { ROLES, type Role } from '../../domain/approval.js';
import { parsePeriod, periodEnd, periodStart } from '../../domain/period.js';
import { BARE_CODE_SETS, formatUnitRef, isBareUnitRef, parseUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import type { PlanRow } from '../../store/catalogue.queries.js';
import { findUnitsByRefs, type FoundUnitRef } from '../../store/unit-refs.queries.js';
import { isInScope } from '../auth/scope.js';
import type { Actor } from '../context.js';
import { resolvePlan } from '../plans/plan-summary.js';

/** Unknown units a message names before it stops: the count says how many more there are. */
const MISSING_IN_MESSAGE = 20;
/** Unknown units listed one by one in the problem's errors: enough to fix a file, not a megabyte of JSON. */
const MISSING_LISTED = 200;

/** The roles an actor holds over a unit (the local admin and the system hold every role everywhere). */
export function rolesOver(actor: Actor, unitPath: string): Role[] {
  if (actor.kind === 'localAdmin' || actor.kind === 'system') return [...ROLES];
  return ROLES.filter((role) => actor.grants.some((g) => g.role === role && isInScope(g.unitPath, unitPath)));
}

/** The plan a review is about, or a notFound naming it (the plan row carries its unit's path). */
export async function loadPlan(q: Queryable, code: string): Promise<PlanRow> {
  return resolvePlan(q, code);
}

/** A review period: its id and first and last day; refuses what parsePeriod refuses (docs/domain.md §3). */
export function parseReviewPeriod(text: string): { period: string; start: string; end: string } {
  const parsed = parsePeriod(text);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field: 'period', ...parsed.error }]);
  return { period: text, start: periodStart(parsed.value), end: periodEnd(parsed.value) };
}

/** Finds the units users wrote (`15`, `pre2025:10`) in one query; refuses naming every code not found. */
export async function resolveUnitRefs(
  q: Queryable,
  texts: readonly string[],
  field = 'units',
): Promise<FoundUnitRef[]> {
  const refs = texts.map((text, i) => {
    const parsed = parseUnitRef(text);
    if (!parsed.ok)
      throw AppError.fromDomain('badInput', parsed.error, [{ field: `${field}[${i}]`, ...parsed.error }]);
    return { sets: isBareUnitRef(text) ? BARE_CODE_SETS : [parsed.value.set], code: parsed.value.code };
  });
  const found = await findUnitsByRefs(q, refs);
  if (found.length !== texts.length) {
    const seen = new Set(found.map((f) => f.index));
    const missing = texts.filter((_, i) => !seen.has(i));
    throw new AppError(
      'notFound',
      {
        vi: `Không tìm thấy ${missing.length} đơn vị: ${missing.slice(0, MISSING_IN_MESSAGE).join(', ')}.`,
        en: `${missing.length} units were not found: ${missing.slice(0, MISSING_IN_MESSAGE).join(', ')}.`,
      },
      missing.slice(0, MISSING_LISTED).map((code) => ({
        field,
        message_vi: `Không có đơn vị «${code}».`,
        message_en: `No unit «${code}».`,
      })),
    );
  }
  return found;
}

export function unitRefOf(unit: { set: string; code: string }): string {
  return formatUnitRef({ set: unit.set, code: unit.code });
}
