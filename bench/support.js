// Helpers shared by the benchmarks (not a benchmark itself: bench/run.js runs only *.bench.js).
/* global fetch */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** The PostgreSQL server of DATABASE_URL (or `fallback`), with the user of PGUSER or the OS when none is given. */
export function serverUrl(fallback) {
  const url = new URL(process.env.DATABASE_URL || fallback);
  if (!url.username) url.username = process.env.PGUSER || os.userInfo().username;
  return url;
}

/** The same server URL naming another database. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Milliseconds as seconds with two decimals: `1.23 s`. */
export const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Waits until the server at BASE says it is ready (`GET /api/v1/health` → `ok`), for at most `seconds`. */
export async function waitReady(base, seconds = 120) {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok && (await r.json()).status === 'ok') return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the server did not become ready in ${seconds} s`);
}

/** The median of some numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * The SQL of a generated value of each value type (of indicator `i`), from a hash expression that is the same for
 * every run; `count` is the expression of a count (by default the hash modulo 1,000).
 */
export const generatedValueSql = (hash, count = `${hash} % 1000`) => `
    CASE i.value_type
      WHEN 'count' THEN (${count})::numeric
      WHEN 'ratio' THEN round(100.0 * ((${hash} / 7) % (51 + ${hash} % 950)) / (50 + ${hash} % 950), 6)
      WHEN 'money' THEN (${hash} % 100000) * 1000::numeric
      WHEN 'percent' THEN (${hash} % 1001) / 10.0
      WHEN 'number' THEN (${hash} % 100000) / 100.0
      WHEN 'boolean' THEN CASE WHEN ${hash} % 10 < 7 THEN 1 ELSE 0 END
    END`;

/** The kinds of generated indicators, [value type, time aggregation], taken in turn by indicator number. */
export const INDICATOR_KINDS = [
  ['count', 'sum'],
  ['count', 'last'],
  ['ratio', 'last'],
  ['ratio', 'sum'],
  ['money', 'sum'],
  ['percent', 'last'],
  ['number', 'average'],
  ['boolean', 'last'],
];
