import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { saveValue } from '../../src/app/values/save-value.js';
import { LOCK_FILE, readHolder } from '../../src/store/data-dir-lock.js';
import type { Db } from '../../src/store/db.js';
import { isSharedSocket, socketConnection } from '../../src/store/embedded-server.js';
import { openDatabase } from '../../src/store/open-database.js';
import { openPostgres } from '../../src/store/pg-db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { createTestDb } from '../support/test-db.js';
import { tempDirSync } from '../support/temp-dir.js';

/**
 * Readers, writers and approvals at once, on the database as `dxmon serve` opens it (the embedded one, shared with
 * `dxmon --server` clients on its socket) and on a PostgreSQL server. Every answer is checked — status and content —
 * and so is the final state. The review found 54 of 120 reads answering 404, 500 or 401 and a boolean save refused as
 * "not a number" on the embedded database: answers crossed between requests sharing its one backend.
 */
const KINDS = process.env.TEST_DATABASE_URL ? (['embedded', 'postgres'] as const) : (['embedded'] as const);

const ROUNDS = 12;

interface Setup {
  db: Db;
  app: TestServer;
  reporter: string;
  /** A `dxmon --server` client's database, where there is one (the embedded database's socket). */
  cli: Db | null;
  close: () => Promise<void>;
}

