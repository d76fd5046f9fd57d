import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PgliteDb } from '../../src/store/pglite-db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { createTestDb } from '../support/test-db.js';

/**
 * On the embedded database a request being answered holds the steps of a large import back (store/turns.ts), and
 * lets go once answered; the import itself and the live events stream, which stay open, never hold them.
 */
describe('requests and the background work of the embedded database', () => {
  let db: PgliteDb;
  let app: TestServer;
  const seen = new Map<string, number>();

  beforeAll(async () => {
    db = (await createTestDb('pglite')) as PgliteDb;
    await loadSmallTree(db);
    app = await buildTestServer({ ctx: testContext(db, () => new Date('2026-01-05T08:00:00Z')) });
    // Runs after the server's own hooks: how many holds there are while the request is being answered.
    app.addHook('onRequest', async (request) => {
      seen.set(request.url.split('?')[0] ?? '', db.turns.holding);
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const bearer = () => ({ authorization: `Bearer ${app.adminToken}` });

  it('holds while a request is answered, and lets go once it is', async () => {
    const res = await app.inject({ url: '/api/v1/indicators', headers: bearer() });
    expect(res.statusCode).toBe(200);
    expect(seen.get('/api/v1/indicators')).toBe(1);
    expect(db.turns.holding).toBe(0);
  });

  it('does not hold for an import', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?sheet=indicators&name=indicators.csv',
      headers: { ...bearer(), 'content-type': 'text/csv' },
      payload: 'code,name_vi,value_type\nHOLD_1,Chỉ tiêu giữ,count\n',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(seen.get('/api/v1/imports')).toBe(0);
    expect(db.turns.holding).toBe(0);
  });

  it('does not hold while a live events stream is open', async () => {
    const port = (app.server.address() as AddressInfo).port;
    const first = await new Promise<string>((resolve, reject) => {
      const req = get(
        { host: '127.0.0.1', port, path: '/api/v1/events?seconds=30', headers: bearer() },
        (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
            if (!text.includes('data-version')) return;
            resolve(text);
            req.destroy();
          });
        },
      );
      req.on('error', reject);
    });
    expect(first).toContain('data-version');
    expect(seen.get('/api/v1/events')).toBe(0);
    expect(db.turns.holding).toBe(0);
  });
});
