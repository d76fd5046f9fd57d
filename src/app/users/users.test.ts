import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { loadSmallTree, testContext } from '../../../test/support/auth-fixtures.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { login } from '../session/login.js';
import { authenticateSession } from '../session/authenticate-session.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../session/api-tokens.js';
import { addUser } from './add-user.js';
import { ensureFirstAdmin } from './ensure-first-admin.js';
import { grantRole, revokeRole } from './grant-role.js';
import { getUser, listUsers } from './list-users.js';
import { resetPassword } from './reset-password.js';
import { setUserDisabled } from './set-user-disabled.js';

const PASSWORD = 'bốn con ngựa chạy qua cầu';

describe.each(TEST_DB_KINDS)('users, roles and tokens on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let provinceAdmin: Actor;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-05-05T05:00:00Z'));
    const [p15] = await db.query<{ path: string }>(`SELECT path FROM unit WHERE code = '15'`);
    provinceAdmin = {
      kind: 'user',
      name: 'admin.15',
      grants: [{ role: 'admin', unitPath: p15?.path ?? '' }],
      source: 'web',
    };
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('gives a workspace without users its first administrator, once', async () => {
    const first = await ensureFirstAdmin(ctx);
    expect(first?.login).toBe('admin');
    expect(first?.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await ensureFirstAdmin(ctx)).toBeNull();
    const admin = await getUser(ctx, LOCAL_ADMIN, 'admin');
    expect(admin).toMatchObject({ mustChangePassword: true, grants: [{ role: 'admin', unit: '/' }] });
  });

  it('adds users with roles over units, refusing duplicates and weak passwords', async () => {
    const { user, temporaryPassword } = await addUser(ctx, provinceAdmin, {
      login: 'Reporter.02647',
      displayName: 'Nguyễn Văn A',
      email: 'a@laocai.gov.vn',
      password: PASSWORD,
      grants: [{ role: 'reporter', unit: '02647' }],
    });
    expect(temporaryPassword).toBeNull();
    expect(user).toMatchObject({ login: 'Reporter.02647', grants: [{ role: 'reporter', unit: '02647' }] });
    await expect(
      addUser(ctx, provinceAdmin, {
        login: 'reporter.02647',
        displayName: 'B',
        password: PASSWORD,
        grants: [{ role: 'viewer', unit: '15' }],
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      addUser(ctx, provinceAdmin, {
        login: 'weak.one',
        displayName: 'C',
        password: 'password1234',
        grants: [{ role: 'viewer', unit: '15' }],
      }),
    ).rejects.toMatchObject({ code: 'badInput' });
    await expect(
      addUser(ctx, provinceAdmin, { login: 'bad login!', displayName: 'D', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'badInput' });
    const [row] = await db.query<{ h: string }>(
      `SELECT password_hash AS h FROM app_user WHERE login = 'Reporter.02647'`,
    );
    expect(row?.h).toMatch(/^scrypt\$/);
    expect(row?.h).not.toContain(PASSWORD);
  });

  it.each<[string, { role: string; unit: string }[]]>([
    ['a role in another province', [{ role: 'viewer', unit: '48' }]],
    ['a role over the whole installation', [{ role: 'viewer', unit: '/' }]],
    ['no role at all (only a root admin may)', []],
  ])('keeps a province admin from creating a user with %s', async (_label, grants) => {
    await expect(
      addUser(ctx, provinceAdmin, {
        login: `x${grants.length}${_label.length}`,
        displayName: 'X',
        password: PASSWORD,
        grants,
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('lists and manages only the users inside the admin’s units', async () => {
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'viewer.48',
      displayName: 'Đà Nẵng',
      password: PASSWORD,
      grants: [{ role: 'viewer', unit: '48' }],
    });
    const listed = (await listUsers(ctx, provinceAdmin)).map((u) => u.login);
    expect(listed).toEqual(['Reporter.02647']);
    expect((await listUsers(ctx, LOCAL_ADMIN)).map((u) => u.login)).toEqual([
      'admin',
      'Reporter.02647',
      'viewer.48',
    ]);
    await expect(getUser(ctx, provinceAdmin, 'viewer.48')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setUserDisabled(ctx, provinceAdmin, 'viewer.48', true)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(resetPassword(ctx, provinceAdmin, 'admin')).rejects.toMatchObject({ code: 'forbidden' });
    const viewer: Actor = { ...provinceAdmin, grants: [{ role: 'viewer', unitPath: '/' }] };
    await expect(listUsers(ctx, viewer)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getUser(ctx, viewer, 'no-such-user')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('grants and revokes roles within scope, auditing each', async () => {
    const granted = await grantRole(ctx, provinceAdmin, {
      login: 'reporter.02647',
      role: 'viewer',
      unit: '15',
    });
    expect(granted.changed).toBe(true);
    expect(
      (await grantRole(ctx, provinceAdmin, { login: 'reporter.02647', role: 'viewer', unit: '15' })).changed,
    ).toBe(false);
    await expect(
      grantRole(ctx, provinceAdmin, { login: 'reporter.02647', role: 'viewer', unit: '48' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      grantRole(ctx, provinceAdmin, { login: 'reporter.02647', role: 'boss', unit: '15' }),
    ).rejects.toMatchObject({ code: 'badInput' });
    const revoked = await revokeRole(ctx, provinceAdmin, {
      login: 'reporter.02647',
      role: 'viewer',
      unit: '15',
    });
    expect(revoked.user.grants).toEqual([
      {
        role: 'reporter',
        unit: '02647',
        unitName: 'Phường Lào Cai',
        permissions: ['read', 'values:write', 'review:submit'],
      },
    ]);
    await expect(
      revokeRole(ctx, provinceAdmin, { login: 'reporter.02647', role: 'viewer', unit: '15' }),
    ).rejects.toMatchObject({ code: 'notFound' });
    const audit = await db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'userGrant' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('resets a password: a temporary one, every session ended, must change at next login', async () => {
    const signedIn = await login(ctx, { login: 'reporter.02647', password: PASSWORD, address: '192.0.2.1' });
    expect(await authenticateSession(ctx, signedIn.token)).not.toBeNull();
    const reset = await resetPassword(ctx, provinceAdmin, 'reporter.02647');
    expect(reset.sessionsEnded).toBe(1);
    expect(await authenticateSession(ctx, signedIn.token)).toBeNull();
    await expect(
      login(ctx, { login: 'reporter.02647', password: PASSWORD, address: '192.0.2.1' }),
    ).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const again = await login(ctx, {
      login: 'reporter.02647',
      password: reset.temporaryPassword ?? '',
      address: '192.0.2.1',
    });
    expect(again.user.mustChangePassword).toBe(true);
  });

  it('scopes API tokens: created within the admin’s units, listed and revoked there only', async () => {
    await expect(
      createApiToken(ctx, provinceAdmin, { name: 'dn', role: 'viewer', unit: '48' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      createApiToken(ctx, provinceAdmin, { name: 'long', role: 'viewer', unit: '15', expiresInDays: 400 }),
    ).rejects.toMatchObject({ code: 'badInput' });
    const mine = await createApiToken(ctx, provinceAdmin, {
      name: 'lc sync',
      role: 'reporter',
      unit: '02647',
    });
    const theirs = await createApiToken(ctx, LOCAL_ADMIN, { name: 'dn sync', role: 'viewer', unit: '48' });
    expect((await listApiTokens(ctx, provinceAdmin)).map((t) => t.name)).toEqual(['lc sync']);
    await expect(revokeApiToken(ctx, provinceAdmin, theirs.summary.id)).rejects.toMatchObject({
      code: 'notFound',
    });
    expect((await revokeApiToken(ctx, provinceAdmin, mine.summary.id)).status).toBe('revoked');
    const [stored] = await db.query<{ h: string }>('SELECT token_hash AS h FROM api_token WHERE id = $1', [
      mine.summary.id,
    ]);
    expect(stored?.h).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.h).not.toContain(mine.token.slice(4));
  });
});
