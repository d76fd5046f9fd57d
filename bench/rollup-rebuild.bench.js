// `npm run bench -- rollup-rebuild`: building the rollup rows (migration 0018) from the values, on PostgreSQL,
// for a workload of mixed levels: the 2025 tree (34 provinces, 3,321 communes) with 5 generated villages per
// commune; 5 years; 24 quarterly commune indicators (8 kinds in turn), of which 4 also have province totals for
// every half-year beside their communes' quarters; 2 monthly commune indicators; 1 quarterly village register.
// About 2.1 million values, in a scratch database (`dxmon_bench_rollup`, dropped at the end unless --keep).
//
// Measured: `value_rollup_rebuild` of every indicator in one call (what a migration does), and
// `dxmon rollup rebuild` (rebuildRollup: one indicator per transaction, two side by side, with progress), each from rows deleted;
// the rows of the two must be the same. Then the reads: every unit of the nation at the
// national level's mixed-level indicators, from the rollup rows and from the values.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { LOCAL_ADMIN } from '../dist/app/context.js';
import { rebuildRollup } from '../dist/app/rollup/rebuild-rollup.js';
import { loadOfficialUnits } from '../dist/app/units/load-official-units.js';
import { aggregateValues, readRollupRows } from '../dist/store/aggregate.queries.js';
import { migrate } from '../dist/store/migrate.js';
import { openPostgres } from '../dist/store/pg-db.js';
import { refreshUnitPaths } from '../dist/store/units.queries.js';
import { generatedValueSql, INDICATOR_KINDS, secs, serverUrl, withDatabase } from './support.js';

const BENCH_DB = process.env.BENCH_DB ?? 'dxmon_bench_rollup';
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const KEEP = process.argv.includes('--keep') || process.env.BENCH_KEEP === '1';
const VILLAGES_PER_COMMUNE = 5;
const QUARTERLY = 24;
/** Quarterly commune indicators that also have province totals for every half-year. */
const WITH_TOTALS = [1, 2, 4, 5];
const MONTHLY = [25, 26];
const VILLAGE = 27;
const code = (i) => `RB${String(i).padStart(3, '0')}`;
const log = (...args) => console.log(...args);
const HASH = `((u.id * 2654435761 + i.id * 40503 + extract(epoch FROM p.s)::bigint / 86400 * 9973) % 1000003)`;

async function generate(db, ctx) {
  let t = performance.now();
  await migrate(db);
  await loadOfficialUnits(ctx, '2025');
  await db.exec(`
    INSERT INTO unit (set_code, code, name, short_name, search_name, level, kind, parent_id, path, depth, valid_from)
    SELECT 'workspace', c.code || '-T' || n, 'Thôn ' || n || ', ' || c.name, 'Thôn ' || n,
           'thon ' || n || ' ' || c.search_name, 'village', 'village', c.id, '', 0, c.valid_from
    FROM unit c CROSS JOIN generate_series(1, ${VILLAGES_PER_COMMUNE}) AS n
    WHERE c.set_code = '2025' AND c.level = 'commune' ORDER BY c.id, n`);
  await refreshUnitPaths(db);
  log(`  units: ${secs(performance.now() - t)}`);
  t = performance.now();
  const all = Array.from({ length: VILLAGE }, (_, k) => k + 1);
  const kind = (i) => (i === VILLAGE ? ['count', 'last'] : INDICATOR_KINDS[i % INDICATOR_KINDS.length]);
  await db.query(
    `INSERT INTO indicator (code, name_vi, value_type, time_aggregation)
     SELECT c, 'Chỉ tiêu thử ' || c, t, a FROM unnest($1::text[], $2::text[], $3::text[]) AS x(c, t, a) ORDER BY c`,
    [all.map(code), all.map((i) => kind(i)[0]), all.map((i) => kind(i)[1])],
  );
  const valueSql = generatedValueSql(HASH);
  // Periods: (period text, type, start, months) for the 5 years.
  const insert = (level, indicators, periods) =>
    db.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      await tx.query(
        `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value,
                                 numerator, denominator, source, province_code)
         SELECT i.id, u.id, p.id, p.type, p.s, (p.s + make_interval(months => p.m) - interval '1 day')::date,
                ${valueSql},
                CASE WHEN i.value_type = 'ratio' THEN (${HASH} / 7) % (51 + ${HASH} % 950) END,
                CASE WHEN i.value_type = 'ratio' THEN 50 + ${HASH} % 950 END,
                'import', u.province_code
         FROM indicator i
         JOIN unit u ON u.level = $1 AND u.set_code IN ('2025', 'workspace')
         CROSS JOIN (${periods}) AS p(id, type, s, m)
         WHERE i.code = ANY ($2::text[])
         ORDER BY i.id, u.id, p.s`,
        [level, indicators.map(code)],
      );
    });
  const years = 'generate_series(2021, 2025) AS y';
  const quarters = `SELECT y || 'Q' || q AS id, 'quarter' AS type, make_date(y, q * 3 - 2, 1) AS s, 3 AS m
                    FROM ${years}, generate_series(1, 4) AS q`;
  const halves = `SELECT y || 'S' || h, 'half', make_date(y, h * 6 - 5, 1), 6 FROM ${years}, generate_series(1, 2) AS h`;
  const months = `SELECT y || 'M' || lpad(m::text, 2, '0'), 'month', make_date(y, m, 1), 1
                  FROM ${years}, generate_series(1, 12) AS m`;
  await insert(
    'commune',
    Array.from({ length: QUARTERLY }, (_, k) => k + 1),
    quarters,
  );
  await insert('province', WITH_TOTALS, halves);
  await insert('commune', MONTHLY, months);
  await insert('village', [VILLAGE], quarters);
  await db.exec('VACUUM (ANALYZE)');
  log(`  values: ${secs(performance.now() - t)}`);
}

