import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { parseTrustProxy } from '../../src/api/trust-proxy.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import { loadSmallTree, testClock, testContext } from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

/**
 * The client address behind a reverse proxy (docs/security.md, F5): X-Forwarded-For is believed only as far as
 * trusted proxies wrote it, so an address the client writes into the header itself can neither escape the
 * per-address sign-in throttle nor reach the audit log. The settings are read as `dxmon serve` reads
 * DXMON_TRUST_PROXY.
 */

const PASSWORD = 'bốn con ngựa chạy qua cầu';
const HOST = 'dxmon.test';
/** The reverse proxy: every request reaches DX Monitor from it. */
const PROXY = '10.0.0.5';

describe.each(TEST_DB_KINDS)('DXMON_TRUST_PROXY on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  const servers: Api[] = [];
  const clock = testClock();

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, clock.now);
    for (const login of ['viewer.a', 'viewer.b']) {
      await addUser(ctx, LOCAL_ADMIN, {
        login,
        displayName: login,
        password: PASSWORD,
        grants: [{ role: 'viewer', unit: '15' }],
      });
    }
  }, 60_000);
  afterAll(async () => {
    for (const app of servers) await app.close();
    await db.close();
  });

  async function serverFor(setting: string): Promise<Api> {
    const trustProxy = parseTrustProxy(setting);
    const app = await buildServer({ ctx, ...(trustProxy ? { trustProxy } : {}) });
    servers.push(app);
    return app;
  }

  const signIn = (
    app: Api,
    login: string,
    password: string,
    from: { remoteAddress: string; headers?: Record<string, string> },
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: from.remoteAddress,
      headers: { host: HOST, ...from.headers },
      payload: { login, password },
    });

  const auditedAddresses = async (entityKeyLike: string) =>
    (
      await db.query<{ address: string }>(
        `SELECT address FROM audit_log WHERE entity = 'session' AND action = 'login' AND entity_key LIKE $1`,
        [entityKeyLike],
      )
    ).map((r) => r.address);

  it('with one trusted hop, an X-Forwarded-For the client writes cannot escape the per-address throttle', async () => {
    const app = await serverFor('1');
    const client = '198.51.100.7';
    // The client writes a new address each time; the proxy appends the address it sees.
    const via = (forged: string) => ({
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': `${forged}, ${client}` },
    });
    for (let i = 0; i < 25; i++) {
      const res = await signIn(app, `guess.one${i}`, 'wrong password', via(`203.0.113.${i}`));
      expect(res.statusCode).toBe(401);
    }
    // The right password is refused too: the client's own address is locked, whatever it wrote.
    expect((await signIn(app, 'viewer.a', PASSWORD, via('192.0.2.99'))).statusCode).toBe(401);
    // Another client behind the same proxy is not locked out.
    const other = await signIn(app, 'viewer.a', PASSWORD, {
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '198.51.100.8' },
    });
    expect(other.statusCode).toBe(200);
    // The audit log shows the address the proxy saw, never the forged ones.
    const addresses = await auditedAddresses('guess.one%');
    expect(addresses).toHaveLength(25);
    expect(new Set(addresses)).toEqual(new Set([client]));
    clock.advanceMinutes(16);
  });

  it('with one trusted hop, believes the proxy about HTTPS (Secure cookie), not the client', async () => {
    const app = await serverFor('1');
    const secure = await signIn(app, 'viewer.b', PASSWORD, {
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' },
    });
    expect(String(secure.headers['set-cookie'])).toMatch(/^__Host-dxm_session=.*; Secure$/);
    // The client wrote https, the proxy appended what it received: plain HTTP.
    const plain = await signIn(app, 'viewer.b', PASSWORD, {
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https, http' },
    });
    expect(String(plain.headers['set-cookie'])).toMatch(
      /^dxm_session=[^;]*; Path=\/; HttpOnly; SameSite=Lax$/,
    );
  });

  it("with the proxy's address, believes it alone: a client reaching the server directly is taken as it is", async () => {
    const app = await serverFor(`${PROXY}, 10.0.1.0/24`);
    const proxied = await signIn(app, 'guess.two1', 'wrong password', {
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '203.0.113.50, 198.51.100.20' },
    });
    expect(proxied.statusCode).toBe(401);
    const direct = await signIn(app, 'guess.two2', 'wrong password', {
      remoteAddress: '198.51.100.21',
      headers: { 'x-forwarded-for': '203.0.113.51', 'x-forwarded-proto': 'https' },
    });
    expect(direct.statusCode).toBe(401);
    expect(await auditedAddresses('guess.two1')).toEqual(['198.51.100.20']);
    expect(await auditedAddresses('guess.two2')).toEqual(['198.51.100.21']);
    const ok = await signIn(app, 'viewer.b', PASSWORD, {
      remoteAddress: '198.51.100.21',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(ok.headers['set-cookie'])).not.toContain('Secure');
  });

  it('without the setting, X-Forwarded-For is ignored', async () => {
    const app = await serverFor('');
    await signIn(app, 'guess.three', 'wrong password', {
      remoteAddress: '198.51.100.30',
      headers: { 'x-forwarded-for': '203.0.113.60' },
    });
    expect(await auditedAddresses('guess.three')).toEqual(['198.51.100.30']);
  });
});
