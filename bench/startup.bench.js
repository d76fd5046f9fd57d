// `npm run bench -- startup`: how fast DX Monitor starts and answers from the command line (bench/README.md).
// Every figure is the median of BENCH_REPEAT runs (default 3, first start: 2) of a whole process, in one run,
// beside `node -e ''` and a bare PGlite open of the same data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/dxmon.js', import.meta.url));
const pgliteEntry = import.meta.resolve('@electric-sql/pglite');
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const work = mkdtempSync(join(tmpdir(), 'dxmon-bench-start-'));

/** Runs a process to its end; resolves with its wall time in seconds (rejects on a non-zero exit). */
function timed(args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) resolve(seconds);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

/**
 * Starts `dxmon serve --demo` on `dataDir` and resolves once it says the workspace is ready, with the seconds
 * that took, its URL and a way to stop it.
 */
function serve(dataDir) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [bin, '--lang', 'en', '--data', dataDir, 'serve', '--demo', '--port', '0'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DXMON_PROGRESS: '0' } },
    );
    let stderr = '';
    let url = null;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      url ??= /running at (\S+) /.exec(stderr)?.[1] ?? null;
      if (/The workspace is ready/.test(stderr)) {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        resolve({
          seconds,
          url,
          stop: () =>
            new Promise((done) => {
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before it was ready: ${stderr}`)));
  });
}

async function median(n, fn) {
  const times = [];
  for (let i = 0; i < n; i++) times.push(await fn(i));
  times.sort((a, b) => a - b);
  return { median: times[Math.floor((times.length - 1) / 2)], times };
}

const rows = [];
function report(name, result, goal) {
  const passed = goal ? result.median <= goal.seconds : null;
  rows.push({ name, result, goal, passed });
  const all = result.times.map((t) => t.toFixed(2)).join(' / ');
  const verdict = goal ? `${passed ? 'PASS' : 'FAIL'} (goal ≤ ${goal.label})` : '';
  console.log(`${name.padEnd(44)} ${result.median.toFixed(2).padStart(6)} s  [${all}]  ${verdict}`);
}

const demoPlan = ['--plan', 'LCI-DX-2024', '--period', '2024'];
const reads = [
  ['plans list', ['plans', 'list']],
  ['evaluate', ['evaluate', ...demoPlan]],
  ['tasks summary', ['tasks', 'summary', '--at', '2024-12-31']],
];

try {
  report("node -e ''", await median(repeat, () => timed(['-e', ''])));
  report('dxmon --help', await median(repeat, () => timed([bin, '--help'])), {
    seconds: 0.3,
    label: '0.3 s',
  });
  report('dxmon evaluate --help', await median(repeat, () => timed([bin, 'evaluate', '--help'])), {
    seconds: 0.3,
    label: '0.3 s',
  });

  // First start on a fresh data directory, twice (each in a new directory), then restarts on the last one.
  let dataDir = '';
  const first = await median(Math.min(repeat, 2), async (i) => {
    dataDir = join(work, `first-${i}`);
    const server = await serve(dataDir);
    await server.stop();
    return server.seconds;
  });
  report('first start to ready (fresh data dir)', first, { seconds: 10, label: '10 s' });
  const restart = await median(repeat, async () => {
    const server = await serve(dataDir);
    await server.stop();
    return server.seconds;
  });
  report('restart to ready (existing data)', restart, { seconds: 3, label: '3 s' });

  // PGlite's own open of the same directory: import, open, one query, close, in a process of its own.
  const bare = `const { PGlite } = await import(${JSON.stringify(pgliteEntry)}); const db = await PGlite.create({ dataDir: ${JSON.stringify(join(dataDir, 'pgdata'))} }); await db.query('SELECT 1'); await db.close();`;
  const pglite = await median(repeat, () => timed(['--input-type=module', '-e', bare]));
  report('bare PGlite open of the same directory', pglite);
  const embeddedGoal = {
    seconds: pglite.median + 0.5,
    label: `PGlite open + 0.5 s = ${(pglite.median + 0.5).toFixed(2)} s`,
  };
  for (const [name, args] of reads) {
    report(
      `${name} (embedded)`,
      await median(repeat, () => timed([bin, '--data', dataDir, ...args])),
      embeddedGoal,
    );
  }

  const server = await serve(dataDir);
  try {
    for (const [name, args] of reads) {
      report(
        `${name} (--server)`,
        await median(repeat, () => timed([bin, '--data', dataDir, '--server', server.url, ...args])),
        { seconds: 0.5, label: '0.5 s' },
      );
    }
  } finally {
    await server.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const failed = rows.filter((r) => r.passed === false);
console.log(failed.length === 0 ? '\nEvery goal met.' : `\n${failed.length} goal(s) not met.`);
process.exit(failed.length === 0 ? 0 : 1);
