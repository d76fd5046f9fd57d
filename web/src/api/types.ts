/** The API's answers the web app reads, as docs/openapi.json describes them. */

import type { Role } from '../../../src/domain/approval.js';
import type { GrantSummary } from '../../../src/contract/session.js';

export type { Role };
export type { DemoAccount, GrantSummary as Grant } from '../../../src/contract/session.js';
export type { TaskDetail } from '../../../src/contract/tasks.js';
export type {
  Dashboard,
  DashboardLanding as Landing,
  DashboardPeriod,
  PublicPlan,
  DashboardTarget,
} from '../../../src/contract/dashboard.js';
export type {
  ActualTrace as TargetTrace,
  TracedValue as TraceValue,
} from '../../../src/contract/evaluation.js';
export type {
  RegisterUnit,
  RegisterChange,
  LackingUnits as RegisterLacking,
} from '../../../src/contract/registers.js';

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

export interface Plan {
  code: string;
  name: string;
  unit: string;
  unitName: string;
  startYear: number;
  endYear: number;
  targetCount: number;
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

export interface NamedRef {
  code: string;
  name: string;
}
