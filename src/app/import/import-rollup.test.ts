import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFolder } from '../../../test/support/import-fixture.js';
import {
  deleteValue,
  EVERY_KIND_INDICATORS,
  putIndicators,
  putUnits,
  putValue,
  SMALL_TREE,
  type FixtureIndicator,
} from '../../../test/support/evaluation-fixture.js';
import { heldWriter, ROLLUP_ROWS_SQL, seededRandom } from '../../../test/support/rollup-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import type { Db, Queryable } from '../../store/db.js';
import { deferValueRollup, flushValueRollup } from '../../store/rollup-deferral.queries.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { importWorkbook } from './import-workbook.js';

// The rollup rows after imports, which bring them up to date once per transaction (migration 0017), against a full
// recomputation: new and changed values at every level, in months, quarters, half-years and years; the safety net
// (a transaction in deferred mode that commits without flushing); a failed import; imports at the same time.

const UNITS = SMALL_TREE;
const UNIT_CODES = UNITS.map(([code]) => code);

const INDICATORS = EVERY_KIND_INDICATORS;

/** Periods of 2024 and 2025 of every kind, so that every standard window is touched, some values covering others. */
const PERIODS = [
  '202401',
  '202402',
  '202405',
  '2024Q1',
  '2024Q3',
  '2024S2',
  '2024',
  '2025Q2',
  '202511',
  '2025',
];

const HEADER = 'indicator_code,unit_code,period,value,numerator,denominator,comment';

