import { AUDIT_LIST_DEFAULT, listAuditRows } from '../../store/audit.queries.js';
import { scopeRoots } from '../auth/scope.js';
import { isAllowed } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { assertHoldsAnywhere } from '../users/user-access.js';

export interface AuditEntry {
  at: string;
  actor: string | null;
  source: string;
  address: string | null;
  action: string;
  entity: string;
  key: string;
  old: unknown;
  new: unknown;
}

/**
 * The history of one entity (`value` `DX_A|15|2024`, `review`, `user`, …) from the audit log, oldest first, for
 * an actor who may read the audit: an administrator of the whole installation sees every row, an administrator of a
 * province or of a unit above it the rows of that province (issue 7).
 */
export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  input: { entity: string; key: string; limit?: number },
): Promise<AuditEntry[]> {
  assertHoldsAnywhere(actor, 'audit:read', { vi: 'xem nhật ký thay đổi', en: 'read the audit log' });
  const rows = await listAuditRows(ctx.db, input.entity, input.key, input.limit ?? AUDIT_LIST_DEFAULT);
  let provinces: Set<string> | null = null;
  if (!isAllowed(actor, 'audit:read', '/')) {
    const roots = scopeRoots(actor.grants, 'audit:read');
    const found = await ctx.db.query<{ code: string }>(
      `SELECT code FROM unit WHERE level = 'province'
       AND EXISTS (SELECT 1 FROM unnest($1::text[]) r(root) WHERE starts_with(path, r.root))`,
      [roots],
    );
    provinces = new Set(found.map((f) => f.code));
  }
  return rows
    .filter((r) => provinces === null || (r.provinceCode !== null && provinces.has(r.provinceCode)))
    .map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      source: r.source,
      address: r.address,
      action: r.action,
      entity: r.entity,
      key: r.entityKey,
      old: r.oldData,
      new: r.newData,
    }));
}
