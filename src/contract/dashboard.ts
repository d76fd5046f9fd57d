import type { Band, BandBoundaries } from '../domain/band.js';
import type { Lang } from '../domain/format-number.js';
import type { PeriodType } from '../domain/period.js';
import type { UnitLevel } from '../domain/unit-vocabulary.js';
import type { ValueType } from '../domain/aggregate.js';
import type { Direction } from '../domain/achievement.js';
import type { DataVersion } from './data-version.js';
import type { EvaluationNotice, ActualsFrom } from './evaluation.js';
import type { DomainMessage } from '../domain/result.js';

// What one dashboard request answers (docs/dashboard.md): everything a leader's dashboard shows for a plan × unit ×
// period, each figure with the API path that explains it (`trace`).

/** A period as a picker shows it. */
export interface DashboardPeriod {
  id: string;
  type: PeriodType;
  label: string;
  start: string;
  end: string;
}

/** One band's count, in the committee's words in both languages. */
export interface DashboardBand {
  band: Band;
  count: number;
  /** The phrase in the reader's language. */
  phrase: string;
  phraseVi: string;
  phraseEn: string;
  trace: string;
}

/** One recorded period of a target's trend: the actual as the evaluation computes it. */
export interface TrendPoint {
  period: string;
  actual: number | boolean | null;
}

/** One target row of the dashboard. */
export interface DashboardTarget {
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string | null;
  group: { code: string; name: string; nameVi: string; nameEn: string; kind: string } | null;
  unit: string;
  unitName: string;
  /** The target's due period. */
  period: string;
  leadUnit: { code: string; name: string } | null;
  valueType: ValueType;
  direction: Direction;
  measureUnit: string | null;
  band: Band;
  actual: number | boolean | null;
  target: number | null;
  ratio: number | null;
  forecastStatus: 'onTrack' | 'atRisk' | 'offTrack' | null;
  forecastValue: number | null;
  actualSource: 'entered' | 'derived' | null;
  /** The actuals of the recorded periods of the selected period's type, from the plan's first year to it. */
  trend: TrendPoint[];
  trace: string;
}

/** A lagging target: below the lowest band's bound, furthest below first. */
export interface DashboardLagging {
  indicator: string;
  indicatorName: string;
  unit: string;
  ratio: number | null;
  leadUnit: { code: string; name: string } | null;
  trace: string;
}

/** An overdue task with its lead unit. */
export interface DashboardTask {
  code: string;
  title: string;
  programme: string;
  due: string | null;
  leadUnit: { code: string; name: string };
  trace: string;
}

/** A register (villages lacking broadband or fibre, communes without a standard LAN) over two quarters. */
export interface DashboardRegister {
  indicator: string;
  name: string;
  from: string | null;
  to: string;
  lacking: number;
  lackingBefore: number | null;
  /** Units that stopped lacking it between `from` and `to`. */
  closed: number | null;
  /** lacking − lackingBefore (negative: fewer lack it). */
  change: number | null;
  trace: string;
}

/** The unit's place in a composite index and its change from the year before. */
export interface DashboardIndex {
  methodology: string;
  name: string;
  year: number;
  score: number;
  rank: number;
  of: number;
  previousRank: number | null;
  /** Places gained since the year before (previousRank − rank; positive: moved up). */
  rankChange: number | null;
  trace: string;
}

/** The dashboard of a plan at a unit and period. */
export interface Dashboard {
  lang: Lang;
  plan: { code: string; name: string; startYear: number; endYear: number; unit: string; unitName: string };
  unit: { code: string; name: string; level: UnitLevel };
  period: DashboardPeriod;
  /** The periods with values, earliest first, for a picker; and the one a reader lands on. */
  periods: DashboardPeriod[];
  latestPeriod: string | null;
  total: number;
  bands: DashboardBand[];
  boundaries: BandBoundaries;
  share: { a: number; b: number; percent: number | null; text: string; trace: string };
  targets: DashboardTarget[];
  lagging: DashboardLagging[];
  overdueTasks: DashboardTask[] | null;
  tasksAt: string;
  registers: DashboardRegister[] | null;
  index: DashboardIndex[] | null;
  freshness: DataVersion;
  actualsFrom: ActualsFrom;
  notice: EvaluationNotice | null;
  reason: DomainMessage | null;
  links: { evaluation: string; report: string | null; csv: string | null; json: string | null };
}

/** Where a user lands after signing in: a plan, a unit of it they may read, and its latest period with values. */
export interface DashboardLanding {
  plan: string | null;
  planName: string | null;
  /** The plan's unit when the user may read it, else the user's own unit inside the plan. */
  unit: string | null;
  /** The latest period with values (null when the plan has none yet). */
  period: string | null;
  /** Why there is nowhere to land (no plan the user may read), in both languages; null when there is. */
  reason: { code: string; message_vi: string; message_en: string } | null;
}

/** A plan with approved open data, and its approved periods (earliest first). */
export interface PublicPlan {
  code: string;
  name: string;
  unit: string;
  unitName: string;
  startYear: number;
  endYear: number;
  periods: string[];
  latestPeriod: string;
  /** The API path of its public dashboard at the latest approved period. */
  dashboard: string;
}
