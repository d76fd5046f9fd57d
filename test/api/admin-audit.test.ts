import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import type { AuditPage } from '../../src/contract/audit.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import { loadSmallTree, testClock, testContext } from '../support/auth-fixtures.js';
import { createTestDb } from '../support/test-db.js';

// The audit log as the administration screen reads it (docs/web.md, "Administration"; docs/security.md): filtered by
// who, what, object, unit and time, paged with the count of every match, newest first on request; a province's
// administrator reads their province's entries — the users and tokens they manage included — and nothing of
// another's; a login already taken is refused naming the field.

const PASSWORD = 'bốn con ngựa chạy qua cầu';
const HOST = 'dxmon.test';

describe('the audit log and user administration over HTTP', () => {
  let db: Db;
  let app: Api;
  let ctx: AppContext;
  const clock = testClock();
  let admin15: { cookie: string; csrf: string };
  let admin48: { cookie: string; csrf: string };

  async function signIn(login: string): Promise<{ cookie: string; csrf: string }> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: HOST },
      payload: { login, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    const header = res.headers['set-cookie'];
    const first = Array.isArray(header) ? header[0] : header;
    return { cookie: String(first).split(';')[0] ?? '', csrf: res.json<{ csrfToken: string }>().csrfToken };
  }

  const as = (who: { cookie: string; csrf: string }) => ({
    get: (url: string) => app.inject({ method: 'GET', url, headers: { host: HOST, cookie: who.cookie } }),
    post: (url: string, payload: unknown) =>
      app.inject({
        method: 'POST',
        url,
        headers: { host: HOST, cookie: who.cookie, 'x-csrf-token': who.csrf },
        payload: payload as Record<string, unknown>,
      }),
  });

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await loadSmallTree(db);
    ctx = testContext(db, clock.now);
    for (const [login, unit] of [
      ['admin.15', '15'],
      ['admin.48', '48'],
    ] as const) {
      await addUser(ctx, LOCAL_ADMIN, {
        login,
        displayName: login,
        password: PASSWORD,
        grants: [{ role: 'admin', unit }],
      });
    }
    app = await buildServer({ ctx });
    admin15 = await signIn('admin.15');
    admin48 = await signIn('admin.48');
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('files user and token changes under their province, filters them, and keeps other provinces out', async () => {
    const a15 = as(admin15);
    clock.advanceMinutes(20);
    const created = await a15.post('/api/v1/users', {
      login: 'canbo.02648',
      displayName: 'Cán bộ xã Bát Xát',
      grants: [{ role: 'viewer', unit: '15' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    clock.advanceMinutes(20);
    expect(
      (await a15.post('/api/v1/users/canbo.02648/grants', { role: 'reporter', unit: '02648' })).statusCode,
    ).toBe(200);
    clock.advanceMinutes(20);
    expect((await a15.post('/api/v1/users/canbo.02648/disable', {})).statusCode).toBe(200);
    expect((await a15.post('/api/v1/users/canbo.02648/password', {})).statusCode).toBe(200);
    const token = await a15.post('/api/v1/tokens', { name: 'dong bo', role: 'reporter', unit: '15' });
    expect(token.statusCode).toBe(201);
    const tokenId = token.json<{ summary: { id: number } }>().summary.id;
    expect(
      (
        await app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${tokenId}`,
          headers: { host: HOST, cookie: admin15.cookie, 'x-csrf-token': admin15.csrf },
        })
      ).statusCode,
    ).toBe(200);

    // Every change of the user: newest first, with the count, paged.
    const page = async (who: typeof a15, query: string): Promise<AuditPage> => {
      const res = await who.get(`/api/v1/audit?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<AuditPage>();
    };
    const user = await page(a15, 'entity=user&key=canbo.02648&order=desc');
    expect(user.total).toBe(3);
    expect(user.entries.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(user.entries[0]?.id).toBeGreaterThan(user.entries[1]?.id ?? Infinity);
    const second = await page(a15, 'entity=user&key=canbo.02648&order=desc&limit=1&offset=1');
    expect(second.total).toBe(3);
    expect(second.entries.map((e) => e.new)).toEqual([{ disabled: true, sessionsEnded: 0 }]);
    // By who (in part, any case), what and unit: the grant names the commune in its key.
    const grant = await page(a15, 'actor=ADMIN.1&unit=02648');
    expect(grant.entries.map((e) => e.key)).toEqual(['canbo.02648|reporter|02648']);
    expect((await page(a15, 'action=delete')).total).toBe(0);
    expect((await page(a15, 'entity=apiToken')).entries.map((e) => e.action)).toEqual(['create', 'update']);
    // By time: from inclusive, to exclusive.
    const start = new Date('2026-03-02T08:00:00Z');
    const at = (minutes: number) =>
      encodeURIComponent(new Date(start.getTime() + minutes * 60_000).toISOString());
    expect((await page(a15, `entity=user&key=canbo.02648&from=${at(20)}&to=${at(40)}`)).total).toBe(1);
    expect((await page(a15, `entity=user&key=canbo.02648&from=${at(40)}`)).total).toBe(2);
    const bad = await a15.get('/api/v1/audit?from=hôm-qua');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('from');

    // The other province's administrator reads none of it, nor through a unit filter.
    admin48 = await signIn('admin.48');
    const a48 = as(admin48);
    expect((await page(a48, 'entity=user&key=canbo.02648')).total).toBe(0);
    expect((await page(a48, 'unit=02648')).total).toBe(0);
    expect((await page(a48, 'entity=apiToken')).total).toBe(0);
    // The installation's view (the local administrator) still reads every entry with a filter by entity only.
    const all = await page(a15, 'entity=user&order=desc&limit=2');
    expect(all.entries).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(3);
  });

  it('refuses a login already taken naming the field, and a grant over another province', async () => {
    const a15 = as(admin15);
    const taken = await a15.post('/api/v1/users', {
      login: 'admin.48',
      displayName: 'Trùng',
      grants: [{ role: 'viewer', unit: '15' }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ errors: { field: string; message_vi: string }[] }>().errors).toEqual([
      { field: 'login', message_vi: 'Tên đăng nhập đã có người dùng.', message_en: 'This login is taken.' },
    ]);
    const forged = await a15.post('/api/v1/users/canbo.02648/grants', { role: 'admin', unit: '48' });
    expect(forged.statusCode).toBe(403);
  });
});
