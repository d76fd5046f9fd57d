// `npm run screenshots` (after `npm run build`): starts `dxmon serve --demo` on a new data directory and a free
// port, signs in as the demo leader, and writes a PNG of each page of PAGES at 1366×768 and 390×844 into
// screenshots/ (not committed). Add a page by adding a line to PAGES. Chromium: DXMON_CHROMIUM, else
// /usr/bin/chromium.
/* global fetch, setTimeout */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'screenshots');
const CHROMIUM = process.env.DXMON_CHROMIUM || '/usr/bin/chromium';
const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];
/** The leader of the demo (src/app/users/demo-accounts.ts): signs in for every page with `signedIn`. */
const LEADER = { login: 'demo.lanhdao', password: 'Xem-so-lieu-2024' };

/**
 * The pages to picture: a file name, the address, whether the leader is signed in, and what to wait for (a
 * heading's text) before the picture is taken, then what to do on the page first (`then`, e.g. open a trace).
 */
const PAGES = [
  { name: 'sign-in', path: '/sign-in', signedIn: false, waitFor: 'Tài khoản mẫu' },
  { name: 'plans', path: '/plans', signedIn: true, waitFor: 'Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024' },
  {
    name: 'dashboard',
    path: '/plans/LCI-DX-2024',
    signedIn: true,
    waitFor: 'Kết quả thực hiện các chỉ tiêu',
  },
  {
    name: 'trace',
    path: '/plans/LCI-DX-2024',
    signedIn: true,
    waitFor: 'Kết quả thực hiện các chỉ tiêu',
    then: async (tab) => {
      await tab.getByRole('button', { name: /^Xem nguồn số liệu: Tỷ lệ hồ sơ công việc/ }).click();
      await tab.getByTestId('trace-values').waitFor();
    },
  },
];

for (const file of ['dist/cli/main.js', 'dist/web/index.html']) {
  if (!existsSync(join(ROOT, file))) {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(
    `Chromium is not installed at ${CHROMIUM} (apt-get install chromium, or set DXMON_CHROMIUM).`,
  );
  process.exit(2);
}

/** Starts the demo server and resolves with its address once its workspace is ready. */
async function startDemo(dataDir) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/dxmon.js'), '--data', dataDir, 'serve', '--demo', '--port', '0'],
    {
      env: { ...process.env, DATABASE_URL: '', HOST: '', PORT: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk.toString('utf8');
      const match = /(http:\/\/[\w.:-]+)/.exec(stderr);
      if (match) resolve(match[1]);
    });
    child.on('close', (code) => reject(new Error(`dxmon serve exited with ${code}: ${stderr}`)));
  });
  for (const deadline = Date.now() + 300_000; ;) {
    const health = await (await fetch(`${url}/api/v1/health`)).json();
    if (health.status === 'ok') break;
    if (health.status === 'failed' || Date.now() > deadline) throw new Error(`not ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { child, url };
}

const dataDir = mkdtempSync(join(tmpdir(), 'dxmon-screenshots-'));
const server = await startDemo(dataDir);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false });
try {
  mkdirSync(OUT, { recursive: true });
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: viewport.width, height: viewport.height },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    for (const page of PAGES) {
      if (page.signedIn) {
        const res = await context.request.post('/api/v1/session', { data: LEADER });
        if (res.status() !== 200) throw new Error(`sign-in as ${LEADER.login}: ${res.status()}`);
      } else {
        await context.clearCookies();
      }
      const tab = await context.newPage();
      await tab.goto(page.path);
      await tab.getByText(page.waitFor, { exact: true }).first().waitFor({ timeout: 30_000 });
      if (page.then) await page.then(tab);
      // Charts draw with a short animation: let it end before the picture.
      await tab.waitForTimeout(1500);
      const file = join(OUT, `${page.name}-${viewport.width}x${viewport.height}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      console.log(file);
      await tab.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('close', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
