import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { unitInput } from './units-fixture.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { applyReviewEvent } from '../../src/app/review/apply-review-event.js';

/** Cheap scrypt parameters so tests that create users and sign in stay fast (the defaults are tested in password.test.ts). */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

/**
 * A small tree: Việt Nam → provinces 15 (Lào Cai) and 48 (Đà Nẵng); 15 → communes 02647, 02648; 48 → 20194.
 */
export async function loadSmallTree(db: Db): Promise<void> {
  await upsertUnits(db, '2025', [
    unitInput('VN', 'Việt Nam', 'national', null),
    unitInput('15', 'Tỉnh Lào Cai', 'province', 'VN'),
    unitInput('48', 'Thành phố Đà Nẵng', 'province', 'VN'),
    unitInput('02647', 'Phường Lào Cai', 'commune', '15'),
    unitInput('02648', 'Xã Bát Xát', 'commune', '15'),
    unitInput('20194', 'Phường Hải Châu', 'commune', '48'),
  ]);
  await refreshUnitPaths(db);
}

/** A clock tests move by hand. */
export function testClock(start = '2026-03-02T08:00:00Z'): {
  now: () => Date;
  advanceMinutes: (m: number) => void;
} {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advanceMinutes: (m) => (t += m * 60_000) };
}

export function testContext(db: Db, now: () => Date): AppContext {
  return { db, now, auth: { scrypt: FAST_SCRYPT } };
}

/** Inserts an indicator, returning its id. */
export async function insertIndicator(db: Db, code: string, name = code): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO indicator (code, name_vi, value_type) VALUES ($1, $2, 'percent') RETURNING id`,
    [code, name],
  );
  if (!row) throw new Error('no indicator');
  return row.id;
}

/** Inserts a plan at a unit (2025 set) with targets on the given indicators at the given units, for the year 2025. */
export async function insertPlan(
  db: Db,
  code: string,
  unitCode: string,
  targets: readonly { indicatorId: number; unitCode: string }[],
): Promise<number> {
  const [plan] = await db.query<{ id: number }>(
    `INSERT INTO plan (code, name, unit_id, start_year, end_year)
     SELECT $1, $1, id, 2025, 2025 FROM unit WHERE set_code = '2025' AND code = $2 RETURNING id`,
    [code, unitCode],
  );
  if (!plan) throw new Error('no plan');
  for (const t of targets) {
    await db.query(
      `INSERT INTO target (plan_id, indicator_id, unit_id, period, target)
       SELECT $1, $2, id, '2025', 90 FROM unit WHERE set_code = '2025' AND code = $3`,
      [plan.id, t.indicatorId, t.unitCode],
    );
  }
  return plan.id;
}

/** Inserts a value (with a comment, which must never be published) and returns its unit's id. */
export async function insertValue(
  db: Db,
  v: {
    indicatorId: number;
    unitCode: string;
    period: string;
    start: string;
    end: string;
    type: string;
    value: number;
  },
): Promise<number> {
  const [row] = await db.query<{ unitId: number }>(
    `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, comment,
                             source, created_by)
     SELECT $1, id, $3, $4, $5::date, $6::date, $7, 'ghi chú nội bộ', 'cli', 'cán bộ nhập' FROM unit
     WHERE set_code = '2025' AND code = $2
     RETURNING unit_id AS "unitId"`,
    [v.indicatorId, v.unitCode, v.period, v.type, v.start, v.end, v.value],
  );
  if (!row) throw new Error('no value');
  return row.unitId;
}

export async function unitId(db: Db, code: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(`SELECT id FROM unit WHERE set_code = '2025' AND code = $1`, [
    code,
  ]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

/** Submits and approves a plan's period for these units as the local admin, which locks their values. */
export async function approvePeriod(
  ctx: AppContext,
  plan: string,
  period: string,
  units: string[],
): Promise<void> {
  await applyReviewEvent(ctx, LOCAL_ADMIN, { plan, period, event: 'submit', units });
  await applyReviewEvent(ctx, LOCAL_ADMIN, { plan, period, event: 'approve', units });
}
