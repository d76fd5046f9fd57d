import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './approval.js';
import { PERMISSIONS, roleHasPermission, type Permission } from './permission.js';

// The role table of docs/security.md: what each role carries over the subtree of the unit it is held on.
const TABLE: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  reporter: ['read', 'values:write', 'review:submit'],
  // Only the unit's reporter submits its figures; the secretariat and admins review them.
  secretariat: ['read', 'values:write', 'review:return', 'review:approve', 'review:reopen', 'plans:manage'],
  admin: PERMISSIONS.filter((p) => p !== 'review:submit'),
};

describe('roleHasPermission', () => {
  it.each(ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission] as const)))(
    '%s · %s',
    (role, permission) => {
      expect(roleHasPermission(role, permission)).toBe(TABLE[role].includes(permission));
    },
  );
});
