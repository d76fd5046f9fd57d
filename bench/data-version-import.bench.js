// The data version's cost on a large import (migration 0015, docs/dashboard.md): the same CSV import of
// BENCH_DV_VALUES values (default 100,000: 50 count indicators × 500 communes × 4 quarters) into a scratch database
// `dxmon_dvbench` on the PostgreSQL server of DATABASE_URL (default postgres://127.0.0.1:5432/postgres), with the
// data version's triggers enabled and disabled in turn (`ALTER TABLE … DISABLE TRIGGER`). The first round writes the
// values, the next ones change every value. Figures: the best of BENCH_REPEAT rounds per mode (default 2).
// `npm run bench -- data-version`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { LOCAL_ADMIN } from '../dist/app/context.js';
import { importWorkbook } from '../dist/app/import/import-workbook.js';
import { migrate } from '../dist/store/migrate.js';
import { openPostgres } from '../dist/store/pg-db.js';
import { secs, serverUrl, withDatabase } from './support.js';

const OUT = fileURLToPath(new URL('./out/data-version-import/', import.meta.url));
const INDICATORS = 50;
const PERIODS = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];
const UNITS = Math.max(2, Math.round(Number(process.env.BENCH_DV_VALUES ?? 100_000) / (INDICATORS * 4)));
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const BENCH_DB = 'dxmon_dvbench';
const TABLES = ['data_value', 'unit', 'indicator'];

mkdirSync(OUT, { recursive: true });
const folder = mkdtempSync(path.join(OUT, 'import-'));

/** Writes the import folder; `round` changes every value. Returns the number of values. */
function writeFolder(round) {
  const units = ['code,name,kind,parent_code', 'DVP,Tỉnh đo,province,'];
  for (let i = 1; i <= UNITS; i++) units.push(`DVC${i},Xã đo ${i},commune,DVP`);
  writeFileSync(path.join(folder, 'units.csv'), `${units.join('\n')}\n`);
  const indicators = ['code,name_vi,value_type,unit,time_aggregation'];
  for (let i = 0; i < INDICATORS; i++) indicators.push(`DVI${i},Chỉ tiêu đo ${i},count,,sum`);
  writeFileSync(path.join(folder, 'indicators.csv'), `${indicators.join('\n')}\n`);
  const values = ['indicator_code,unit_code,period,value'];
  let n = 0;
  for (let i = 0; i < INDICATORS; i++)
    for (let u = 1; u <= UNITS; u++)
      for (const p of PERIODS) values.push(`DVI${i},DVC${u},${p},${(n++ * 7919 + round) % 5000}`);
  writeFileSync(path.join(folder, 'values.csv'), `${values.join('\n')}\n`);
  return n;
}

const server = serverUrl('postgres://127.0.0.1:5432/postgres');
const admin = new pg.Client({ connectionString: server.toString() });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
await admin.query(`CREATE DATABASE ${BENCH_DB}`);
const db = openPostgres(withDatabase(server, BENCH_DB), { max: 4 });
try {
  await migrate(db);
  const ctx = { db, now: () => new Date() };
  const setTriggers = async (on) => {
    for (const t of TABLES)
      for (const e of ['insert', 'update', 'delete', 'truncate'])
        await db.query(`ALTER TABLE ${t} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}_version_${e}`);
  };
  // Round 0 writes everything (new rows); it is shown but not compared, the rounds after change every value.
  const times = { with: [], without: [] };
  for (let round = 0; round <= 2 * REPEAT; round++) {
    const on = round % 2 === 1 || round === 0;
    await setTriggers(on);
    const n = writeFolder(round);
    const [before] = await db.query('SELECT version FROM data_version');
    const start = performance.now();
    await importWorkbook(ctx, LOCAL_ADMIN, { path: folder });
    const ms = performance.now() - start;
    const [after] = await db.query('SELECT version FROM data_version');
    console.log(
      `round ${round}: ${n.toLocaleString('en')} values ${round === 0 ? 'written' : 'changed'} in ${secs(ms)}, triggers ${on ? 'on' : 'off'}; data version +${Number(after.version) - Number(before.version)}`,
    );
    if (round > 0) times[on ? 'with' : 'without'].push(ms);
  }
  await setTriggers(true);
  const best = (xs) => Math.min(...xs);
  const overhead = (best(times.with) / best(times.without) - 1) * 100;
  console.log(
    `import changing every value, best of ${REPEAT}: ${secs(best(times.with))} with the data version, ${secs(best(times.without))} without: ${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)} %`,
  );
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB}`);
  await admin.end();
  if (!process.argv.includes('--keep')) rmSync(folder, { recursive: true, force: true });
}
