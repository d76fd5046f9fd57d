import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

/**
 * An import whose client goes away stops and writes nothing (the review saw a server work on for 11 minutes after its
 * client had left). A real connection is needed: the client sends the whole file, then cuts the connection.
 */
const INDICATORS = 20;
const UNITS = ['15', '48', '02647', '02648', '20194'];

function bigValuesCsv(): { csv: string; rows: number } {
  const lines = ['indicator_code,unit_code,period,value'];
  for (let i = 0; i < INDICATORS; i++) {
    for (const unit of UNITS) {
      for (let year = 2000; year <= 2025; year++) {
        for (let month = 1; month <= 12; month++) {
          lines.push(`SO_${i},${unit},${year}${String(month).padStart(2, '0')},${year + month + i}`);
        }
      }
    }
  }
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

/** Posts BODY, then either waits for the answer or cuts the connection as soon as the body is sent. */
function post(
  port: number,
  token: string,
  body: string,
  cut: boolean,
): Promise<{ status: number; body: string } | 'cut'> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/imports?sheet=values&name=values.csv',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', (error) => (cut ? resolve('cut') : reject(error)));
    req.end(body, () => {
      if (cut) setTimeout(() => req.destroy(), 20);
    });
  });
}

describe.each(TEST_DB_KINDS)('an import whose client disconnects, on %s', (kind) => {
  let db: Db;
  let app: TestServer;
  let port: number;
  const waiting: ((answer: { status: number; body: string }) => void)[] = [];
  const file = bigValuesCsv();

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    await db.query(
      `INSERT INTO indicator (code, name_vi, value_type, time_aggregation)
       SELECT 'SO_' || i, 'Số ' || i, 'count', 'sum' FROM generate_series(0, $1::int - 1) AS i`,
      [INDICATORS],
    );
    app = await buildTestServer({ ctx: testContext(db, () => new Date('2026-01-05T08:00:00Z')) });
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith('/api/v1/imports')) {
        waiting.shift()?.({ status: reply.statusCode, body: String(payload) });
      }
      return payload;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const countValues = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM data_value'))[0]?.n ?? -1;

  it(
    'stops, writes nothing and leaves the server free; the same file, waited for, imports whole',
    { timeout: 90_000 },
    async () => {
      const ended = nextImportAnswer();
      expect(await post(port, app.adminToken, file.csv, true)).toBe('cut');
      // What the server would have answered, had anybody stayed to read it.
      const answer = await ended;
      expect(answer.status).toBe(503);
      expect(answer.body).toContain('The client disconnected before the import ended');
      expect(await countValues()).toBe(0);
      const [audit] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'value'`,
      );
      expect(audit?.n).toBe(0);
      expect((await app.inject({ url: '/api/v1/indicators' })).statusCode).toBe(200);

      const whole = await post(port, app.adminToken, file.csv, false);
      expect(whole).not.toBe('cut');
      if (whole === 'cut') return;
      expect(whole.status, whole.body).toBe(200);
      expect(JSON.parse(whole.body)).toMatchObject({ sheets: { values: { inserted: file.rows } } });
      expect(await countValues()).toBe(file.rows);
    },
  );

  /** The next answer the server gives to an import, when it sends it (whether or not the client is there). */
  function nextImportAnswer(): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => waiting.push(resolve));
  }
});