const ROWS = `SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS h, count(*)::int AS n
              FROM (SELECT indicator_id, unit_id, period_start, period_end, below, last_end, units, vals, v_n,
                           v_sum, true_count, num_n, num_sum, den_n, den_sum, exact FROM value_rollup) x`;

async function main() {
  const server = serverUrl(DEFAULT_SERVER);
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount > 0;
  if (!exists) await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const db = openPostgres(withDatabase(server, BENCH_DB), { max: 4 });
  const ctx = { db, now: () => new Date() };
  try {
    log(
      `load average: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    const [has] = await db.query(`SELECT to_regclass('data_value') IS NOT NULL AS ok`);
    if (!has.ok || (await db.query('SELECT 1 FROM data_value LIMIT 1')).length === 0) await generate(db, ctx);
    const [{ values, bands }] = await db.query(
      `SELECT (SELECT count(*)::int FROM data_value) AS values, (SELECT count(*)::int FROM value_rollup_band) AS bands`,
    );
    log(`  ${values.toLocaleString('en')} values`);

    await db.exec('TRUNCATE value_rollup, value_rollup_band');
    let t = performance.now();
    await db.query('SELECT value_rollup_rebuild(array_agg(id ORDER BY id)) FROM indicator');
    const oneCall = performance.now() - t;
    const [a] = await db.query(ROWS);
    const [{ b: bandCount }] = await db.query('SELECT count(*)::int AS b FROM value_rollup_band');
    log(
      `value_rollup_rebuild, every indicator in one call: ${secs(oneCall)} (${Math.round(values / (oneCall / 1000)).toLocaleString('en')} values/s), ${a.n.toLocaleString('en')} rows, ${bandCount.toLocaleString('en')} bands (before: ${bands})`,
    );
    log(`  at that rate, 13.8 M values: ${secs((13.8e6 / values) * oneCall)}`);

    await db.exec('TRUNCATE value_rollup, value_rollup_band');
    t = performance.now();
    await rebuildRollup(ctx, LOCAL_ADMIN, {
      restart: true,
      workers: 2,
      onBatch: (p) =>
        log(
          `  [${p.done}/${p.total}] ${p.indicator}: ${p.valueCount} values, ${p.rowCount} rows, ${secs(p.ms)}`,
        ),
    });
    const byIndicator = performance.now() - t;
    const [b] = await db.query(ROWS);
    log(
      `dxmon rollup rebuild (one indicator per transaction, two side by side): ${secs(byIndicator)} (${Math.round(values / (byIndicator / 1000)).toLocaleString('en')} values/s); same rows as the one call: ${a.h === b.h}`,
    );
    log(`  at that rate, 13.8 M values: ${secs((13.8e6 / values) * byIndicator)}`);

    // Reads at every unit of the nation down to the communes, for the indicators with province totals.
    const units = await db.query(
      `SELECT id::int FROM unit WHERE set_code = '2025' AND level IN ('national', 'province', 'commune')`,
    );
    const inds = await db.query(`SELECT id::int FROM indicator WHERE code = ANY ($1::text[])`, [
      WITH_TOTALS.map(code),
    ]);
    const requests = [];
    for (const { id: indicatorId } of inds)
      for (const { id: unitId } of units)
        requests.push({
          key: requests.length + 1,
          indicatorId,
          unitId,
          periodStart: '2025-01-01',
          periodEnd: '2025-06-30',
        });
    t = performance.now();
    const fromRollup = await readRollupRows(db, requests);
    const rollupMs = performance.now() - t;
    t = performance.now();
    const fromValues = await aggregateValues(db, requests, { fromValues: true });
    const valuesMs = performance.now() - t;
    const same = requests.every(
      (r, i) => JSON.stringify(fromRollup.get(r.key)) === JSON.stringify(fromValues[i]),
    );
    log(
      `${requests.length} mixed-level requests (2025S1, every unit to the communes): rollup rows ${secs(rollupMs)} (${fromRollup.size} answered), from the values ${secs(valuesMs)}; same answers: ${same}`,
    );
    log(
      `load average: ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await db.close();
    if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
    await admin.end();
  }
}

await main();
