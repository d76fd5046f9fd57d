// Cached evaluations under load on the demo workspace (issue 18; docs/evaluation.md, "Cached answers"): the same
// comparison as evaluation.bench.js (c) on a smaller workload that is quick to prepare. The demo workspace (both
// official unit sets, Lào Cai's 2024 plan) is loaded into a scratch PostgreSQL database `dxmon_bench_cache`
// (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/postgres; dropped at the end unless --keep);
// then GET /api/v1/plans/LCI-DX-2024/evaluation?period=2024S1 with a viewer's API token over the whole installation,
// BENCH_REQUESTS requests (default 2000) from 64 clients in a child process, against a bare Fastify JSON route served
// by the same process, in one run (bench/api-load.js); and, for reference, the same route with the cache off
// (DXMON_ANSWER_CACHE_ENTRIES=0: every request computed), and with a value saved every 200 ms during the load (each
// save empties the cache: every answer after it is computed once more). Goals: p95 ≤ 2× and throughput ≥ 25 % of the
// bare route's; exits 1 on a miss. `npm run bench -- api-cache` after `npm run build`.
//
// On another workload already in a database of the same server (e.g. the national one evaluation.bench.js keeps with
// --keep): BENCH_CACHE_DB=dxmon_bench_eval BENCH_CACHE_PLAN=BENCH-PROVINCE-2025 BENCH_CACHE_PERIOD=2025S1. That
// database is neither prepared nor dropped, and the value saved during the load is put back at the end.
/* global fetch, setTimeout */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildServer } from '../dist/api/server.js';
import { LOCAL_ADMIN, SYSTEM } from '../dist/app/context.js';
import { createApiToken } from '../dist/app/session/api-tokens.js';
import { saveValue } from '../dist/app/values/save-value.js';
import { prepareWorkspace } from '../dist/app/workspace/prepare-workspace.js';
import { migrate } from '../dist/store/migrate.js';
import { openPostgres } from '../dist/store/pg-db.js';
import { compareWithBare, loadInChild, percentiles } from './api-load.js';
import { secs, serverUrl, withDatabase } from './support.js';

const GIVEN_DB = process.env.BENCH_CACHE_DB;
const BENCH_DB = GIVEN_DB || 'dxmon_bench_cache';
const KEEP = Boolean(GIVEN_DB) || process.argv.includes('--keep') || process.env.BENCH_KEEP === '1';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = 64;
const WARMUP = 64;
const MAX_MS = 90_000;
const PLAN = process.env.BENCH_CACHE_PLAN || 'LCI-DX-2024';
const PERIOD = process.env.BENCH_CACHE_PERIOD || '2024S1';
const SAVE_EVERY_MS = 200;

