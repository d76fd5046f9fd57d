import { EVENT_ROLES, ROLES, type Role } from './approval.js';

/** What a route or use case may require over a unit (docs/security.md). */
export type Permission =
  | 'read'
  | 'values:write'
  | 'review:submit'
  | 'review:return'
  | 'review:approve'
  | 'review:reopen'
  | 'plans:manage'
  | 'units:manage'
  | 'users:manage'
  | 'tokens:manage'
  | 'audit:read';

export const PERMISSIONS: readonly Permission[] = [
  'read',
  'values:write',
  'review:submit',
  'review:return',
  'review:approve',
  'review:reopen',
  'plans:manage',
  'units:manage',
  'users:manage',
  'tokens:manage',
  'audit:read',
];

/** The roles that grant each permission; review permissions follow the review rules in approval.ts. */
export const PERMISSION_ROLES: Readonly<Record<Permission, readonly Role[]>> = {
  read: ROLES,
  'values:write': ['reporter', 'secretariat', 'admin'],
  'review:submit': EVENT_ROLES.submit,
  'review:return': EVENT_ROLES.return,
  'review:approve': EVENT_ROLES.approve,
  'review:reopen': EVENT_ROLES.reopen,
  'plans:manage': ['secretariat', 'admin'],
  'units:manage': ['admin'],
  'users:manage': ['admin'],
  'tokens:manage': ['admin'],
  'audit:read': ['admin'],
};

/** Whether a role carries a permission (over the subtree of the unit it is held on). */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return PERMISSION_ROLES[permission].includes(role);
}
