import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import type { AppContext } from '../../src/app/context.js';
import {
  DEMO_ACCOUNTS,
  isLoopbackHost,
  listDemoAccounts,
  prepareDemoAccounts,
} from '../../src/app/users/demo-accounts.js';
import { addUser } from '../../src/app/users/add-user.js';
import { ensureFirstAdmin } from '../../src/app/users/ensure-first-admin.js';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { FAST_SCRYPT, testClock } from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';
import { unitInput } from '../support/units-fixture.js';

/** The demo's units the demo accounts hold their roles over (data/demo/lao-cai-2024), and nothing more. */
async function loadDemoUnits(db: Db): Promise<void> {
  await upsertUnits(db, 'pre2025', [
    unitInput('10', 'Tỉnh Lào Cai', 'province', null, 'pre2025'),
    unitInput('02686', 'Xã A Mú Sung', 'commune', '10', 'pre2025'),
  ]);
  await upsertUnits(db, 'workspace', [
    {
      ...unitInput('LCI-STTTT', 'Sở Thông tin và Truyền thông tỉnh Lào Cai', 'agency', null, 'workspace'),
      parent: { set: 'pre2025', code: '10' },
    },
  ]);
  await refreshUnitPaths(db);
}

describe('isLoopbackHost', () => {
  it('accepts 127.0.0.0/8, ::1 and localhost, and nothing else', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      '128.0.0.1',
      'example.org',
      '127.0.0.256',
      '',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe.each(TEST_DB_KINDS)('demo accounts on %s', (kind) => {
  let db: Db;
  const clock = testClock();
  const context = (demoAccounts: boolean): AppContext => ({
    db,
    now: clock.now,
    auth: { scrypt: FAST_SCRYPT },
    demoAccounts,
  });
  let loopback: Api;
  let exposed: Api;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadDemoUnits(db);
    loopback = await buildServer({ ctx: context(true), webRoot: null });
    exposed = await buildServer({ ctx: context(false), webRoot: null });
  }, 60_000);
  afterAll(async () => {
    await loopback.close();
    await exposed.close();
    await db.close();
  });

  const signIn = (app: Api, login: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password } });

  it('creates one account per role, marked demo, with no forced password change, and lists them', async () => {
    const result = await prepareDemoAccounts(context(true), { enabled: true });
    expect(result.enabled.map((a) => [a.login, a.role, a.unit])).toEqual([
      ['demo.lanhdao', 'viewer', 'pre2025:10'],
      ['demo.vanphong', 'secretariat', 'pre2025:10'],
      ['demo.so', 'reporter', 'LCI-STTTT'],
      ['demo.xa', 'reporter', 'pre2025:02686'],
      ['demo.quantri', 'admin', 'pre2025:10'],
    ]);
    const rows = await db.query<{ login: string; demo: boolean; must_change_password: boolean }>(
      'SELECT login, demo, must_change_password FROM app_user ORDER BY login',
    );
    expect(rows.every((r) => r.demo && !r.must_change_password)).toBe(true);
    // Demo users are not real users: the first administrator of a non-demo start is still created.
    expect(await ensureFirstAdmin(context(false))).toMatchObject({ login: 'admin' });
    const listed = await loopback.inject({ url: '/api/v1/session/demo-accounts' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().accounts.map((a: { login: string; password: string }) => a.password)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.password),
    );
  });

  it('lets each demo account sign in on a loopback server, with its role, straight to work', async () => {
    for (const account of DEMO_ACCOUNTS) {
      const res = await signIn(loopback, account.login, account.password);
      expect(res.statusCode, account.login).toBe(200);
      expect(res.json()).toMatchObject({
        login: account.login,
        mustChangePassword: false,
        grants: [{ role: account.role, unit: account.unit }],
      });
    }
  });

  it('refuses a demo account to change its password', async () => {
    const account = DEMO_ACCOUNTS[0]!;
    const res = await signIn(loopback, account.login, account.password);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const changed = await loopback.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      payload: { currentPassword: account.password, newPassword: 'một mật khẩu mới khá dài' },
    });
    expect(changed.statusCode).toBe(403);
    expect(changed.json().errors[0]).toMatchObject({ field: 'newPassword' });
  });

  it('on a server that is not on a loopback address: no account listed, sign-in refused with its reason', async () => {
    const listed = await exposed.inject({ url: '/api/v1/session/demo-accounts' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual({ accounts: [] });
    expect(listed.body).not.toContain(DEMO_ACCOUNTS[0]!.password);
    const refused = await signIn(exposed, DEMO_ACCOUNTS[0]!.login, DEMO_ACCOUNTS[0]!.password);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message_vi).toContain('Tài khoản mẫu chỉ dùng được');
    expect(refused.json().message_en).toContain('loopback address');
  });

  it('is disabled, sessions ended, at a start that does not allow them, and enabled again at a demo start', async () => {
    const account = DEMO_ACCOUNTS[1]!;
    const before = await signIn(loopback, account.login, account.password);
    const cookie = String(before.headers['set-cookie']).split(';')[0]!;
    const result = await prepareDemoAccounts(context(false), { enabled: false });
    expect(result.disabled).toBe(DEMO_ACCOUNTS.length);
    expect((await loopback.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect(await listDemoAccounts(context(true))).toEqual([]);
    // Even a server that would allow them refuses a disabled demo user (the generic refusal).
    expect((await signIn(loopback, account.login, account.password)).statusCode).toBe(401);
    await prepareDemoAccounts(context(true), { enabled: true });
    expect((await signIn(loopback, account.login, account.password)).statusCode).toBe(200);
  });

  it('never touches a real user who holds a demo login', async () => {
    await db.query("DELETE FROM app_user WHERE login = 'demo.xa'");
    await addUser({ db, now: clock.now, auth: { scrypt: FAST_SCRYPT } }, LOCAL_ADMIN, {
      login: 'demo.xa',
      displayName: 'Người dùng thật',
      password: 'mật khẩu riêng của người thật',
    });
    const result = await prepareDemoAccounts(context(true), { enabled: true });
    expect(result.skipped).toEqual(['demo.xa']);
    expect((await listDemoAccounts(context(true))).map((a) => a.login)).not.toContain('demo.xa');
    expect((await signIn(loopback, 'demo.xa', 'mật khẩu riêng của người thật')).statusCode).toBe(200);
  });
});
