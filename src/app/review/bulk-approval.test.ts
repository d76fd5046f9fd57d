import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { insertIndicator, insertPlan, testContext } from '../../../test/support/auth-fixtures.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { loadOfficialUnits, NATIONAL_CODE } from '../units/load-official-units.js';
import { applyReviewEvent } from './apply-review-event.js';
import { listReviewStatus } from './list-review-status.js';

/** Wraps a database to count transactions and statements, inside and outside them. */
function counting(db: Db): { db: Db; counts: { transactions: number; statements: number; outside: number } } {
  const counts = { transactions: 0, statements: 0, outside: 0 };
  const wrap = (q: Queryable, inside: boolean): Queryable => ({
    query: (sql, params) => {
      counts.statements++;
      if (!inside) counts.outside++;
      return q.query(sql, params);
    },
    exec: (sql) => {
      counts.statements++;
      if (!inside) counts.outside++;
      return q.exec(sql);
    },
  });
  const outer = wrap(db, false);
  return {
    counts,
    db: {
      kind: db.kind,
      oneAtATime: db.oneAtATime,
      query: outer.query,
      exec: outer.exec,
      transaction: (fn) => {
        counts.transactions++;
        return db.transaction((tx) => fn(wrap(tx, true)));
      },
      close: () => db.close(),
    },
  };
}

describe.each(TEST_DB_KINDS)('bulk approval of the official communes on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let communes: string[];
  const secretariat: Actor = { kind: 'user', name: 'secretariat.vn', grants: [], source: 'web' };

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = testContext(db, () => new Date('2025-07-15T02:00:00Z'));
    await loadOfficialUnits(ctx, '2025');
    const dx = await insertIndicator(db, 'DX_COMMUNE');
    await insertPlan(db, 'KH-QG', NATIONAL_CODE, [{ indicatorId: dx, unitCode: NATIONAL_CODE }]);
    const [root] = await db.query<{ path: string }>(
      `SELECT path FROM unit WHERE set_code = '2025' AND code = $1`,
      [NATIONAL_CODE],
    );
    secretariat.grants = [{ role: 'secretariat', unitPath: root?.path ?? '/' }];
    communes = (
      await db.query<{ code: string }>(
        `SELECT code FROM unit WHERE set_code = '2025' AND level = 'commune' ORDER BY code`,
      )
    ).map((r) => r.code);
  }, 120_000);
  afterAll(async () => {
    await db.close();
  });

  it('has the 3,321 communes of 2025', () => {
    expect(communes).toHaveLength(3321);
  });

  it('submits every commune, then approves 3,000 of them in one transaction of a few statements', async () => {
    const submitted = await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-QG',
      period: '2025S1',
      event: 'submit',
      under: NATIONAL_CODE,
      level: 'commune',
    });
    expect(submitted.changed).toHaveLength(3321);

    const wrapped = counting(db);
    const started = performance.now();
    const approved = await applyReviewEvent({ ...ctx, db: wrapped.db }, secretariat, {
      plan: 'KH-QG',
      period: '2025S1',
      event: 'approve',
      units: communes.slice(0, 3000),
    });
    const ms = performance.now() - started;
    expect(approved.changed).toHaveLength(3000);
    expect(approved.skipped).toEqual([]);
    expect(wrapped.counts.transactions).toBe(1);
    expect(wrapped.counts.statements).toBeLessThanOrEqual(6);
    expect(ms).toBeLessThan(15_000);

    const status = await listReviewStatus(ctx, secretariat, {
      plan: 'KH-QG',
      period: '2025S1',
      level: 'commune',
    });
    expect(status.counts).toEqual({ open: 0, submitted: 321, approved: 3000, returned: 0 });
    const [events] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM review_event WHERE event = 'approve'`,
    );
    const [audits] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'approve'`,
    );
    expect(events?.n).toBe(3000);
    expect(audits?.n).toBe(3000);
  });

  it('rolls the whole bulk back when the transaction fails', async () => {
    const failing: Db = {
      ...db,
      kind: db.kind,
      query: db.query.bind(db),
      exec: db.exec.bind(db),
      close: db.close.bind(db),
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const result = await fn(tx);
          throw Object.assign(new Error('disk full'), { result });
        }),
    };
    await expect(
      applyReviewEvent({ ...ctx, db: failing }, secretariat, {
        plan: 'KH-QG',
        period: '2025S1',
        event: 'approve',
        units: communes.slice(3000),
      }),
    ).rejects.toThrow('disk full');
    const status = await listReviewStatus(ctx, secretariat, {
      plan: 'KH-QG',
      period: '2025S1',
      level: 'commune',
    });
    expect(status.counts.approved).toBe(3000);
  });
});
