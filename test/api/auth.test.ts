import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { hashPassword } from '../../src/app/auth/password.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import { loadSmallTree, testClock, testContext } from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

const PASSWORD = 'bốn con ngựa chạy qua cầu';
const HOST = 'dxmon.test';

type Res = Awaited<ReturnType<Api['inject']>>;

function cookieOf(res: Res): string {
  const header = res.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0] ?? '';
}

describe.each(TEST_DB_KINDS)('authentication over HTTP on %s', (kind) => {
  let db: Db;
  let app: Api;
  let ctx: AppContext;
  const clock = testClock();

  const login = (loginName: string, password: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: HOST, ...headers },
      payload: { login: loginName, password },
    });

  /** Signs in and returns the cookie and CSRF token. */
  async function signIn(loginName: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
    const res = await login(loginName, password);
    expect(res.statusCode, res.body).toBe(200);
    return { cookie: cookieOf(res), csrf: res.json().csrfToken as string };
  }

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, clock.now);
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'admin.lc',
      displayName: 'Quản trị Lào Cai',
      password: PASSWORD,
      grants: [{ role: 'admin', unit: '15' }],
    });
    for (const name of ['viewer.a', 'viewer.b', 'viewer.c', 'locked.out', 'to.disable']) {
      await addUser(ctx, LOCAL_ADMIN, {
        login: name,
        displayName: name,
        password: PASSWORD,
        grants: [{ role: 'viewer', unit: '15' }],
      });
    }
    app = await buildServer({ ctx, trustProxy: { hops: 1 } });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('refuses anonymous callers on data routes and lets them reach health and open data', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/units' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/no-such-route' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/values' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).not.toBe(401);
  });

  it('signs in with an HttpOnly SameSite=Lax cookie on Path=/, and says who is signed in', async () => {
    const res = await login('ADMIN.LC', PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^dxm_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ login: 'admin.lc', kind: 'user', mustChangePassword: false });
    expect(body.grants).toEqual([
      {
        role: 'admin',
        unit: '15',
        unitName: 'Tỉnh Lào Cai',
        permissions: [
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
      },
    ]);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: cookieOf(res) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login: 'admin.lc', csrfToken: body.csrfToken });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('marks the cookie Secure with the __Host- prefix behind HTTPS', async () => {
    const res = await login('admin.lc', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(String(res.headers['set-cookie'])).toMatch(
      /^__Host-dxm_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
    );
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('answers every failure with the same message and status', async () => {
    const wrong = await login('admin.lc', 'not the password at all');
    const unknown = await login('nobody.here', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message_en).toBe(unknown.json().message_en);
    expect(wrong.json().message_vi).toBe(unknown.json().message_vi);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a state-changing request with a session cookie but without the CSRF token', async () => {
    const { cookie, csrf } = await signIn('admin.lc');
    const body = { name: 'sync', role: 'viewer', unit: '15' };
    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { host: HOST, cookie },
      payload: body,
    });
    expect(without.statusCode).toBe(403);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf },
      payload: body,
    });
    expect(right.statusCode, right.body).toBe(201);
  });

  it('refuses cross-origin writes even with the right CSRF token', async () => {
    const { cookie, csrf } = await signIn('admin.lc');
    const payload = { name: 'x', role: 'viewer', unit: '15' };
    for (const extra of [
      { origin: 'https://evil.example' },
      { origin: 'http://dxmon.test:8080' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { host: HOST, cookie, 'x-csrf-token': csrf, ...extra },
        payload,
      });
      expect(res.statusCode, JSON.stringify(extra)).toBe(403);
    }
    const sameOrigin = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: {
        host: HOST,
        cookie,
        'x-csrf-token': csrf,
        origin: `http://${HOST}`,
        'sec-fetch-site': 'same-origin',
      },
      payload,
    });
    expect(sameOrigin.statusCode).toBe(201);
    // A cross-origin login is refused too (login CSRF).
    expect((await login('admin.lc', PASSWORD, { origin: 'https://evil.example' })).statusCode).toBe(403);
  });

  it('kills a stolen cookie at logout', async () => {
    const { cookie, csrf } = await signIn('viewer.a');
    const stolen = cookie;
    const out = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const replay = await app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie: stolen } });
    expect(replay.statusCode).toBe(401);
    expect(String(replay.headers['set-cookie'])).toContain('Max-Age=0');
  });

  it('logout itself needs the CSRF token, so another site cannot sign a user out', async () => {
    const { cookie } = await signIn('viewer.a');
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { host: HOST, cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('rotates the session at login: the cookie held before signing in dies', async () => {
    const first = await signIn('viewer.b');
    const again = await login('viewer.b', PASSWORD, { cookie: first.cookie });
    expect(again.statusCode).toBe(200);
    const second = cookieOf(again);
    expect(second).not.toBe(first.cookie);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: first.cookie } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: second } })).statusCode,
    ).toBe(200);
  });

  it('ends a session after 30 idle minutes, and after 12 hours however busy', async () => {
    const idle = await signIn('viewer.c');
    clock.advanceMinutes(29);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: idle.cookie } }))
        .statusCode,
    ).toBe(200);
    clock.advanceMinutes(29);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: idle.cookie } }))
        .statusCode,
    ).toBe(200);
    clock.advanceMinutes(31);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: idle.cookie } }))
        .statusCode,
    ).toBe(401);

    const busy = await signIn('viewer.c');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advanceMinutes(20);
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/session',
        headers: { cookie: busy.cookie },
      });
      expect(res.statusCode, `after ${minutes + 20} minutes`).toBe(200);
    }
    clock.advanceMinutes(20);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: busy.cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('locks an account after 5 failures with the same generic answer, then lets it in after 15 minutes', async () => {
    for (let i = 0; i < 5; i++)
      expect((await login('locked.out', `wrong password ${i}`)).statusCode).toBe(401);
    const refused = await login('locked.out', PASSWORD);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message_en).toBe((await login('nobody.here', 'x')).json().message_en);
    clock.advanceMinutes(16);
    expect((await login('locked.out', PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address after 20 failures whatever the accounts tried', async () => {
    const address = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 20; i++)
      expect((await login(`guess${i}`, 'wrong password', address)).statusCode).toBe(401);
    expect((await login('viewer.a', PASSWORD, address)).statusCode).toBe(401);
    expect((await login('viewer.a', PASSWORD, { 'x-forwarded-for': '203.0.113.10' })).statusCode).toBe(200);
    clock.advanceMinutes(16);
    expect((await login('viewer.a', PASSWORD, address)).statusCode).toBe(200);
  });

  it('upgrades a password hash made with older parameters at the next login', async () => {
    const old = await hashPassword(PASSWORD, { N: 512, r: 8, p: 1 });
    await db.query("UPDATE app_user SET password_hash = $1 WHERE login = 'viewer.a'", [old]);
    expect((await login('viewer.a', PASSWORD)).statusCode).toBe(200);
    const [row] = await db.query<{ h: string }>(
      "SELECT password_hash AS h FROM app_user WHERE login = 'viewer.a'",
    );
    expect(row?.h).toMatch(/^scrypt\$N=1024,r=8,p=1\$/);
    expect((await login('viewer.a', PASSWORD)).statusCode).toBe(200);
  });

  it('ends every session of a user who is disabled', async () => {
    const user = await signIn('to.disable');
    const admin = await signIn('admin.lc');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/users/to.disable/disable',
      headers: { host: HOST, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().sessionsEnded).toBe(1);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: user.cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await login('to.disable', PASSWORD)).statusCode).toBe(401);
  });

  it('makes a user with a temporary password change it before anything else', async () => {
    const admin = await signIn('admin.lc');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { host: HOST, cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: {
        login: 'new.reporter',
        displayName: 'Cán bộ mới',
        grants: [{ role: 'reporter', unit: '02647' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const temporary = created.json().temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const first = await login('new.reporter', temporary);
    expect(first.json().mustChangePassword).toBe(true);
    const cookie = cookieOf(first);
    const csrf = first.json().csrfToken as string;
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie } })).statusCode).toBe(
      403,
    );
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/session/password',
      headers: { host: HOST, cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: temporary, newPassword: 'một mật khẩu mới thật dài' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it('accepts an API token until it is revoked, and refuses malformed, unknown and expired ones', async () => {
    const admin = await signIn('admin.lc');
    const headers = { host: HOST, cookie: admin.cookie, 'x-csrf-token': admin.csrf };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'dhis2 sync', role: 'viewer', unit: '02647', expiresInDays: 2 },
    });
    expect(created.statusCode).toBe(201);
    const { token, summary } = created.json() as { token: string; summary: { id: number } };
    expect(token).toMatch(/^dxm_[A-Za-z0-9_-]{43}$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer })).statusCode).toBe(200);
    // Who am I, for a token: its grant with the unit's code and name, as the token list shows it.
    const whoami = await app.inject({ method: 'GET', url: '/api/v1/session', headers: bearer });
    expect(whoami.json()).toMatchObject({
      kind: 'token',
      grants: [
        { role: 'viewer', unit: '02647', unitName: expect.stringMatching(/\S/), permissions: ['read'] },
      ],
      csrfToken: null,
    });
    // A token is not an ambient credential: no CSRF token needed, but the Origin check still applies.
    const listed = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers });
    expect(listed.body).not.toContain(token);
    expect(listed.json().tokens.find((t: { id: number }) => t.id === summary.id)).toMatchObject({
      status: 'active',
      unit: '02647',
    });

    for (const authorization of [
      'Bearer dxm_short',
      `Bearer dxm_${'A'.repeat(43)}`,
      `Basic ${token}`,
      token,
    ]) {
      expect(
        (await app.inject({ method: 'GET', url: '/api/v1/units', headers: { authorization } })).statusCode,
      ).toBe(401);
    }
    clock.advanceMinutes(2 * 24 * 60 + 1);
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: bearer })).statusCode).toBe(401);

    const admin2 = await signIn('admin.lc');
    const fresh = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { host: HOST, cookie: admin2.cookie, 'x-csrf-token': admin2.csrf },
      payload: { name: 'to revoke', role: 'viewer', unit: '15' },
    });
    const second = fresh.json() as { token: string; summary: { id: number } };
    const auth2 = { authorization: `Bearer ${second.token}` };
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: auth2 })).statusCode).toBe(200);
    const revoked = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${second.summary.id}`,
      headers: { host: HOST, cookie: admin2.cookie, 'x-csrf-token': admin2.csrf },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect((await app.inject({ method: 'GET', url: '/api/v1/units', headers: auth2 })).statusCode).toBe(401);
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/api/v1/health', '/api/v1/units', '/api/v1/public/values', '/api/openapi.json']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(String(res.headers['content-security-policy']), url).toContain("frame-ancestors 'none'");
    }
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(String(docs.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('records logins, failures and logouts in the audit log, and the log refuses changes', async () => {
    const rows = await db.query<{ action: string; ok: boolean }>(
      `SELECT action, (new_data->>'ok')::boolean AS ok FROM audit_log WHERE entity = 'session'`,
    );
    expect(rows.some((r) => r.action === 'login' && r.ok)).toBe(true);
    expect(rows.some((r) => r.action === 'login' && !r.ok)).toBe(true);
    expect(rows.some((r) => r.action === 'logout')).toBe(true);
    await expect(db.query('UPDATE audit_log SET actor = $1', ['someone else'])).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/cannot be changed/);
  });
});
