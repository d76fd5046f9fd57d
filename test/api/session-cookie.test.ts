import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import { loadSmallTree, testClock, testContext } from '../support/auth-fixtures.js';
import { createTestDb } from '../support/test-db.js';

const PASSWORD = 'bốn con ngựa chạy qua cầu';

// The Cookie header is parsed by @fastify/cookie: a session cookie is found among others, whatever else the
// header carries, and the `__Host-` cookie (HTTPS) wins over the plain one.
describe('the session cookie in a Cookie header', () => {
  let db: Db;
  let app: Api;
  let token = '';

  const whoAmI = (cookie: string) =>
    app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await loadSmallTree(db);
    const ctx = testContext(db, testClock().now);
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'viewer.a',
      displayName: 'viewer.a',
      password: PASSWORD,
      grants: [{ role: 'viewer', unit: '15' }],
    });
    app = await buildServer({ ctx });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: 'dxmon.test' },
      payload: { login: 'viewer.a', password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    token = /^dxm_session=([^;]+);/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
    expect(token).toHaveLength(43);
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is found among other cookies, malformed pairs and spaces included', async () => {
    const res = await whoAmI(`theme=dark; junk; =nothing;  dxm_session=${token} ; lang=vi`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ login: 'viewer.a' });
  });

  it('takes the first value of a name, and the __Host- cookie before the plain one', async () => {
    expect((await whoAmI(`dxm_session=${token}; dxm_session=nonsense`)).statusCode).toBe(200);
    expect((await whoAmI(`dxm_session=nonsense; dxm_session=${token}`)).statusCode).toBe(401);
    expect((await whoAmI(`dxm_session=${token}; __Host-dxm_session=${token}`)).statusCode).toBe(200);
    const unknown = await whoAmI(`dxm_session=${token}; __Host-dxm_session=${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(401);
    expect(String(unknown.headers['set-cookie'])).toContain('Max-Age=0');
  });
});
