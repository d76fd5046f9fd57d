import { describe, it, expect } from 'vitest';
import type { Role } from '../../domain/approval.js';
import type { Grant, Permission } from './scope.js';
import { PERMISSIONS } from '../../domain/permission.js';
import {
  canApprove,
  canManagePlans,
  canRead,
  canWriteValues,
  hasPermission,
  isAdmin,
  isInScope,
  isUnitPath,
  permissionsOf,
  scopeRoots,
} from './scope.js';

const ROLES: Role[] = ['admin', 'secretariat', 'reporter', 'viewer'];

/** The expected permission table, written out by hand (not derived from the code under test). */
const EXPECTED: Record<Role, Permission[]> = {
  admin: [
    'read',
    'values:write',
    'review:return',
    'review:approve',
    'review:reopen',
    'plans:manage',
    'units:manage',
    'users:manage',
    'tokens:manage',
    'audit:read',
  ],
  secretariat: ['read', 'values:write', 'review:return', 'review:approve', 'review:reopen', 'plans:manage'],
  reporter: ['read', 'values:write', 'review:submit'],
  viewer: ['read'],
};

const GRANT_PATH = '/12/345/';
/** Targets relative to a grant at /12/345/: in scope (the unit and its descendants) or not. */
const TARGETS: [string, string, boolean][] = [
  ['the granted unit', '/12/345/', true],
  ['a child', '/12/345/6789/', true],
  ['a grandchild', '/12/345/6789/10/', true],
  ['the parent', '/12/', false],
  ['a sibling', '/12/346/', false],
  ['a sibling whose id starts with the same digits', '/12/3456/', false],
  ['another province', '/13/345/', false],
  ['the installation root', '/', false],
  ['a malformed path without the trailing slash', '/12/345', false],
  ['a malformed path with an empty segment', '/12/345//', false],
  ['the empty string', '', false],
];

describe('every role × target × permission', () => {
  const cases = ROLES.flatMap((role) =>
    TARGETS.flatMap(([where, target, inScope]) =>
      PERMISSIONS.map(
        (permission) =>
          [role, where, target, permission, inScope && EXPECTED[role].includes(permission)] as const,
      ),
    ),
  );
  it.each(cases)('%s at /12/345/, %s (%s), %s → %s', (role, _where, target, permission, expected) => {
    expect(hasPermission([{ role, unitPath: GRANT_PATH }], permission, target)).toBe(expected);
  });
});

describe('named checks and permissionsOf, every role × target', () => {
  const cases = ROLES.flatMap((role) =>
    TARGETS.map(([where, target, inScope]) => [role, where, target, inScope] as const),
  );
  it.each(cases)('%s at /12/345/, %s (%s)', (role, _where, target, inScope) => {
    const grants: Grant[] = [{ role, unitPath: GRANT_PATH }];
    const expected = inScope ? EXPECTED[role] : [];
    expect(permissionsOf(grants, target)).toEqual(expected);
    expect(canRead(grants, target)).toBe(expected.includes('read'));
    expect(canWriteValues(grants, target)).toBe(expected.includes('values:write'));
    expect(canManagePlans(grants, target)).toBe(expected.includes('plans:manage'));
    expect(canApprove(grants, target)).toBe(expected.includes('review:approve'));
    expect(isAdmin(grants, target)).toBe(inScope && role === 'admin');
  });
});

