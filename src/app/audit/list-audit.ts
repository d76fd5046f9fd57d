import type { AuditEntry, AuditPage } from '../../contract/audit.js';
import { AppError } from '../../domain/app-error.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { AUDIT_LIST_DEFAULT, searchAuditRows, type AuditRow } from '../../store/audit.queries.js';
import { scopeRoots } from '../auth/scope.js';
import { isAllowed } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveUnit } from '../units/list-units.js';
import { assertHoldsAnywhere } from '../users/user-access.js';

/** What the audit log may be filtered by (every filter optional; all given must hold). */
export interface AuditFilter {
  entity?: string | undefined;
  key?: string | undefined;
  /** Who, in part and case-insensitive. */
  actor?: string | undefined;
  action?: string | undefined;
  /** From (inclusive) and to (exclusive), ISO times. */
  from?: string | undefined;
  to?: string | undefined;
  /** A unit as users write it: the entries whose key names it, and, for a province, every entry of it. */
  unit?: string | undefined;
  /** Oldest first (`asc`, the default: an entity's history) or newest first (`desc`: the log's screen). */
  order?: 'asc' | 'desc' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

function parseTime(text: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (text === undefined) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) {
    throw new AppError(
      'badInput',
      {
        vi: `Thời điểm «${text}» (${field}) không hợp lệ: dùng dạng 2024-07-01 hoặc 2024-07-01T08:00:00+07:00.`,
        en: `Time «${text}» (${field}) is invalid: use 2024-07-01 or 2024-07-01T08:00:00+07:00.`,
      },
      [{ field, message_vi: 'Thời điểm không hợp lệ.', message_en: 'Invalid time.' }],
    );
  }
  return at;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actor: r.actor,
    source: r.source,
    address: r.address,
    action: r.action,
    entity: r.entity,
    key: r.entityKey,
    old: r.oldData,
    new: r.newData,
  };
}

/**
 * The audit log filtered by entity and key, who, what, when and unit, a page at a time, for an actor who may read
 * the audit: an administrator of the whole installation sees every row, an administrator of a province or of a
 * unit above it the rows of that province (issue 7).
 */
export async function listAudit(ctx: AppContext, actor: Actor, input: AuditFilter): Promise<AuditPage> {
  assertHoldsAnywhere(actor, 'audit:read', { vi: 'xem nhật ký thay đổi', en: 'read the audit log' });
  const from = parseTime(input.from, 'from');
  const to = parseTime(input.to, 'to');
  let provinces: string[] | null = null;
  if (!isAllowed(actor, 'audit:read', '/')) {
    const roots = scopeRoots(actor.grants, 'audit:read');
    const found = await ctx.db.query<{ code: string }>(
      `SELECT code FROM unit WHERE level = 'province'
       AND EXISTS (SELECT 1 FROM unnest($1::text[]) r(root) WHERE starts_with(path, r.root))`,
      [roots],
    );
    provinces = found.map((f) => f.code);
  }
  const unit = input.unit ? await resolveUnit(ctx.db, input.unit, 'unit') : null;
  const { rows, total } = await searchAuditRows(ctx.db, {
    entity: input.entity,
    entityKey: input.key,
    actor: input.actor,
    action: input.action,
    from,
    to,
    provinces,
    unitRef: unit ? formatUnitRef({ set: unit.set, code: unit.code }) : undefined,
    unitProvince: unit?.level === 'province' ? unit.provinceCode : null,
    order: input.order ?? 'asc',
    limit: input.limit ?? AUDIT_LIST_DEFAULT,
    offset: input.offset ?? 0,
  });
  return { entries: rows.map(toEntry), total };
}
