// The audit log as `GET /audit` answers it (docs/security.md, Audit).

/** One recorded change: who, when, from where, what, and the entity's data before and after. */
export interface AuditEntry {
  /** The entry's number, increasing in the order entries were written. */
  id: number;
  at: string;
  actor: string | null;
  /** web, import, api, cli or demo. */
  source: string;
  address: string | null;
  /** create, update, delete, approve, return, submit, reopen, login, logout. */
  action: string;
  /** What changed: `value`, `user`, `userGrant`, `apiToken`, `plan`, `review`, … */
  entity: string;
  /** The entity's key as users write it (`DX_A|15|2024`, a login, a token's number). */
  key: string;
  old: unknown;
  new: unknown;
}

/** One page of entries and how many match the filters in all. */
export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}
