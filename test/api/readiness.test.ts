import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api, Readiness } from '../../src/api/api-types.js';
import { buildTestServer as buildServer } from '../support/api.js';
import type { Db } from '../../src/store/db.js';
import { createTestDb } from '../support/test-db.js';

describe('a server whose workspace is still being prepared', () => {
  let db: Db;
  let app: Api;
  const readiness: Readiness = { state: 'preparing' };
  beforeAll(async () => {
    db = await createTestDb('pglite');
    app = await buildServer({ ctx: { db, now: () => new Date('2026-11-23T00:00:00Z') }, readiness });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers the health check at once, saying it is preparing', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'preparing' });
  });

  it('asks data requests to retry, with a reason in both languages', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json().message_vi).toContain('Đang chuẩn bị');
  });

  it('serves data once ready', async () => {
    readiness.state = 'ready';
    expect((await app.inject({ method: 'GET', url: '/api/v1/units' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json()).toMatchObject({
      status: 'ok',
    });
  });
});