async function insertIndicators(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO indicator (code, name_vi, value_type) VALUES
       ('SO_HO_SO', 'Số hồ sơ', 'count'), ('CO_BANG_RONG', 'Có băng rộng', 'boolean'), ('TY_LE', 'Tỷ lệ', 'percent')`,
  );
  await db.query(
    `INSERT INTO plan (code, name, unit_id, start_year, end_year)
     SELECT 'KH-15', 'Kế hoạch 15', id, 2025, 2025 FROM unit WHERE set_code = '2025' AND code = '15'`,
  );
  await db.query(
    `INSERT INTO target (plan_id, indicator_id, unit_id, period, target)
     SELECT p.id, i.id, u.id, '2025', 90 FROM plan p, indicator i, unit u
     WHERE p.code = 'KH-15' AND u.set_code = '2025' AND u.code IN ('02647', '02648')`,
  );
}

async function setUp(kind: (typeof KINDS)[number]): Promise<Setup> {
  let db: Db;
  let closeDb: () => Promise<void>;
  let cli: Db | null = null;
  let dir: string | null = null;
  if (kind === 'embedded') {
    dir = tempDirSync('dxmon-concurrency-');
    const opened = await openDatabase(
      { kind: 'embedded', dataDir: dir },
      { command: 'dxmon serve', share: true },
    );
    db = opened.db;
    closeDb = opened.close;
    const holder = readHolder(join(dir, LOCK_FILE));
    if (!holder || !isSharedSocket(holder.socket)) throw new Error('the database is not shared');
    cli = openPostgres(socketConnection(holder.socket), { max: 2 });
  } else {
    db = await createTestDb('postgres');
    closeDb = () => db.close();
  }
  const ctx: AppContext = testContext(db, () => new Date('2025-05-02T08:00:00Z'));
  await loadSmallTree(db);
  await insertIndicators(db);
  const app = await buildTestServer({ ctx });
  const { token } = await createApiToken(ctx, LOCAL_ADMIN, { name: 'commune', role: 'reporter', unit: '15' });
  return {
    db,
    app,
    reporter: token,
    cli,
    async close() {
      await app.close();
      await cli?.close();
      await closeDb();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function describeAnswer(r: LightMyRequestResponse): string {
  return `${r.statusCode} ${r.body.slice(0, 300)}`;
}

describe.each(KINDS)('concurrent requests on %s', (kind) => {
  let s: Setup;
  beforeAll(async () => {
    s = await setUp(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('answers every reader, writer and approval correctly and keeps every acknowledged write', async () => {
    const failures: string[] = [];
    const expectAnswer = (what: string, r: LightMyRequestResponse, ok: (body: unknown) => boolean) => {
      if (r.statusCode !== 200 || !ok(r.json())) failures.push(`${what}: ${describeAnswer(r)}`);
    };
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const put = (token: string, payload: object) =>
      s.app.inject({ method: 'PUT', url: '/api/v1/values', headers: as(token), payload });

    // Seed one value each, so every read has something to find.
    const seeds = await Promise.all([
      put(s.reporter, { indicator: 'SO_HO_SO', unit: '02647', period: '2025Q1', value: 0 }),
      put(s.reporter, { indicator: 'CO_BANG_RONG', unit: '02648', period: '2025Q1', value: false }),
    ]);
    for (const r of seeds) expect(r.statusCode, describeAnswer(r)).toBe(200);
    let countVersion = (seeds[0]?.json() as { version: number }).version;
    let flagVersion = (seeds[1]?.json() as { version: number }).version;
    let cliVersion: number | null = null;
    let lastCount = 0;
    let lastFlag = false;
    let lastCli = 0;

    const countWriter = async () => {
      for (let i = 1; i <= ROUNDS; i++) {
        const r = await put(s.reporter, {
          indicator: 'SO_HO_SO',
          unit: '02647',
          period: '2025Q1',
          value: i * 10,
          version: countVersion,
        });
        expectAnswer(`save count ${i}`, r, (b) => (b as { value: unknown }).value === i * 10);
        if (r.statusCode === 200) {
          countVersion = (r.json() as { version: number }).version;
          lastCount = i * 10;
        }
      }
    };
    const flagWriter = async () => {
      for (let i = 1; i <= ROUNDS; i++) {
        const flag = i % 2 === 1;
        const r = await put(s.app.adminToken, {
          indicator: 'CO_BANG_RONG',
          unit: '02648',
          period: '2025Q1',
          value: flag,
          version: flagVersion,
        });
        expectAnswer(`save flag ${i}`, r, (b) => (b as { value: unknown }).value === flag);
        if (r.statusCode === 200) {
          flagVersion = (r.json() as { version: number }).version;
          lastFlag = flag;
        }
      }
    };
    const reader = async (indicator: string, unit: string, check: (value: unknown) => boolean) => {
      for (let i = 0; i < ROUNDS * 2; i++) {
        const r = await s.app.inject({
          url: `/api/v1/values/one?indicator=${indicator}&unit=${unit}&period=2025Q1`,
          headers: as(i % 2 === 0 ? s.reporter : s.app.adminToken),
        });
        expectAnswer(
          `read ${indicator} ${i}`,
          r,
          (b) =>
            (b as { indicator: unknown; unit: { code: unknown } }).indicator === indicator &&
            check((b as { value: unknown }).value),
        );
      }
    };
    const evaluator = async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const r = await s.app.inject({ url: '/api/v1/plans/KH-15/evaluation?period=2025' });
        expectAnswer(
          `evaluate ${i}`,
          r,
          (b) =>
            (b as { plan: unknown; total: unknown }).plan === 'KH-15' &&
            (b as { total: unknown }).total === 6,
        );
      }
    };
    // Submit, approve and reopen another quarter again and again, while its neighbour is being written.
    const approver = async () => {
      const event = (token: string, name: string, payload: object) =>
        s.app.inject({
          method: 'POST',
          url: `/api/v1/plans/KH-15/reviews/2025Q2/${name}`,
          headers: as(token),
          payload,
        });
      for (let i = 0; i < ROUNDS / 2; i++) {
        const units = ['02647', '02648'];
        const steps = [
          ['submit', s.reporter, { units }],
          ['approve', s.app.adminToken, { units }],
          ['reopen', s.app.adminToken, { units, reason: `Sửa lần ${i}` }],
        ] as const;
        for (const [name, token, payload] of steps) {
          const r = await event(token, name, payload);
          expectAnswer(`${name} ${i}`, r, () => true);
        }
      }
    };
    // A `dxmon --server` command writing through the shared socket at the same time, in its own transactions.
    const cliWriter = async () => {
      if (!s.cli) return;
      const ctx = testContext(s.cli, () => new Date('2025-05-02T08:00:00Z'));
      for (let i = 1; i <= ROUNDS; i++) {
        try {
          const saved = await saveValue(ctx, LOCAL_ADMIN, {
            indicator: 'TY_LE',
            unit: '02647',
            period: '2025Q1',
            value: i,
            version: cliVersion,
          });
          if (saved.value !== i) failures.push(`cli save ${i}: ${JSON.stringify(saved)}`);
          cliVersion = saved.version;
          lastCli = i;
        } catch (error) {
          failures.push(`cli save ${i}: ${String(error)}`);
        }
      }
    };

    const counts = new Set([0, ...Array.from({ length: ROUNDS }, (_, i) => (i + 1) * 10)]);
    await Promise.all([
      countWriter(),
      flagWriter(),
      reader('SO_HO_SO', '02647', (v) => counts.has(v as number)),
      reader('CO_BANG_RONG', '02648', (v) => typeof v === 'boolean'),
      evaluator(),
      approver(),
      cliWriter(),
    ]);
    expect(failures).toEqual([]);

    // Every acknowledged write is there, exactly once, with the version the last answer gave.
    const final = async (indicator: string, unit: string) =>
      (
        await s.app.inject({ url: `/api/v1/values/one?indicator=${indicator}&unit=${unit}&period=2025Q1` })
      ).json() as { value: unknown; version: number };
    expect(await final('SO_HO_SO', '02647')).toMatchObject({ value: lastCount, version: countVersion });
    expect(await final('CO_BANG_RONG', '02648')).toMatchObject({ value: lastFlag, version: flagVersion });
    if (s.cli) expect(await final('TY_LE', '02647')).toMatchObject({ value: lastCli, version: cliVersion });
    const [events] = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM review_event e JOIN review r ON r.id = e.review_id
       JOIN plan p ON p.id = r.plan_id WHERE p.code = 'KH-15'`,
    );
    expect(events?.n).toBe((ROUNDS / 2) * 3 * 2);
  });
});
