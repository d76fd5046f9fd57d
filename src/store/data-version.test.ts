import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../test/support/test-db.js';
import { putIndicators, putUnits } from '../../test/support/evaluation-fixture.js';
import { readDataVersion } from './data-version.queries.js';
import type { Db } from './db.js';

// The data version (migration 0015, docs/dashboard.md): raised once per committed writing transaction, not by a
// rolled-back one or by a statement that changed nothing, and visible only together with the changes it counts.

describe.each(TEST_DB_KINDS)('data version, on %s', (kind) => {
  let db: Db;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await putUnits(db, [
      ['DV', 'Tỉnh DV', 'province', null],
      ['DVC', 'Xã DVC', 'commune', 'DV'],
    ]);
    await putIndicators(db, [
      { code: 'DV_COUNT', valueType: 'count', timeAggregation: 'sum' },
      { code: 'DV_OTHER', valueType: 'count', timeAggregation: 'sum' },
    ]);
  });
  afterAll(async () => db.close());

  const insertValue = (q: Pick<Db, 'query'>, period: string, value: number, indicator = 'DV_COUNT') =>
    q.query(
      `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
       SELECT i.id, u.id, $1::text, 'year', make_date($1::text::int, 1, 1), make_date($1::text::int, 12, 31), $2::numeric, 'cli'
       FROM indicator i, unit u WHERE i.code = $3 AND u.set_code = '2025' AND u.code = 'DVC'
       ON CONFLICT (indicator_id, unit_id, period) DO UPDATE SET value = excluded.value
       WHERE data_value.value IS DISTINCT FROM excluded.value`,
      [period, value, indicator],
    );

  it('is raised once by a transaction of many statements on several tables', async () => {
    const before = await readDataVersion(db);
    await db.transaction(async (tx) => {
      await insertValue(tx, '2020', 1);
      await insertValue(tx, '2021', 2);
      await tx.query(`UPDATE indicator SET name_vi = 'Số đếm' WHERE code = 'DV_COUNT'`);
      await tx.query(`UPDATE data_value SET value = value + 1 WHERE period IN ('2020', '2021')`);
    });
    const after = await readDataVersion(db);
    expect(after.version).toBe(before.version + 1);
    expect(after.changedAt.getTime()).toBeGreaterThanOrEqual(before.changedAt.getTime());
  });

  it('is raised by each single statement outside a transaction, and by a deletion', async () => {
    const before = await readDataVersion(db);
    await insertValue(db, '2022', 5);
    await db.query(`DELETE FROM data_value WHERE period = '2022'`);
    expect((await readDataVersion(db)).version).toBe(before.version + 2);
  });

  it('is not raised by a rolled-back transaction, a statement that changed nothing, or a session write', async () => {
    const before = await readDataVersion(db);
    await expect(
      db.transaction(async (tx) => {
        await insertValue(tx, '2023', 7);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await insertValue(db, '2020', 2); // the value it already has: no row changes
    await db.query(`DELETE FROM data_value WHERE period = '1999'`);
    await db.query(
      `INSERT INTO login_failure (account_key, address_key, at) VALUES ('someone', '127.0.0.1', now())`,
    );
    expect((await readDataVersion(db)).version).toBe(before.version);
    const [pending] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM data_version_pending');
    expect(pending?.n).toBe(0);
  });

  it('is not seen raised inside the writing transaction before its commit by anyone else', async () => {
    const before = await readDataVersion(db);
    let inside = -1;
    await db.transaction(async (tx) => {
      await insertValue(tx, '2024', 9);
      // The raise runs at commit: inside the transaction the version is still the old one.
      inside = (await readDataVersion(tx)).version;
    });
    expect(inside).toBe(before.version);
    expect((await readDataVersion(db)).version).toBe(before.version + 1);
  });

  if (kind === 'postgres') {
    it('agrees between two connections, which see the version only with the changes it counts', async () => {
      const url = new URL(process.env.TEST_DATABASE_URL ?? '');
      const [name] = await db.query<{ name: string }>('SELECT current_database() AS name');
      url.pathname = `/${name?.name ?? ''}`;
      const writer = new pg.Client({ connectionString: url.toString() });
      const reader = new pg.Client({ connectionString: url.toString() });
      await writer.connect();
      await reader.connect();
      try {
        const read = async () => {
          const { rows } = await reader.query<{ version: string; value: string | null }>(
            `SELECT d.version, (SELECT value FROM data_value WHERE period = '2019') AS value FROM data_version d`,
          );
          return { version: Number(rows[0]?.version), value: rows[0]?.value ?? null };
        };
        const before = await read();
        await writer.query('BEGIN');
        await insertValue(
          { query: (sql, params) => writer.query(sql, params as unknown[]).then((r) => r.rows) },
          '2019',
          11,
        );
        // A long writer holds no lock on the version: another transaction (of another indicator: writers of one
        // indicator take turns for its rollup rows) commits and raises it meanwhile.
        await insertValue(db, '2018', 3, 'DV_OTHER');
        const during = await read();
        expect(during).toEqual({ version: before.version + 1, value: null });
        await writer.query('COMMIT');
        const after = await read();
        expect(after.version).toBe(before.version + 2);
        expect(Number(after.value)).toBe(11);
        expect((await readDataVersion(db)).version).toBe(after.version);
      } finally {
        await writer.end();
        await reader.end();
      }
    });
  }
});
