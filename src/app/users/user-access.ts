import { AppError } from '../../domain/app-error.js';
import { ROLES, type Role } from '../../domain/approval.js';
import { PERMISSIONS, roleHasPermission } from '../../domain/permission.js';
import type { GrantSummary } from '../../contract/session.js';
import type { UserSummary } from '../../contract/users.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { Queryable } from '../../store/db.js';
import { findUserByLoginKey, grantsOfUsers, type GrantRow, type UserRow } from '../../store/users.queries.js';
import { throttleAccountKey } from '../auth/throttle.js';
import { scopeRoots, type Grant, type Permission } from '../auth/scope.js';
import { authorize, isAllowed } from '../authorize.js';
import type { Actor } from '../context.js';
import { resolveUnit } from '../units/list-units.js';

/** How a grant's unit is written: a unit code, or `/` for the installation root above every unit. */
export const ROOT_UNIT = '/';

/** A grant's unit resolved: its id (null for the root), its path and how to name it. */
export interface ResolvedGrantUnit {
  unitId: number | null;
  unitPath: string;
  label: string;
  provinceCode: string | null;
}

export function toGrant(row: { role: Role; unitPath: string }): Grant {
  return { role: row.role, unitPath: row.unitPath };
}

export function grantUnitLabel(row: { unitSet: string | null; unitCode: string | null }): string {
  return row.unitSet && row.unitCode ? formatUnitRef({ set: row.unitSet, code: row.unitCode }) : ROOT_UNIT;
}

export function toGrantSummary(
  row: Pick<GrantRow, 'role' | 'unitSet' | 'unitCode' | 'unitName'>,
): GrantSummary {
  return {
    role: row.role,
    unit: grantUnitLabel(row),
    unitName: row.unitName,
    permissions: PERMISSIONS.filter((p) => roleHasPermission(row.role, p)),
  };
}

export function toUserSummary(user: UserRow, grants: readonly GrantRow[]): UserSummary {
  return {
    login: user.login,
    displayName: user.displayName,
    email: user.email,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
    grants: grants.filter((g) => g.userId === user.id).map(toGrantSummary),
  };
}

/** Refuses a role name that is not one of admin, secretariat, reporter, viewer. */
export function parseRole(text: string, field = 'role'): Role {
  const role = ROLES.find((r) => r === text);
  if (role) return role;
  throw new AppError(
    'badInput',
    {
      vi: `Vai trò «${text}» không hợp lệ: dùng admin, secretariat, reporter hoặc viewer.`,
      en: `Role «${text}» is invalid: use admin, secretariat, reporter or viewer.`,
    },
    [
      {
        field,
        message_vi: 'admin, secretariat, reporter, viewer',
        message_en: 'admin, secretariat, reporter, viewer',
      },
    ],
  );
}

/** Resolves the unit a grant or token is scoped to: `/` is the installation root, anything else a unit code. */
export async function resolveGrantUnit(
  q: Queryable,
  text: string,
  field = 'unit',
): Promise<ResolvedGrantUnit> {
  if (text.trim() === ROOT_UNIT) return { unitId: null, unitPath: '/', label: ROOT_UNIT, provinceCode: null };
  const unit = await resolveUnit(q, text, field);
  return {
    unitId: unit.id,
    unitPath: unit.path,
    label: formatUnitRef({ set: unit.set, code: unit.code }),
    provinceCode: unit.provinceCode,
  };
}

/**
 * Refuses unless the actor administers users over every unit the target user holds a role on; a user without
 * grants can be managed only by an administrator of the whole installation (issue 7: roles scoped to units).
 */
export function assertMayManageUser(
  actor: Actor,
  grants: readonly { unitPath: string }[],
  login: string,
): void {
  if (grants.length === 0) {
    authorize(actor, 'users:manage', '/', ROOT_UNIT);
    return;
  }
  for (const g of grants) {
    if (!isAllowed(actor, 'users:manage', g.unitPath)) {
      throw new AppError('forbidden', {
        vi: `Bạn không có quyền quản lý người dùng «${login}»: người này có vai trò ngoài phạm vi đơn vị của bạn.`,
        en: `You may not manage user «${login}»: they hold a role outside your units.`,
      });
    }
  }
}

/** Whether the actor may manage the user holding these grants (the quiet form of assertMayManageUser). */
export function mayManageUser(actor: Actor, grants: readonly { unitPath: string }[]): boolean {
  if (grants.length === 0) return isAllowed(actor, 'users:manage', '/');
  return grants.every((g) => isAllowed(actor, 'users:manage', g.unitPath));
}

/** Finds a user by login (case-insensitive) with their grants, or refuses with notFound. */
export async function loadUser(
  q: Queryable,
  login: string,
): Promise<{ user: UserRow & { passwordHash: string }; grants: GrantRow[] }> {
  const user = await findUserByLoginKey(q, throttleAccountKey(login));
  if (!user) {
    throw new AppError('notFound', {
      vi: `Không tìm thấy người dùng «${login}».`,
      en: `User «${login}» was not found.`,
    });
  }
  return { user, grants: await grantsOfUsers(q, [user.id]) };
}

/** Whether the actor holds a permission over at least one unit (the local admin and the system hold all). */
export function holdsAnywhere(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'localAdmin' || actor.kind === 'system') return true;
  return scopeRoots(actor.grants, permission).length > 0;
}

/** Refuses, before any lookup, an actor who holds the permission over no unit at all. */
export function assertHoldsAnywhere(
  actor: Actor,
  permission: Permission,
  what: { vi: string; en: string },
): void {
  if (holdsAnywhere(actor, permission)) return;
  throw new AppError('forbidden', { vi: `Bạn không có quyền ${what.vi}.`, en: `You may not ${what.en}.` });
}

/**
 * Loads a user the actor may manage: an actor who administers no users is refused before the lookup (so the
 * answer does not tell whether the login exists), one who may not manage this user is refused after it.
 */
export async function loadManagedUser(
  q: Queryable,
  actor: Actor,
  login: string,
): Promise<{ user: UserRow & { passwordHash: string }; grants: GrantRow[] }> {
  assertHoldsAnywhere(actor, 'users:manage', { vi: 'quản lý người dùng', en: 'manage users' });
  const loaded = await loadUser(q, login);
  assertMayManageUser(actor, loaded.grants, loaded.user.login);
  return loaded;
}

/**
 * The province a user's audit rows belong to: the one province every role they hold lies in, so that province's
 * administrators read them (docs/security.md); null when they hold none, one over the root or roles in several.
 */
export function userProvinceCode(
  grants: readonly { provinceCode: string | null; unitPath: string }[],
): string | null {
  const codes = new Set(grants.map((g) => (g.unitPath === '/' ? null : g.provinceCode)));
  if (codes.size !== 1) return null;
  return [...codes][0] ?? null;
}
