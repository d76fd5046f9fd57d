import { AppError } from '../../domain/app-error.js';
import { DEFAULT_BAND_BOUNDARIES, validateBandBoundaries, type BandBoundaries } from '../../domain/band.js';
import { parsePeriod, type Period } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { PlanRow } from '../../store/catalogue.queries.js';

/** Reads a period a user wrote (docs/domain.md §3), or refuses it naming the field. */
export function readPeriod(text: string, field = 'period'): Period {
  const parsed = parsePeriod(text);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field, ...parsed.error }]);
  return parsed.value;
}

/** A unit an evaluation is made at or below: enough to read its values' subtree, name it and authorize. */
export interface EvaluatedUnit {
  id: number;
  set: string;
  code: string;
  name: string;
  path: string;
}

/** The plan's own unit, as the plan row (joined with its unit) carries it: no further query. */
export function planUnit(plan: PlanRow): EvaluatedUnit {
  return {
    id: plan.unitId,
    set: plan.unitSet,
    code: plan.unitCode,
    name: plan.unitName,
    path: plan.unitPath,
  };
}

/**
 * The unit a plan is evaluated at (`unit`, `parent`): the plan's own unit or one below it. A plan's targets judge
 * only the units it covers; evaluated at another province's unit they would show that plan's targets to its readers.
 */
export function unitWithinPlan(plan: PlanRow, unit: EvaluatedUnit, field: string): EvaluatedUnit {
  if (unit.path.startsWith(plan.unitPath)) return unit;
  const at = formatUnitRef(unit);
  const planAt = formatUnitRef({ set: plan.unitSet, code: plan.unitCode });
  const message = {
    vi: `Đơn vị ${at} không thuộc đơn vị ${planAt} của kế hoạch «${plan.code}»: kế hoạch chỉ được đánh giá tại đơn vị của nó hoặc các đơn vị cấp dưới.`,
    en: `Unit ${at} is not within unit ${planAt} of plan «${plan.code}»: a plan is evaluated only at its own unit or the units below it.`,
  };
  throw new AppError('badInput', message, [{ field, message_vi: message.vi, message_en: message.en }]);
}

/**
 * The plan's band bounds (docs/domain.md §6, "configurable per plan"): `plan.bands` is null for the defaults, or an
 * object of ratios `{exceeded, over80, from50to80}` (1 = 100 %); a key left out keeps its default. Bounds that
 * do not pass `validateBandBoundaries` are refused with the plan named.
 */
export function planBoundaries(plan: Pick<PlanRow, 'code' | 'bands'>): BandBoundaries {
  const stored: Partial<Record<string, unknown>> | null = plan.bands;
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return DEFAULT_BAND_BOUNDARIES;
  const pick = (key: keyof BandBoundaries): number => {
    const v = stored[key];
    return v === undefined || v === null ? DEFAULT_BAND_BOUNDARIES[key] : Number(v);
  };
  const checked = validateBandBoundaries({
    exceeded: pick('exceeded'),
    over80: pick('over80'),
    from50to80: pick('from50to80'),
  });
  if (!checked.ok) {
    throw new AppError('badInput', {
      vi: `Kế hoạch «${plan.code}» có ngưỡng đánh giá không hợp lệ: ${checked.error.message_vi}`,
      en: `Plan «${plan.code}» has invalid band bounds: ${checked.error.message_en}`,
    });
  }
  return checked.value;
}
