// Helpers of the HTTP load comparisons (not a benchmark itself: bench/run.js runs only *.bench.js): an API route
// under `concurrency` clients against a bare Fastify JSON route served by the same process, measured in one run
// with the load generator in a child process of its own (bench/http-load-worker.js). Used by evaluation.bench.js
// (c) and api-cache.bench.js.
/* global fetch */
import { fork } from 'node:child_process';
import os from 'node:os';
import Fastify from 'fastify';
import { secs } from './support.js';

/** The goals of the comparison (bench/README.md): p95 within 2× the bare route's, throughput ≥ 25 % of its. */
export const P95_RATIO_GOAL = 2;
export const THROUGHPUT_SHARE_GOAL = 0.25;

const ms = (x) => `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`;

/**
 * Runs one load in a child process: `{latencies, failed, statuses, notModified, wallMs, cpuMs}`, `cpuMs` the CPU
 * time (user + system) this process — the server's — spent meanwhile, a figure the machine's load moves less.
 */
export async function loadInChild(config) {
  const cpu = process.cpuUsage();
  const result = await runChild(config);
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 };
}

function runChild(config) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load-worker.js', import.meta.url), [], { stdio: 'inherit' });
    let result = null;
    child.once('message', (message) => (result = message));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`the load generator exited (${code}) without a result`)),
    );
    child.send(config);
  });
}

export function percentiles(latencies) {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1] };
}

/**
 * Measures, in one run: a bare Fastify JSON route (started here, in this process, beside the API server), then
 * `url` with plain GETs (`headers`, no If-None-Match: the main figure), then `url` again with one request in
 * `conditionalEvery` carrying the ETag of the current answer (what browsers send; for information). Logs each with
 * p50/p95/p99 and throughput, the p95 ratio and the throughput share with PASS/FAIL; returns the figures and `pass`.
 */
export async function compareWithBare({
  url,
  headers,
  label,
  concurrency,
  requests,
  warmup,
  maxMs,
  conditionalEvery = 2,
  log = console.log,
}) {
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => ({ plan: 'BARE', period: '2025S1', total: 20, ok: true }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    const bareUrl = `http://127.0.0.1:${bare.server.address().port}/bare`;
    const probe = await fetch(url, { headers });
    const etag = probe.headers.get('etag');
    const bytes = (await probe.arrayBuffer()).byteLength;
    if (probe.status !== 200) throw new Error(`the API answered ${probe.status}`);
    const loads = {};
    const runs = [
      ['bare', bareUrl, {}, undefined, 'bare Fastify JSON route'],
      ['dx', url, headers, undefined, `${label} (${bytes.toLocaleString('en')} B), plain GETs`],
      [
        'dxConditional',
        url,
        headers,
        etag ? { etag, every: conditionalEvery } : undefined,
        `${label}, 1 in ${conditionalEvery} with If-None-Match (for information)`,
      ],
    ];
    for (const [name, target, sent, conditional, text] of runs) {
      const r = await loadInChild({
        url: target,
        headers: sent,
        concurrency,
        requests,
        warmup,
        maxMs,
        conditional,
      });
      const p = percentiles(r.latencies);
      loads[name] = {
        ...p,
        failed: r.failed,
        statuses: r.statuses,
        notModified: r.notModified,
        wallMs: r.wallMs,
        rps: (p.n / r.wallMs) * 1000,
        cpuMsPerAnswer: r.cpuMs / (p.n + warmup),
      };
      log(
        `  ${text}: ${p.n} requests in ${secs(r.wallMs)} (${loads[name].rps.toFixed(0)}/s), p50 ${ms(p.p50)}, ` +
          `p95 ${ms(p.p95)}, p99 ${ms(p.p99)}, max ${ms(p.max)}, server CPU ${ms(loads[name].cpuMsPerAnswer)}/answer` +
          `${r.notModified ? `, ${r.notModified} × 304` : ''}` +
          `${r.failed ? `, ${r.failed} failed ${JSON.stringify(r.statuses)}` : ''}`,
      );
    }
    const ratio = loads.dx.p95 / loads.bare.p95;
    const share = loads.dx.rps / loads.bare.rps;
    const ratioPass = ratio <= P95_RATIO_GOAL && loads.dx.failed === 0;
    const sharePass = share >= THROUGHPUT_SHARE_GOAL && loads.dx.failed === 0;
    log(
      `  ${ratioPass ? 'PASS' : 'FAIL'} p95: ${ms(loads.dx.p95)} = ${ratio.toFixed(2)}× the bare route's ` +
        `${ms(loads.bare.p95)} (goal ≤ ${P95_RATIO_GOAL}×)`,
    );
    log(
      `  ${sharePass ? 'PASS' : 'FAIL'} throughput: ${loads.dx.rps.toFixed(0)}/s = ${(share * 100).toFixed(1)} % of ` +
        `the bare route's ${loads.bare.rps.toFixed(0)}/s (goal ≥ ${THROUGHPUT_SHARE_GOAL * 100} %)`,
    );
    log(
      `  load average ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    return { ...loads, bytes, ratio, share, ratioPass, sharePass, pass: ratioPass && sharePass };
  } finally {
    await bare.close();
  }
}