const log = (...args) => console.log(...args);
const ms = (x) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`;
const loadavg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function main() {
  const server = serverUrl('postgres://postgres@127.0.0.1:5432/postgres');
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount > 0;
  if (GIVEN_DB && !exists) throw new Error(`BENCH_CACHE_DB: no database ${GIVEN_DB}`);
  if (!(KEEP && exists)) {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  }
  const db = openPostgres(withDatabase(server, BENCH_DB), { max: 10 });
  db.pool.on('error', () => undefined);
  const ctx = { db, now: () => new Date() };
  const servers = [];
  try {
    log(
      `node ${process.version}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}); load ${loadavg()}`,
    );
    if (GIVEN_DB) log(`the workload in ${BENCH_DB}`);
    else {
      const t = performance.now();
      await migrate(db);
      await prepareWorkspace({ ...ctx }, { demo: true });
      log(`demo workspace in ${BENCH_DB}: ${secs(performance.now() - t)}`);
    }
    const { token } = await createApiToken(ctx, LOCAL_ADMIN, {
      name: `bench ${new Date().toISOString()}`,
      role: 'viewer',
      unit: '/',
    });
    const headers = { authorization: `Bearer ${token}` };
    const start = async (answerCache) => {
      const api = await buildServer({ ctx: answerCache ? { ...ctx, answerCache } : ctx });
      servers.push(api);
      await api.listen({ host: '127.0.0.1', port: 0 });
      return `http://127.0.0.1:${api.server.address().port}/api/v1/plans/${PLAN}/evaluation?period=${PERIOD}`;
    };
    const cachedUrl = await start();
    const probe = await fetch(cachedUrl, { headers });
    const body = await probe.json();
    if (probe.status !== 200 || !(body.total > 0)) {
      throw new Error(`the API answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    log(
      `\n${PLAN} at ${PERIOD} (${body.total} targets), ${CONCURRENCY} concurrent clients, ${REQUESTS} requests`,
    );
    const results = await compareWithBare({
      url: cachedUrl,
      headers,
      label: 'evaluation, cached',
      concurrency: CONCURRENCY,
      requests: REQUESTS,
      warmup: WARMUP,
      maxMs: MAX_MS,
      log,
    });

    const reference = async (name, text, url, during) => {
      const r = await during(() =>
        loadInChild({
          url,
          headers,
          concurrency: CONCURRENCY,
          requests: REQUESTS,
          warmup: WARMUP,
          maxMs: MAX_MS,
        }),
      );
      const p = percentiles(r.latencies);
      const rps = (p.n / r.wallMs) * 1000;
      const cpuMsPerAnswer = r.cpuMs / (p.n + WARMUP);
      results[name] = { ...p, rps, failed: r.failed, wallMs: r.wallMs, cpuMsPerAnswer };
      log(
        `  ${text}: ${p.n} requests in ${secs(r.wallMs)} (${rps.toFixed(0)}/s), p50 ${ms(p.p50)}, p95 ${ms(p.p95)}, ` +
          `p99 ${ms(p.p99)}, server CPU ${ms(cpuMsPerAnswer)}/answer — p95 ${(p.p95 / results.bare.p95).toFixed(1)}× the bare route's, ` +
          `throughput ${((rps / results.bare.rps) * 100).toFixed(1)} %${r.failed ? `, ${r.failed} failed ${JSON.stringify(r.statuses)}` : ''}`,
      );
    };
    const plainly = (run) => run();
    log('  for reference:');
    const uncachedUrl = await start({ entries: 0, bytes: 0 });
    await reference('uncached', 'evaluation, cache off (every request computed)', uncachedUrl, plainly);
    // A heavier answer: one of the plan's indicators at every commune under the plan's unit.
    const acrossUnits = (url) =>
      url.replace(
        /\/plans\/[^/]+\/evaluation\?period=.*$/,
        `/indicators/${body.targets[0].indicator}/evaluation?plan=${PLAN}&period=${PERIOD}&level=commune`,
      );
    await reference('acrossCached', 'across units at every commune, cached', acrossUnits(cachedUrl), plainly);
    await reference(
      'acrossUncached',
      'across units at every commune, cache off',
      acrossUnits(uncachedUrl),
      plainly,
    );

    // A value saved every SAVE_EVERY_MS while the cached route is under load: each save raises the data version.
    // A count of one of the plan's indicators, in the first or second quarter of the evaluated year.
    const year = PERIOD.slice(0, 4);
    const [value] = await db.query(
      `SELECT i.code AS indicator, u.set_code || ':' || u.code AS unit, d.period, d.value::float8 AS value, d.version
       FROM data_value d JOIN indicator i ON i.id = d.indicator_id JOIN unit u ON u.id = d.unit_id
       WHERE i.value_type = 'count' AND d.period IN ($1, $2)
         AND i.id IN (SELECT t.indicator_id FROM target t JOIN plan p ON p.id = t.plan_id WHERE p.code = $3)
       ORDER BY d.id LIMIT 1`,
      [`${year}Q1`, `${year}Q2`, PLAN],
    );
    if (!value) throw new Error(`no count of ${PLAN} in ${year}Q1 or ${year}Q2 to save during the load`);
    let saves = 0;
    const savingDuring = async (run) => {
      let version = value.version;
      let running = true;
      const saver = (async () => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, SAVE_EVERY_MS));
          const saved = await saveValue(ctx, SYSTEM, {
            indicator: value.indicator,
            unit: value.unit,
            period: value.period,
            value: value.value + (saves % 2 ? 0 : 1),
            version,
          });
          version = saved.version;
          saves++;
        }
      })();
      try {
        return await run();
      } finally {
        running = false;
        await saver;
        // The value as it was, so a kept workload is left as found.
        if (saves % 2 === 1) {
          await saveValue(ctx, SYSTEM, {
            indicator: value.indicator,
            unit: value.unit,
            period: value.period,
            value: value.value,
            version,
          });
        }
      }
    };
    await reference(
      'withSaves',
      `evaluation, cached, a value saved every ${SAVE_EVERY_MS} ms`,
      cachedUrl,
      savingDuring,
    );
    log(`    (${saves} saves during that load)`);
    log(`\nload average ${loadavg()}`);
    if (!results.pass) process.exitCode = 1;
  } finally {
    for (const api of servers) await api.close();
    await db.close();
    if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
