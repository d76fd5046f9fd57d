// A sign-in while the largest allowed import runs, against a sign-in on an idle server (goal: the median within
// 2× of the idle median). The server is `dxmon serve` on a new embedded workspace, in a process of its own; the
// import is one CSV `values` sheet of BENCH_IMPORT_ROWS rows (default 1,000,000, the reader's row limit less the
// header; docs/import.md "Limits") sent to POST /api/v1/imports as one upload, while this process signs in every
// 250 ms through POST /api/v1/session. `npm run bench -- signin` after `npm install`.
/* global fetch */
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { median, secs, waitReady } from './support.js';

const OUT = fileURLToPath(new URL('./out/signin-during-import/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/dxmon.js', import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 999_999);
const COMMUNES = 999;
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Tai-thu-do-luong-2026!';
const GOAL = 2;

mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(path.join(OUT, 'workspace-'));

function dxmon(args, input) {
  const run = spawnSync(process.execPath, [BIN, '--data', dataDir, ...args], { input, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`dxmon ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

/** One province, COMMUNES communes and enough count indicators for ROWS values over the four quarters of 2024. */
function setUp() {
  const folder = path.join(OUT, 'setup');
  mkdirSync(folder, { recursive: true });
  const units = ['code,name,kind,parent_code', 'S00,Tỉnh đo tải,province,'];
  for (let i = 1; i <= COMMUNES; i++) units.push(`S${String(i).padStart(3, '0')},Xã đo tải ${i},commune,S00`);
  writeFileSync(path.join(folder, 'units.csv'), `${units.join('\n')}\n`);
  const indicators = Math.ceil(ROWS / (COMMUNES * 4));
  const rows = ['code,name_vi,value_type,unit,time_aggregation'];
  for (let i = 0; i < indicators; i++)
    rows.push(`L${String(i).padStart(3, '0')},Chỉ tiêu đo tải ${i},count,,sum`);
  writeFileSync(path.join(folder, 'indicators.csv'), `${rows.join('\n')}\n`);
  dxmon(['import', folder]);
  dxmon(
    ['users', 'add', 'bench', '--name', 'Bench', '--role', 'admin', '--unit', 'S00', '--password-stdin'],
    PASSWORD,
  );

  const lines = ['indicator_code,unit_code,period,value'];
  let n = 0;
  outer: for (let i = 0; i < indicators; i++) {
    for (let u = 1; u <= COMMUNES; u++) {
      for (const q of ['2024Q1', '2024Q2', '2024Q3', '2024Q4']) {
        if (n++ >= ROWS) break outer;
        lines.push(`L${String(i).padStart(3, '0')},S${String(u).padStart(3, '0')},${q},${(n * 7919) % 5000}`);
      }
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Signs in once; returns the time taken and the session's cookie and CSRF token. */
async function signIn() {
  const start = performance.now();
  const r = await fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench', password: PASSWORD }),
  });
  const ms = performance.now() - start;
  if (r.status !== 200) throw new Error(`sign-in answered ${r.status}: ${await r.text()}`);
  const body = await r.json();
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  return { ms, cookie, csrf: body.csrfToken };
}

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const body = setUp();
console.log(
  `import: ${ROWS.toLocaleString('en')} values as one CSV sheet, ${(body.length / 1e6).toFixed(1)} MB`,
);
const server = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', String(PORT)], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, DXMON_PROGRESS: '0' },
});
try {
  await waitReady(BASE, 60);
  for (let i = 0; i < 3; i++) await signIn(); // warm up
  const idle = [];
  for (let i = 0; i < 15; i++) {
    idle.push((await signIn()).ms);
    await sleep(100);
  }
  const session = await signIn();
  const importStart = performance.now();
  let done = false;
  // Through node:http rather than fetch, whose client gives up on an answer after 300 s: the largest import takes
  // longer than that on the embedded database.
  const upload = new Promise((resolve, reject) => {
    const req = request(
      `${BASE}/api/v1/imports?sheet=values&name=bench-values.csv`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv', cookie: session.cookie, 'x-csrf-token': session.csrf },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode, text });
        });
      },
    );
    req.on('error', (error) => {
      done = true;
      reject(error);
    });
    req.end(body);
  });
  const during = [];
  while (!done) {
    await sleep(250);
    if (!done) during.push((await signIn()).ms);
  }
  const result = await upload;
  const importMs = performance.now() - importStart;
  if (result.status !== 200)
    throw new Error(`the import answered ${result.status}: ${result.text.slice(0, 500)}`);
  const ratio = median(during) / median(idle);
  console.log(`import took ${secs(importMs)}; ${during.length} sign-ins during it`);
  console.log(`sign-in, idle server:        median ${secs(median(idle))}, p95 ${secs(p95(idle))}`);
  console.log(
    `sign-in, during the import:  median ${secs(median(during))}, p95 ${secs(p95(during))}, slowest ${secs(Math.max(...during))}`,
  );
  console.log(`ratio of medians: ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×) ${ratio <= GOAL ? 'PASS' : 'FAIL'}`);
  process.exitCode = ratio <= GOAL ? 0 : 1;
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  if (!process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });
}
