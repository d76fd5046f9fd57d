/** The API's answers the web app reads, as docs/openapi.json describes them. */

import type { Role } from '../../../src/domain/approval.js';

export type { Role };

export interface Grant {
  role: Role;
  /** The unit as users write it (`pre2025:10`), or `/` for the whole installation. */
  unit: string;
  unitName: string | null;
}

export interface Session {
  login: string;
  displayName: string;
  kind: 'user' | 'token';
  mustChangePassword: boolean;
  grants: Grant[];
  csrfToken: string | null;
  expiresAt: string | null;
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

export interface Target {
  plan: string;
  indicator: string;
  indicatorName: string;
  unit: string;
  unitName: string;
  period: string;
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
}
