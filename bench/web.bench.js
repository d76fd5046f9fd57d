// The web app's first page (issue 15): the JavaScript that dist/web/index.html loads before anything is shown —
// its module script and the modules it preloads, gzipped — against the goal of ≤ 300 kB. Chunks loaded later (each
// page of the routes table, and the charts and map of later pages) are listed apart and do not count.
// `npm run build` first (it runs `vite build`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEB = fileURLToPath(new URL('../dist/web/', import.meta.url));
const GOAL_KB = 300;

if (!existsSync(`${WEB}index.html`)) {
  console.error('dist/web/index.html is missing: run `npm run build` first.');
  process.exit(2);
}
const html = readFileSync(`${WEB}index.html`, 'utf8');
// What index.html loads at once: <script type="module" src> and <link rel="modulepreload" href>.
const first = new Set(
  [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]),
);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const gzipped = (path) => gzipSync(readFileSync(`${WEB}${path}`), { level: 9 }).length;

let firstTotal = 0;
let firstRaw = 0;
console.log('first page (index.html):');
for (const path of [...first].sort()) {
  const size = gzipped(path);
  firstTotal += size;
  firstRaw += readFileSync(`${WEB}${path}`).length;
  console.log(`  ${path}: ${kb(size)} gzipped`);
}
const later = readdirSync(`${WEB}assets`)
  .map((f) => `assets/${f}`)
  .filter((p) => p.endsWith('.js') && !first.has(p));
const laterTotal = later.reduce((sum, p) => sum + gzipped(p), 0);
console.log(`loaded later (${later.length} chunks, pages of the routes table): ${kb(laterTotal)} gzipped`);
const met = firstTotal <= GOAL_KB * 1024;
console.log(
  `first page's JavaScript: ${kb(firstTotal)} gzipped (${kb(firstRaw)} raw, ${first.size} files) — goal ≤ ${GOAL_KB} kB: ${met ? 'PASS' : 'FAIL'}`,
);
process.exit(met ? 0 : 1);
