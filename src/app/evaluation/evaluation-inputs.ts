import { AppError } from '../../domain/app-error.js';
import { DEFAULT_BAND_BOUNDARIES, validateBandBoundaries, type BandBoundaries } from '../../domain/band.js';
import { parsePeriod, type Period } from '../../domain/period.js';
import type { Queryable } from '../../store/db.js';
import {
  findIndicatorByCode,
  findPlanByCode,
  type IndicatorRow,
  type PlanRow,
} from '../../store/evaluation.queries.js';

/** Reads a period a user wrote (DOMAIN.md §3), or refuses it naming the field. */
export function readPeriod(text: string, field = 'period'): Period {
  const parsed = parsePeriod(text);
  if (!parsed.ok) throw AppError.fromDomain('badInput', parsed.error, [{ field, ...parsed.error }]);
  return parsed.value;
}

/** The plan with this code, or notFound. */
export async function resolvePlan(q: Queryable, code: string): Promise<PlanRow> {
  const plan = await findPlanByCode(q, code);
  if (!plan) {
    throw new AppError('notFound', {
      vi: `Không tìm thấy kế hoạch «${code}» (plan).`,
      en: `Plan «${code}» was not found (plan).`,
    });
  }
  return plan;
}

/** The indicator with this code, or notFound. */
export async function resolveIndicator(q: Queryable, code: string): Promise<IndicatorRow> {
  const indicator = await findIndicatorByCode(q, code);
  if (!indicator) {
    throw new AppError('notFound', {
      vi: `Không tìm thấy chỉ tiêu «${code}» (indicator).`,
      en: `Indicator «${code}» was not found (indicator).`,
    });
  }
  return indicator;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The plan's band bounds (DOMAIN.md §6, "configurable per plan"): `plan.bands` is null for the defaults, or an
 * object of ratios `{exceeded, over80, from50to80}` (1 = 100 %); a key left out keeps its default. Bounds that
 * do not pass `validateBandBoundaries` are refused with the plan named.
 */
export function planBoundaries(plan: PlanRow): BandBoundaries {
  if (plan.bands === null || plan.bands === undefined) return DEFAULT_BAND_BOUNDARIES;
  const stored = isRecord(plan.bands) ? plan.bands : {};
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
