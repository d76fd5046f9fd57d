/** The API's answers the web app reads, as docs/openapi.json describes them. */

import type { Direction } from '../../../src/domain/achievement.js';
import type { Role } from '../../../src/domain/approval.js';
import type { Band, BandBoundaries } from '../../../src/domain/band.js';
import type { ValueType } from '../../../src/domain/aggregate.js';
import type { GrantSummary } from '../../../src/contract/session.js';

export type { Role };
export type { GrantSummary as Grant } from '../../../src/contract/session.js';
export type { TaskDetail } from '../../../src/contract/tasks.js';

export interface Session {
  login: string;
  displayName: string;
  kind: 'user' | 'token';
  mustChangePassword: boolean;
  grants: GrantSummary[];
  csrfToken: string | null;
  expiresAt: string | null;
  /** Set by the web app alone when the server could not be reached: the session remembered from the last visit. */
  offline?: true;
}

export interface DemoAccount {
  login: string;
  password: string;
  displayName: string;
  role: Role;
  unit: string;
  persona: { vi: string; en: string };
}

export interface Plan {
  code: string;
  name: string;
  unit: string;
  unitName: string;
  startYear: number;
  endYear: number;
  targetCount: number;
}

/** A plan with approved open data (`GET /public/plans`): its approved periods, earliest first, and the latest. */
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

/** One offending field or cell of a problem. */
export interface ProblemDetail {
  field?: string;
  row?: number;
  column?: string;
  sheet?: string;
  message_vi: string;
  message_en: string;
}

/** An error answer (RFC 9457 problem+json) with its message in both languages. */
export interface Problem {
  status: number;
  code: string;
  message_vi: string;
  message_en: string;
  errors?: ProblemDetail[];
  /** A refused import: the rows `errors` name, as read from the file under its header row. */
  sheets?: ProblemSheet[];
}

/** A sheet of a refused file: its header row and the rows with bad cells. */
export interface ProblemSheet {
  sheet: string;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** Where a signed-in user lands (`GET /dashboard/landing`): a plan, its unit and period, or why there is none. */
export interface Landing {
  plan: string | null;
  planName: string | null;
  unit: string | null;
  period: string | null;
  reason: { message_vi: string; message_en: string } | null;
}

export interface NamedRef {
  code: string;
  name: string;
}

/** A period as a picker shows it. */
export interface DashboardPeriod {
  id: string;
  type: string;
  label: string;
  start: string;
  end: string;
}

/** One target of the dashboard, evaluated at the period shown. */
export interface DashboardTarget {
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string | null;
  group: { code: string; name: string; kind: string } | null;
  unit: string;
  unitName: string;
  period: string;
  leadUnit: NamedRef | null;
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
  trend: { period: string; actual: number | boolean | null }[];
  trace: string;
}

/** A plan's dashboard at a unit and period (`GET /plans/{code}/dashboard`, docs/dashboard.md). */
export interface Dashboard {
  plan: { code: string; name: string; startYear: number; endYear: number; unit: string; unitName: string };
  unit: { code: string; name: string; level: string };
  period: DashboardPeriod;
  periods: DashboardPeriod[];
  latestPeriod: string | null;
  total: number;
  bands: { band: Band; count: number; trace: string }[];
  boundaries: BandBoundaries;
  share: { a: number; b: number; percent: number | null; text: string; trace: string };
  targets: DashboardTarget[];
  lagging: {
    indicator: string;
    indicatorName: string;
    unit: string;
    ratio: number | null;
    leadUnit: NamedRef | null;
    trace: string;
  }[];
  overdueTasks:
    | {
        code: string;
        title: string;
        programme: string;
        due: string | null;
        leadUnit: NamedRef;
        trace: string;
      }[]
    | null;
  tasksAt: string;
  registers:
    | {
        indicator: string;
        name: string;
        from: string | null;
        to: string;
        lacking: number;
        lackingBefore: number | null;
        closed: number | null;
        change: number | null;
        trace: string;
      }[]
    | null;
  index:
    | {
        methodology: string;
        name: string;
        year: number;
        score: number;
        rank: number;
        of: number;
        previousRank: number | null;
        rankChange: number | null;
        trace: string;
      }[]
    | null;
  freshness: { version: number; changedAt: string };
  notice: { message_vi: string; message_en: string } | null;
  reason: { message_vi: string; message_en: string } | null;
  links: { evaluation: string; report: string | null; csv: string | null; json: string | null };
}

/** One value behind a target's actual, with who entered it and when. */
export interface TraceValue {
  unit: string;
  unitName: string;
  unitLevel: string;
  period: string;
  role: 'entered' | 'contributing';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string;
  source: string;
}

/** The values a target's actual was computed from (`GET /plans/{code}/targets/{indicator}/trace`). */
export interface TargetTrace {
  indicator: string;
  unit: string;
  unitName: string;
  period: string;
  actual: number | boolean | null;
  source: 'entered' | 'derived' | null;
  valueCount: number;
  unitCount: number;
  ignoredCount: number;
  values: TraceValue[];
}

/** A unit of a register list: a village or commune and the unit above it. */
export interface RegisterUnit {
  code: string;
  name: string;
  parentCode: string | null;
  parentName: string | null;
}

/** Who lacks a register item at two quarters (`GET /registers/{indicator}/change`). */
export interface RegisterChange {
  indicator: string;
  from: { count: number; units: RegisterUnit[] };
  to: { count: number; units: RegisterUnit[] };
  closed: { count: number; units: RegisterUnit[] };
  opened: { count: number; units: RegisterUnit[] };
  phrase: { vi: string; en: string };
}

/** Who lacks a register item at one quarter (`GET /registers/{indicator}/lacking`). */
export interface RegisterLacking {
  indicator: string;
  period: string;
  withValue: number;
  count: number;
  units: RegisterUnit[];
}
