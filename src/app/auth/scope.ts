import type { Role } from '../../domain/approval.js';
import { PERMISSIONS, roleHasPermission, type Permission } from '../../domain/permission.js';

export type { Permission };

/**
 * One role held over a unit subtree. `unitPath` is the unit's materialised path: its ancestors' ids then its own,
 * each followed by '/', starting with '/' (`/12/345/`); the path `/` is the installation root above every unit.
 * A user, or an API token, holds a list of grants.
 */
export type Grant = { role: Role; unitPath: string };

/** Segments are ids or codes: letters, digits, '_' and '-'. */
const UNIT_PATH = /^\/(?:[A-Za-z0-9_-]+\/)*$/;

/** Whether a string is a well-formed materialised unit path (`/`, `/12/`, `/12/345/`). */
export function isUnitPath(path: string): boolean {
  return UNIT_PATH.test(path);
}

/**
 * Whether a unit lies in the subtree of a grant's unit: its path starts with the grant's path (the trailing '/'
 * keeps `/1/` from covering `/12/`); a malformed path on either side is never in scope.
 */
export function isInScope(grantPath: string, unitPath: string): boolean {
  return isUnitPath(grantPath) && isUnitPath(unitPath) && unitPath.startsWith(grantPath);
}

/** The grants whose subtree contains a unit. */
function grantsOver(grants: readonly Grant[], unitPath: string): Grant[] {
  return grants.filter((g) => isInScope(g.unitPath, unitPath));
}

/** Whether some grant over the unit has a role that carries the permission; no grant, no permission. */
export function hasPermission(grants: readonly Grant[], permission: Permission, unitPath: string): boolean {
  return grantsOver(grants, unitPath).some((g) => roleHasPermission(g.role, permission));
}

/** Every permission the grants give over a unit, in PERMISSIONS order: the union over grants whose subtree holds it. */
export function permissionsOf(grants: readonly Grant[], unitPath: string): Permission[] {
  const roles = new Set(grantsOver(grants, unitPath).map((g) => g.role));
  return PERMISSIONS.filter((p) => [...roles].some((r) => roleHasPermission(r, p)));
}

/** Whether the grants let one read a unit's data: some role held in scope. */
export function canRead(grants: readonly Grant[], unitPath: string): boolean {
  return hasPermission(grants, 'read', unitPath);
}

/** Whether the grants let one enter or import a unit's values: reporter, secretariat or admin in scope. */
export function canWriteValues(grants: readonly Grant[], unitPath: string): boolean {
  return hasPermission(grants, 'values:write', unitPath);
}

/** Whether the grants let one create and edit a unit's plans, targets and tasks: secretariat or admin in scope. */
export function canManagePlans(grants: readonly Grant[], unitPath: string): boolean {
  return hasPermission(grants, 'plans:manage', unitPath);
}

/** Whether the grants let one approve a unit's submitted values: the roles approval.ts allows, in scope. */
export function canApprove(grants: readonly Grant[], unitPath: string): boolean {
  return hasPermission(grants, 'review:approve', unitPath);
}

/** Whether the grants include admin over the unit; pass `/` to ask about installation-wide administration. */
export function isAdmin(grants: readonly Grant[], unitPath: string): boolean {
  return grantsOver(grants, unitPath).some((g) => g.role === 'admin');
}

/**
 * The fewest unit paths whose subtrees together hold every unit where the grants give a permission — sorted, with
 * duplicates and paths inside another dropped — for filtering lists in SQL with `starts_with(path, root)` (not
 * LIKE, where the '_' a segment may hold is a wildcard).
 */
export function scopeRoots(grants: readonly Grant[], permission: Permission): string[] {
  const paths = [
    ...new Set(
      grants
        .filter((g) => roleHasPermission(g.role, permission) && isUnitPath(g.unitPath))
        .map((g) => g.unitPath),
    ),
  ].sort();
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}
