import { AppError } from '../../domain/app-error.js';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from './token-days.js';
import {
  findApiTokenByHash,
  findApiTokenById,
  insertApiToken,
  listApiTokenRows,
  revokeApiTokenRow,
  touchApiToken,
  type ApiTokenRow,
} from '../../store/api-tokens.queries.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { shouldTouch } from '../auth/session-policy.js';
import { hashToken, isApiTokenShape, newApiToken } from '../auth/tokens.js';
import { authorize, isAllowed } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import {
  assertHoldsAnywhere,
  grantUnitLabel,
  toGrantSummary,
  parseRole,
  resolveGrantUnit,
} from '../users/user-access.js';
import type { GrantSummary } from '../../contract/session.js';
import type { ApiTokenSummary } from '../../contract/tokens.js';

/** The longest an API token may live: one year; the default is 90 days. */
export { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS };

function toSummary(row: ApiTokenRow, now: Date): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    unit: grantUnitLabel(row),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
  };
}

const TOKEN_NAME = /^[\p{L}\p{N} ._:/-]{1,80}$/u;

/**
 * Creates an API token for a machine client, scoped to one role over one unit subtree (`/`: the installation),
 * expiring after `expiresInDays` (1–366, default 90); the actor must manage tokens there. The token is returned
 * this once — only its SHA-256 is stored (issue 7).
 */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; role: string; unit: string; expiresInDays?: number | undefined },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const name = input.name.trim();
  if (!TOKEN_NAME.test(name)) {
    throw new AppError(
      'badInput',
      {
        vi: 'Tên mã truy cập phải có 1–80 ký tự: chữ, số, khoảng trắng, . _ : / -.',
        en: 'A token name must have 1–80 characters: letters, digits, spaces, . _ : / -.',
      },
      [{ field: 'name', message_vi: 'Tên không hợp lệ.', message_en: 'Invalid name.' }],
    );
  }
  const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
    throw new AppError(
      'badInput',
      {
        vi: `Thời hạn mã truy cập phải từ 1 đến ${MAX_TOKEN_DAYS} ngày.`,
        en: `A token must expire after 1 to ${MAX_TOKEN_DAYS} days.`,
      },
      [{ field: 'expiresInDays', message_vi: 'Ngoài khoảng.', message_en: 'Out of range.' }],
    );
  }
  const role = parseRole(input.role);
  assertHoldsAnywhere(actor, 'tokens:manage', { vi: 'quản lý mã truy cập API', en: 'manage API tokens' });
  const unit = await resolveGrantUnit(ctx.db, input.unit);
  authorize(actor, 'tokens:manage', unit.unitPath, unit.label);
  const token = newApiToken();
  const at = ctx.now();
  const expiresAt = new Date(at.getTime() + days * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const id = await insertApiToken(tx, {
      tokenHash: hashToken(token),
      name,
      role,
      unitId: unit.unitId,
      createdBy: actor.name,
      at,
      expiresAt,
    });
    const row = await findApiTokenById(tx, id);
    if (!row) throw new Error('token vanished');
    const summary = toSummary(row, at);
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'apiToken',
        entityKey: String(id),
        provinceCode: unit.provinceCode,
        oldData: null,
        newData: summary,
        at,
      }),
    ]);
    return { token, summary };
  });
}

/** The API tokens over units where the actor manages tokens, oldest first (issue 7). */
export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenSummary[]> {
  assertHoldsAnywhere(actor, 'tokens:manage', { vi: 'quản lý mã truy cập API', en: 'manage API tokens' });
  const now = ctx.now();
  return (await listApiTokenRows(ctx.db))
    .filter((row) => isAllowed(actor, 'tokens:manage', row.unitPath))
    .map((row) => toSummary(row, now));
}

/** Revokes an API token at once; the next request carrying it is refused (issue 7). */
export async function revokeApiToken(ctx: AppContext, actor: Actor, id: number): Promise<ApiTokenSummary> {
  assertHoldsAnywhere(actor, 'tokens:manage', { vi: 'quản lý mã truy cập API', en: 'manage API tokens' });
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findApiTokenById(tx, id);
    if (!row || !isAllowed(actor, 'tokens:manage', row.unitPath)) {
      throw new AppError('notFound', {
        vi: `Không tìm thấy mã truy cập số ${id}.`,
        en: `API token ${id} was not found.`,
      });
    }
    const changed = await revokeApiTokenRow(tx, id, actor.name, at);
    if (changed) {
      await insertAuditRows(tx, [
        auditEntry(ctx, actor, {
          action: 'update',
          entity: 'apiToken',
          entityKey: String(id),
          provinceCode: row.provinceCode,
          oldData: { revokedAt: null },
          newData: { revokedAt: at.toISOString() },
          at,
        }),
      ]);
    }
    return toSummary({ ...row, revokedAt: row.revokedAt ?? at }, at);
  });
}

/** The actor name a token acts under in the audit log: `token#<id>:<name>`. */
export function tokenActorName(row: { id: number; name: string }): string {
  return `token#${row.id}:${row.name}`;
}

/** A live API token as a request sees it: the acting token and its grant as lists show grants. */
export interface TokenAuth {
  actor: Actor;
  grants: GrantSummary[];
}

/**
 * The actor of an `Authorization: Bearer dxm_…` token: null when malformed, unknown, revoked or expired; else the
 * token's one role over its unit (as the actor, and as a grant shown by `GET /session`), last-used refreshed at most once a minute (issue 7).
 */
export async function authenticateApiToken(
  ctx: AppContext,
  token: string,
  request: { address?: string } = {},
): Promise<TokenAuth | null> {
  if (!isApiTokenShape(token)) return null;
  const row = await findApiTokenByHash(ctx.db, hashToken(token));
  const now = ctx.now();
  if (!row || row.revokedAt !== null || row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || shouldTouch(row.lastUsedAt, now)) await touchApiToken(ctx.db, row.id, now);
  return {
    actor: {
      kind: 'token',
      name: tokenActorName(row),
      grants: [{ role: row.role, unitPath: row.unitPath }],
      source: 'api',
      ...(request.address ? { address: request.address } : {}),
    },
    grants: [toGrantSummary(row)],
  };
}
