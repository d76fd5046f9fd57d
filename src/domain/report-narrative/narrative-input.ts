import type { Direction } from '../achievement.js';
import type { ValueType } from '../aggregate.js';
import type { Band, BandBoundaries, Share } from '../band.js';
import type { ForecastStatus } from '../forecast.js';
import type { Lang } from '../format-number.js';
import type { Period } from '../period.js';
import type { TaskSummary } from '../task-status.js';
import type { UnitLevel } from '../unit-vocabulary.js';

/** A unit as the report names it: its code as users write it and its name. */
export interface NamedUnit {
  code: string;
  name: string;
}

/** One evaluated target, as the narrative needs it (docs/domain.md §6, §9). */
export interface NarrativeTarget {
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string | null;
  valueType: ValueType;
  direction: Direction;
  measureUnit: string | null;
  /** The unit the target is judged at. */
  unit: NamedUnit;
  /** The target's due period (`2024`). */
  period: string;
  actual: number | boolean | null;
  target: number | null;
  ratio: number | null;
  band: Band;
  forecast: { value: number; status: ForecastStatus | null } | null;
  leadUnit: NamedUnit | null;
}

/** A plan evaluated at the report's period and unit. */
export interface NarrativeEvaluation {
  total: number;
  bands: Record<Band, number>;
  boundaries: BandBoundaries;
  share: Share;
  /** In the plan's order (the order the targets were set in). */
  targets: NarrativeTarget[];
}

/** One overdue task with its lead unit. */
export interface NarrativeTask {
  code: string;
  title: string;
  due: string | null;
  leadUnit: NamedUnit;
}

/** The tasks of one programme led by units under the report's unit. */
export interface NarrativeProgramme {
  code: string;
  name: string;
  summary: TaskSummary;
  overdue: NarrativeTask[];
}

/** A yes/no register (villages with fibre …) at the report's period, and at the quarter before when known. */
export interface NarrativeRegister {
  indicator: string;
  name: string;
  nameEn: string | null;
  /** How a sentence names the units counted. */
  noun: { vi: string; enOne: string; enMany: string };
  /** The period compared from (null when only `to` has values: then only the count still lacking is said). */
  from: string | null;
  to: string;
  /** Units that stopped lacking it between `from` and `to` (null without `from`). */
  closed: number | null;
  /** Units still lacking it at `to`. */
  lacking: number;
}

/** The unit's place in a composite index (DTI) and the what-if's top suggestion. */
export interface NarrativeIndex {
  methodology: { code: string; name: string };
  year: number;
  score: number;
  rank: number;
  of: number;
  previousRank: number | null;
  suggestion: { indicator: string; name: string; from: string; to: string; rankGain: number } | null;
}

/** The sections the secretariat writes itself (docs/report.md). */
export const NOTE_SECTIONS = ['assessment', 'causes', 'nextTasks', 'recommendations'] as const;
export type NoteSection = (typeof NOTE_SECTIONS)[number];

/** One paragraph of the secretariat's. */
export interface NarrativeNote {
  section: NoteSection;
  text: string;
}

/** A plan's settings for the report's heading and signature; each unset one has a default (docs/report.md). */
export interface ReportSettings {
  issuingBody?: string | null;
  parentBody?: string | null;
  /** The document's number in the body's series (printed with a leading 0 below 10); blank when unset. */
  number?: number | null;
  /** The symbol after the number (`BC-BCĐ`). */
  symbol?: string | null;
  place?: string | null;
  signer?: string | null;
  signerTitle?: string | null;
}

/** Everything the narrative writes from: pure data, gathered by the app layer with the reader's scope. */
export interface NarrativeInput {
  lang: Lang;
  plan: { code: string; name: string };
  unit: NamedUnit & { level: UnitLevel };
  period: Period;
  /** The date the report is issued (`YYYY-MM-DD`). */
  issuedOn: string;
  evaluation: NarrativeEvaluation;
  programmes: NarrativeProgramme[];
  /** The reference date the overdue tasks were counted at (`YYYY-MM-DD`). */
  tasksAt: string;
  registers: NarrativeRegister[];
  index: NarrativeIndex[];
  notes: NarrativeNote[];
  settings: ReportSettings;
}
