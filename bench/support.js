// Helpers shared by the benchmarks (not a benchmark itself: bench/run.js runs only *.bench.js).
import os from 'node:os';

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