describe('several grants', () => {
  const grants: Grant[] = [
    { role: 'viewer', unitPath: '/12/' },
    { role: 'reporter', unitPath: '/12/345/' },
    { role: 'secretariat', unitPath: '/12/999/' },
  ];
  it.each<[string, string, Permission[]]>([
    ['the province: viewer only', '/12/', ['read']],
    ['the reporting unit: viewer and reporter', '/12/345/', ['read', 'values:write', 'review:submit']],
    [
      'the secretariat subtree',
      '/12/999/1/',
      ['read', 'values:write', 'review:return', 'review:approve', 'review:reopen', 'plans:manage'],
    ],
    ['another unit in the province', '/12/500/', ['read']],
    ['another province', '/13/', []],
  ])('%s', (_label, target, expected) => {
    expect(permissionsOf(grants, target)).toEqual(expected);
  });

  it('gives nothing without grants', () => {
    expect(permissionsOf([], '/12/')).toEqual([]);
    expect(canRead([], '/12/')).toBe(false);
    expect(isAdmin([], '/')).toBe(false);
  });

  it('ignores a grant with a malformed path rather than widening it', () => {
    const bad: Grant[] = [
      { role: 'admin', unitPath: '' },
      { role: 'admin', unitPath: '/1' },
    ];
    expect(permissionsOf(bad, '/12/')).toEqual([]);
    expect(permissionsOf(bad, '/1/')).toEqual([]);
  });
});

describe('the installation root', () => {
  it.each([
    ['admin at / administers every unit', 'admin', '/', '/12/345/', true],
    ['admin at / administers the installation', 'admin', '/', '/', true],
    ['admin of a province does not administer the installation', 'admin', '/12/', '/', false],
    ['viewer at / is not an admin', 'viewer', '/', '/12/', false],
  ] as const)('%s', (_label, role, unitPath, target, expected) => {
    expect(isAdmin([{ role, unitPath }], target)).toBe(expected);
  });
});

describe('isUnitPath and isInScope', () => {
  it.each([
    ['/', true],
    ['/12/', true],
    ['/12/345/', true],
    ['/HN/ba-dinh_01/', true],
    ['', false],
    ['12/', false],
    ['/12', false],
    ['//', false],
    ['/12//345/', false],
    ['/12/ 345/', false],
    ['/12/%/', false],
    ['/12/../', false],
  ])('isUnitPath(%j) → %s', (path, expected) => {
    expect(isUnitPath(path)).toBe(expected);
  });

  it.each([
    ['/', '/1/', true],
    ['/1/', '/1/', true],
    ['/1/', '/1/2/', true],
    ['/1/', '/12/', false],
    ['/1/2/', '/1/', false],
    ['/1', '/12/', false],
    ['/2/', '/1/2/', false],
    ['/345/', '/12/345/6/', false],
    ['', '/1/', false],
  ])('isInScope(%j, %j) → %s', (grantPath, unitPath, expected) => {
    expect(isInScope(grantPath, unitPath)).toBe(expected);
  });
});

describe('scopeRoots', () => {
  const grants: Grant[] = [
    { role: 'viewer', unitPath: '/12/' },
    { role: 'reporter', unitPath: '/12/345/' },
    { role: 'reporter', unitPath: '/12/345/' },
    { role: 'reporter', unitPath: '/12/345/6/' },
    { role: 'reporter', unitPath: '/13/' },
    { role: 'secretariat', unitPath: '/14/' },
    { role: 'admin', unitPath: 'broken' },
  ];
  it.each<[Permission, string[]]>([
    ['read', ['/12/', '/13/', '/14/']],
    ['review:submit', ['/12/345/', '/13/']],
    ['values:write', ['/12/345/', '/13/', '/14/']],
    ['plans:manage', ['/14/']],
    ['users:manage', []],
  ])('%s → %j', (permission, expected) => {
    expect(scopeRoots(grants, permission)).toEqual(expected);
  });

  it('collapses everything under the installation root', () => {
    expect(
      scopeRoots(
        [
          { role: 'admin', unitPath: '/' },
          { role: 'viewer', unitPath: '/1/' },
        ],
        'read',
      ),
    ).toEqual(['/']);
  });

  it('keeps siblings whose ids share a prefix apart', () => {
    expect(
      scopeRoots(
        [
          { role: 'viewer', unitPath: '/1/' },
          { role: 'viewer', unitPath: '/12/' },
        ],
        'read',
      ),
    ).toEqual(['/1/', '/12/']);
  });
});