describe.each(TEST_DB_KINDS)('rollup rows after imports on %s (migration 0017)', (kind) => {
  let db: Db;
  let ctx: AppContext;
  const next = seededRandom(20261206);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

  /** A CSV line of a random value of the indicator. */
  function line(indicator: FixtureIndicator, unit: string, period: string): string {
    const at = `${indicator.code},${unit},${period}`;
    switch (indicator.valueType) {
      case 'ratio': {
        const den = 1 + Math.floor(next() * 20);
        return `${at},,${Math.floor(next() * (den + 1))},${den},`;
      }
      case 'boolean':
        return `${at},${next() < 0.5 ? 'có' : 'không'},,,`;
      case 'percent':
        return `${at},${Math.round(next() * 1000) / 10},,,`;
      case 'number':
        return `${at},${Math.round(next() * 10_000) / 100},,,`;
      default:
        return `${at},${Math.floor(next() * 1000)},,,`;
    }
  }

  /** A values file of `count` distinct random cells at the units given. */
  function randomFile(count: number, units: readonly string[] = UNIT_CODES): string[] {
    const cells = new Map<string, string>();
    while (cells.size < count) {
      const indicator = pick(INDICATORS);
      const unit = pick(units);
      const period = pick(PERIODS);
      cells.set(`${indicator.code}|${unit}|${period}`, line(indicator, unit, period));
    }
    return [HEADER, ...cells.values()];
  }

  const importValues = async (lines: string[]) =>
    importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder({ values: lines }) });

  const rollupRows = (q: Queryable = db) => q.query(ROLLUP_ROWS_SQL);

  /** The rollup rows as kept equal the rows rebuilt from the values (rebuilt in a transaction rolled back). */
  async function expectExact(q: Queryable = db): Promise<void> {
    const kept = await rollupRows(q);
    expect(kept.length).toBeGreaterThan(0);
    await q.query('SELECT value_rollup_rebuild(array_agg(id)) FROM indicator');
    expect(await rollupRows(q)).toEqual(kept);
  }

  async function expectNothingPending(): Promise<void> {
    const [left] = await db.query<{ pending: number; due: number }>(
      `SELECT (SELECT count(*)::int FROM value_rollup_pending) AS pending,
              (SELECT count(*)::int FROM value_rollup_due) AS due`,
    );
    expect(left).toEqual({ pending: 0, due: 0 });
  }

  /** The rollup rows rebuilt inside a transaction that is then rolled back: what they should be. */
  async function rebuiltRows(): Promise<unknown[]> {
    let rows: unknown[] = [];
    await db
      .transaction(async (tx) => {
        await tx.query('SELECT value_rollup_rebuild(array_agg(id)) FROM indicator');
        rows = await rollupRows(tx);
        throw new Error('rollback');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'rollback') throw error;
      });
    return rows;
  }

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2026-12-06T09:00:00Z') };
    await putUnits(db, UNITS);
    await putIndicators(db, INDICATORS);
  }, 120_000);
  afterAll(async () => db?.close());

  it('keeps the rollup rows exact through imports of new and changed values at every level', async () => {
    const first = randomFile(400);
    const report = await importValues(first);
    expect(report.sheets.values).toEqual({ inserted: 400, updated: 0, unchanged: 0 });
    await expectExact();
    await expectNothingPending();

    // Some values changed, some new, the rest as stored.
    const keyOf = (l: string) => l.split(',').slice(0, 3).join(',');
    const second = new Map(first.slice(1).map((l) => [keyOf(l), l]));
    for (const l of first.slice(1, 101)) {
      const [code, unit, period] = l.split(',') as [string, string, string];
      const indicator = INDICATORS.find((i) => i.code === code) as FixtureIndicator;
      second.set(keyOf(l), line(indicator, unit, period));
    }
    for (const l of randomFile(150).slice(1)) if (!second.has(keyOf(l))) second.set(keyOf(l), l);
    const report2 = await importValues([HEADER, ...second.values()]);
    expect(report2.sheets.values.inserted).toBeGreaterThan(0);
    expect(report2.sheets.values.updated).toBeGreaterThan(0);
    await expectExact();
    await expectNothingPending();
  });

  it('writes and touches nothing when the same file is imported again', async () => {
    const file = randomFile(60);
    await importValues(file);
    const before = await rollupRows();
    const [version] = await db.query<{ v: string }>('SELECT version::text AS v FROM data_version');
    const again = await importValues(file);
    expect(again.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 60 });
    expect(await rollupRows()).toEqual(before);
    expect(await db.query('SELECT version::text AS v FROM data_version')).toEqual([version]);
    await expectNothingPending();
  });

  it('leaves the rollup rows as they were when an import is refused or only previewed', async () => {
    const before = await rollupRows();
    const preview = await importWorkbook(ctx, LOCAL_ADMIN, {
      path: await csvFolder({ values: randomFile(80) }),
      dryRun: true,
    });
    expect(preview.dryRun).toBe(true);
    expect(await rollupRows()).toEqual(before);
    // The last row names an indicator that does not exist: the whole file is refused.
    await expect(importValues([...randomFile(50), 'NOPE,C11,2024Q1,1,,,'])).rejects.toMatchObject({
      code: 'badInput',
    });
    expect(await rollupRows()).toEqual(before);
    await expectNothingPending();
  });

  it('in deferred mode, notes the keys and refreshes them at the flush; reads after it are exact', async () => {
    await db.transaction(async (tx) => {
      await deferValueRollup(tx);
      const before = await rollupRows(tx);
      await putValue(tx, 'count_sum', 'V111', '2024Q2', 7);
      await putValue(tx, 'ratio_last', 'C12', '202406', { num: 3, den: 4 });
      await deleteValue(tx, 'count_sum', 'V111', '2024Q2');
      await putValue(tx, 'boolean_last', 'P2', '2025S1', true);
      // Noted, not yet refreshed.
      expect(await rollupRows(tx)).toEqual(before);
      expect(await flushValueRollup(tx)).toBe(3);
      await expectExact(tx);
      expect(await flushValueRollup(tx)).toBe(0);
    });
    await expectExact();
    await expectNothingPending();
  });

  it('brings the rows up to date at commit when a transaction in deferred mode does not flush (safety net)', async () => {
    const expected = await db.transaction(async (tx) => {
      await deferValueRollup(tx);
      await putValue(tx, 'money_sum', 'V211', '202403', 5_000);
      await putValue(tx, 'money_sum', 'C21', '2024Q1', 9_000);
      await tx.query(`UPDATE data_value SET value = value + 1
                      WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'count_average')`);
      await deleteValue(tx, 'money_sum', 'V211', '202403');
      return rollupRows(tx);
    });
    const after = await rollupRows();
    expect(after).not.toEqual(expected);
    expect(after).toEqual(await rebuiltRows());
    await expectNothingPending();
  });

  it('flushes at commit by its own trigger when the data version is not raised', async () => {
    await db.transaction(async (tx) => {
      await deferValueRollup(tx);
      // The data version's trigger off for this one statement: only the safety net's trigger is left at commit.
      await tx.exec('ALTER TABLE data_value DISABLE TRIGGER data_value_version_insert');
      await putValue(tx, 'count_sum', 'C12', '2025Q3', 321);
      await tx.exec('ALTER TABLE data_value ENABLE TRIGGER data_value_version_insert');
      const [pending] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM data_version_pending');
      expect(pending?.n).toBe(0);
    });
    expect(await rollupRows()).toEqual(await rebuiltRows());
    await expectNothingPending();
  });

  it('also when deferred mode is set by SET LOCAL and the transaction wrote a dashboard table first', async () => {
    const [before] = await db.query<{ v: number }>('SELECT version::int AS v FROM data_version');
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE indicator SET name_en = 'Renamed' WHERE code = 'number_sum'`);
      await tx.query('SET LOCAL dxmon.rollup_deferred = on');
      await putValue(tx, 'number_sum', 'C11', '2025Q2', 12.5);
    });
    expect(await rollupRows()).toEqual(await rebuiltRows());
    expect(await db.query('SELECT version::int AS v FROM data_version')).toEqual([
      { v: (before?.v ?? 0) + 1 },
    ]);
    await expectNothingPending();
  });

  it('keeps other writers per statement, and a transaction after a deferred one too', async () => {
    await db.transaction(async (tx) => {
      await deferValueRollup(tx);
      await putValue(tx, 'percent_last', 'V112', '2024Q3', 40);
    });
    // The same connection, a new transaction: the deferred mode ended with the last one.
    await db.transaction(async (tx) => {
      await putValue(tx, 'percent_last', 'V112', '2024Q3', 60);
      const kept = await rollupRows(tx);
      await tx.query('SELECT value_rollup_rebuild(array_agg(id)) FROM indicator');
      expect(await rollupRows(tx)).toEqual(kept);
    });
    await expectNothingPending();
  });

  it.runIf(kind === 'postgres')(
    'imports one new file twice at once: one writes it, the other is checked again and finds it written',
    async () => {
      // Both check the file before either writes; the second's insert then meets the values the first committed.
      await db.query('DELETE FROM data_value');
      const file = randomFile(300);
      const results = await Promise.allSettled([importValues(file), importValues(file)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const counts = results.map((r) => (r.status === 'fulfilled' ? r.value.sheets.values : undefined));
      expect(counts.map((c) => (c?.inserted ?? 0) + (c?.unchanged ?? 0))).toEqual([300, 300]);
      expect((counts[0]?.inserted ?? 0) + (counts[1]?.inserted ?? 0)).toBe(300);
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM data_value');
      expect(n?.n).toBe(300);
      await expectExact();
      await expectNothingPending();
    },
    60_000,
  );

  it.runIf(kind === 'postgres')(
    'serialises imports of the same indicators without deadlock, and keeps the rows exact',
    async () => {
      // Two imports at once, of the same indicators at units under the same national unit (so the same rollup rows
      // above them), in opposite orders, several times over.
      for (let round = 0; round < 3; round++) {
        const a = randomFile(300, ['N', 'P1', 'C11', 'V111', 'V112']);
        const b = [HEADER, ...randomFile(300, ['P2', 'C12', 'C21', 'V211']).slice(1).reverse()];
        const results = await Promise.allSettled([importValues(a), importValues(b)]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      }
      await expectExact();
      await expectNothingPending();

      // A writer in deferred mode holds the indicator's write lock from its flush to its commit; a save of the
      // same indicator waits for it, then both are counted.
      const held = heldWriter(db, async (tx) => {
        await deferValueRollup(tx);
        await putValue(tx, 'count_last', 'V111', '202401', 11);
        await putValue(tx, 'count_sum', 'V211', '202401', 12);
        await flushValueRollup(tx);
      });
      await held.written;
      const [id] = await db.query<{ id: number }>(
        `SELECT id::int AS id FROM indicator WHERE code = 'count_last'`,
      );
      const [free] = await db.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_xact_lock(727008, $1::int) AS ok',
        [id?.id ?? 0],
      );
      expect(free?.ok).toBe(false);
      let saved = false;
      const other = db
        .transaction((tx) => putValue(tx, 'count_last', 'C11', '202401', 13))
        .then(() => {
          saved = true;
        });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(saved).toBe(false);
      held.release();
      await Promise.all([held.committed, other]);
      await expectExact();
      await expectNothingPending();
    },
    60_000,
  );
});
