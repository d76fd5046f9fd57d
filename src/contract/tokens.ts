import type { Role } from '../domain/approval.js';

// API tokens as `GET /tokens` answers them (docs/security.md).

/** An API token as lists show it: never the token or its hash. */
export interface ApiTokenSummary {
  id: number;
  name: string;
  role: Role;
  /** A unit code (`15`, `pre2025:10`) or `/` for the whole installation. */
  unit: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** active, expired or revoked, at the time of the listing. */
  status: 'active' | 'expired' | 'revoked';
}

/** `POST /tokens`: the token itself, in this answer only (only its hash is stored), and its summary. */
export interface CreatedApiToken {
  token: string;
  summary: ApiTokenSummary;
}
