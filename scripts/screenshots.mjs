// `npm run screenshots` (after `npm run build`): starts `dxmon serve --demo` on a new data directory and a free
// port, signs in as the demo leader, and writes a PNG of each page of PAGES at 1366×768 and 390×844 into
// screenshots/ (not committed). Add a page by adding a line to PAGES. Chromium: DXMON_CHROMIUM, else
// /usr/bin/chromium.
/* global fetch, setTimeout */
import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
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
/** The demo's secretariat: signs in instead of the leader for the pages that give it as their `login`. */
const SECRETARIAT = { login: 'demo.vanphong', password: 'Tong-hop-bao-cao-2024' };
/** The demo's commune reporter (xã A Mú Sung): signs in for the data entry pages. */
const COMMUNE_REPORTER = { login: 'demo.xa', password: 'Nhap-so-lieu-xa-2024' };
/**
 * The demo's administrator of the province, made the installation's by illustrativeMap: signs in for the indicator
 * catalogue and the administration pages.
 */
const ADMINISTRATOR = { login: 'demo.quantri', password: 'Quan-tri-he-thong-2024' };

/**
 * The pages to picture: a file name, the address, whether the leader (or the page's `login`) is signed in, and what
 * to wait for (a heading's text) before the picture is taken, then what to do on the page first (`then`, e.g. open
 * a trace).
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
    name: 'map',
    path: '/plans/LCI-DX-2024?period=2024S1',
    signedIn: true,
    waitFor: 'Bản đồ theo đơn vị',
    element: '.unit-map',
    then: async (tab) => {
      await tab.getByRole('combobox', { name: 'Chỉ tiêu', exact: true }).click();
      await tab.locator('.ant-select-item-option[title^="Tỷ lệ hồ sơ công việc"]').click();
      await tab.locator('.unit-map svg path').first().waitFor();
    },
  },
  {
    name: 'public',
    path: '/public/plans/LCI-DX-2024',
    signedIn: false,
    waitFor: 'Kết quả thực hiện các chỉ tiêu',
  },
  {
    name: 'trace',
    path: '/plans/LCI-DX-2024',
    signedIn: true,
    waitFor: 'Kết quả thực hiện các chỉ tiêu',
    // The trace is a side panel over the page: pictured as the screen shows it, not the whole page.
    fullPage: false,
    then: async (tab) => {
      await tab.getByRole('button', { name: /^Xem nguồn số liệu: Tỷ lệ hồ sơ công việc/ }).click();
      await tab.getByTestId('trace-values').waitFor();
    },
  },
  {
    name: 'review-inbox',
    // The province's districts: on the illustrative map, four being entered and five not started.
    path: '/plans/LCI-DX-2024/reviews?period=2024S1&level=district',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Duyệt số liệu',
    then: async (tab) => {
      await tab.getByTestId('review-table').waitFor();
    },
  },
  {
    name: 'review-diff',
    path: '/plans/LCI-DX-2024/reviews?period=2024S1',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Duyệt số liệu',
    then: async (tab) => {
      // The commune's submission: its value beside the approved one (none yet), and its history.
      await tab.getByRole('button', { name: 'Xem số liệu và lịch sử: Xã A Mú Sung' }).click();
      await tab.getByTestId('review-changes').waitFor();
    },
  },
  {
    name: 'entry',
    path: '/entry?period=2024Q3',
    signedIn: true,
    login: COMMUNE_REPORTER,
    waitFor: 'Gửi duyệt kỳ này',
  },
  {
    name: 'register-grid',
    path: '/entry/registers?period=2024Q3',
    signedIn: true,
    login: COMMUNE_REPORTER,
    waitFor: 'Lưu tất cả',
  },
  {
    name: 'upload-preview',
    path: '/entry/upload?period=2024Q3',
    signedIn: true,
    login: COMMUNE_REPORTER,
    waitFor: 'Tải mẫu nhập (.xlsx)',
    then: async (tab) => {
      await tab
        .getByTestId('upload-file')
        .setInputFiles(uploadCsv(['DX_OCOP_ON_ECOMMERCE,pre2025:02686,2024Q3,12']));
      await tab.getByTestId('upload-preview').waitFor();
    },
  },
  {
    name: 'upload-errors',
    path: '/entry/upload?period=2024Q3',
    signedIn: true,
    login: COMMUNE_REPORTER,
    waitFor: 'Tải mẫu nhập (.xlsx)',
    then: async (tab) => {
      await tab
        .getByTestId('upload-file')
        .setInputFiles(
          uploadCsv(['DX_OCOP_ON_ECOMMERCE,pre2025:02686,2024Q3,nhiều', 'DX_NO_SUCH,pre2025:02686,2024Q3,3']),
        );
      await tab.getByTestId('upload-errors').waitFor();
    },
  },
  {
    name: 'registers',
    path: '/registers/REG_MOBILE_BB',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'So sánh hai kỳ',
    then: async (tab) => {
      await tab.getByTestId('registers-lacking-table').waitFor();
      await tab.getByTestId('registers-phrase').waitFor();
    },
  },
  {
    name: 'report',
    // The meeting report as the secretariat sees it: the preview beside the sections it writes.
    path: '/plans/LCI-DX-2024/report?period=2024S1',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Các phần do Tổ giúp việc viết',
    then: async (tab) => {
      await tab
        .frameLocator('[data-testid="report-frame"]')
        .getByText('KẾT QUẢ THỰC HIỆN', { exact: false })
        .first()
        .waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'methodology',
    // The DTI 2022 methodology's tree, editable by the secretariat (made the installation's secretariat below).
    path: '/index/dti-province-922-2022',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Cây chỉ số và trọng số',
  },
  {
    name: 'ranking',
    // The leader's province (Lào Cai, illustrative values) ranked among DTI 2022's five best, with its what-if.
    path: '/index/dti-province-922-2022/ranking?year=2023',
    signedIn: true,
    waitFor: 'Bảng xếp hạng',
    then: async (tab) => {
      await tab.getByTestId('what-if').getByRole('listitem').first().waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'tasks',
    // The board of Đề án 06's tasks by status, as the secretariat sees it (with the move pickers).
    path: '/tasks?programme=DA06',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Nhiệm vụ',
    then: async (tab) => {
      await tab.getByTestId('task-board').waitFor();
    },
  },
  {
    name: 'task',
    path: '/tasks/DA06-LCI-2024-05',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Sửa nhiệm vụ',
  },
  {
    name: 'target-grid',
    path: '/plans/LCI-DX-2024/targets',
    signedIn: true,
    login: SECRETARIAT,
    waitFor: 'Lưu các thay đổi',
    then: async (tab) => {
      // Two targets changed, one refused at its cell, and what will be saved listed under the grid.
      await tab.locator('input[data-r="0"][data-c="0"]').fill('65');
      await tab.locator('input[data-r="2"][data-c="0"]').fill('140');
      await tab.locator('input[data-r="3"][data-c="4"]').fill('Giao lại theo kết luận phiên họp');
      await tab.getByTestId('target-preview').waitFor();
    },
  },
  {
    name: 'catalogue',
    path: '/catalogue',
    signedIn: true,
    login: ADMINISTRATOR,
    waitFor: 'Danh mục chỉ tiêu',
    then: async (tab) => {
      await tab.getByTestId('catalogue-indicators').locator('tbody tr.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'validation-rules',
    path: '/catalogue?tab=rules',
    signedIn: true,
    login: ADMINISTRATOR,
    waitFor: 'Danh mục chỉ tiêu',
    // The new rule's form over the list, its left side refused as it is typed: as the screen shows it.
    fullPage: false,
    then: async (tab) => {
      await tab.getByRole('button', { name: 'Thêm quy tắc' }).click();
      const form = tab.getByRole('dialog', { name: 'Thêm quy tắc' });
      await form.getByLabel('Tên (tiếng Việt)').fill('Tỷ lệ hộ có cáp quang không quá 100%');
      await form.getByLabel('Vế trái').fill('#{DX_HOUSEHOLDS_FIBRE} + ');
      await form.getByLabel('Vế phải').fill('100');
      await form.locator('.ant-form-item-explain-error').first().waitFor();
    },
  },
  {
    name: 'users',
    path: '/admin/users',
    signedIn: true,
    login: ADMINISTRATOR,
    waitFor: 'Người dùng và vai trò',
  },
  {
    name: 'tokens',
    path: '/admin/tokens',
    signedIn: true,
    login: ADMINISTRATOR,
    waitFor: 'Mã truy cập API',
  },
  {
    name: 'audit-log',
    path: '/admin/audit',
    signedIn: true,
    login: ADMINISTRATOR,
    waitFor: 'Nhật ký thay đổi',
    then: async (tab) => {
      await tab.getByTestId('audit-entry').first().getByText('Xem dữ liệu trước và sau').click();
    },
  },
];

/** A values sheet as a CSV upload for the upload pages: the header row, then `rows`. */
function uploadCsv(rows) {
  const text = ['indicator_code,unit_code,period,value', ...rows].join('\n');
  return { name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(`${text}\n`) };
}

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

/** Signs in through the API and returns the cookie and CSRF token, for the writes that prepare the pictures. */
async function apiSession(url, login, password) {
  const answer = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (answer.status !== 200) throw new Error(`sign-in as ${login}: ${answer.status}`);
  const { csrfToken } = await answer.json();
  return { cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0], csrfToken };
}

async function apiPost(url, session, path, body) {
  const answer = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
}

/**
 * Publishes the demo plan's first half of 2024, so the public page has figures: the administrator adds a reporter
 * over the province (no demo account reports for it), who submits; the secretariat approves (docs/auth-review.md).
 */
async function publishDemoHalfYear(url) {
  const reporter = { login: 'baocao.tinh', password: 'Bao-cao-cap-tinh-2024' };
  const admin = await apiSession(url, 'demo.quantri', 'Quan-tri-he-thong-2024');
  await apiPost(url, admin, '/api/v1/users', {
    login: reporter.login,
    displayName: 'Báo cáo viên cấp tỉnh',
    password: reporter.password,
    grants: [{ role: 'reporter', unit: 'pre2025:10' }],
  });
  // The commune reports its share of adults using a smartphone and submits it: the review panel's diff.
  const commune = await apiSession(url, 'demo.xa', 'Nhap-so-lieu-xa-2024');
  const smartphones = {
    indicator: 'DX_ADULTS_SMARTPHONE',
    unit: 'pre2025:02686',
    period: '2024S1',
    value: 64.5,
  };
  const saved = await fetch(`${url}/api/v1/values`, {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      cookie: commune.cookie,
      'x-csrf-token': commune.csrfToken,
    },
    body: JSON.stringify(smartphones),
  });
  if (!saved.ok) throw new Error(`the commune's value: ${saved.status} ${await saved.text()}`);
  await apiPost(url, commune, '/api/v1/plans/LCI-DX-2024/reviews/2024S1/submit', {
    units: ['pre2025:02686'],
  });
  const submitter = await apiSession(url, reporter.login, reporter.password);
  await apiPost(url, submitter, '/api/v1/plans/LCI-DX-2024/reviews/2024S1/submit', { units: ['pre2025:10'] });
  const secretariat = await apiSession(url, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
  await apiPost(url, secretariat, '/api/v1/plans/LCI-DX-2024/reviews/2024S1/approve', {
    units: ['pre2025:10'],
  });
}

/** The demo province's districts before the 2025 reform, placed in rows in the illustrative map. */
const DISTRICTS = ['080', '082', '083', '084', '085', '086', '087', '088', '089'];

/** One square per district, in rows of five, for the illustrative map. */
function square(code, i) {
  const [x, y] = [103.5 + (i % 5) * 0.3, 22.6 - Math.floor(i / 5) * 0.3];
  return {
    type: 'Feature',
    id: code,
    properties: { code },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.28, y],
          [x + 0.28, y - 0.28],
          [x, y - 0.28],
          [x, y],
        ],
      ],
    },
  };
}

/**
 * An illustrative map for the map's picture (DX Monitor ships no boundaries): one square per district of the demo
 * province, credited as such, loaded by the demo administrator made installation administrator through the CLI;
 * and the share of work dossiers handled online saved for four districts, so the squares take different bands.
 */
async function illustrativeMap(url) {
  const cli = [
    join(ROOT, 'bin/dxmon.js'),
    '--server',
    url,
    '--data',
    dataDir,
    'users',
    'grant',
    'demo.quantri',
  ];
  const grant = spawnSync(process.execPath, [...cli, '--role', 'admin', '--unit', '/'], { encoding: 'utf8' });
  if (grant.status !== 0) throw new Error(`users grant: ${grant.stderr}`);
  const admin = await apiSession(url, 'demo.quantri', 'Quan-tri-he-thong-2024');
  const put = await fetch(`${url}/api/v1/maps?set=pre2025&name=minh-hoa.geojson`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    body: JSON.stringify({
      type: 'FeatureCollection',
      source: 'Hình vuông minh họa cho ảnh chụp màn hình, không phải ranh giới hành chính thật',
      features: DISTRICTS.map(square),
    }),
  });
  if (!put.ok) throw new Error(`maps: ${put.status} ${await put.text()}`);
  const secretariat = await apiSession(url, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
  const headers = {
    'content-type': 'application/json',
    cookie: secretariat.cookie,
    'x-csrf-token': secretariat.csrfToken,
  };
  for (const [code, value] of [
    ['080', 98],
    ['082', 90],
    ['083', 70],
    ['084', 40],
  ]) {
    const body = { indicator: 'DX_WORK_DOSSIERS_ONLINE', unit: `pre2025:${code}`, period: '2024S1', value };
    const answer = await fetch(`${url}/api/v1/values`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(body),
    });
    if (!answer.ok) throw new Error(`value of ${code}: ${answer.status} ${await answer.text()}`);
  }
}

/**
 * A composite index to picture: the secretariat and the leader made the installation's (methodologies and rankings
 * are the whole installation's), the DTI 2022 template loaded, and the main-index values of 2022 and 2023 for DTI
 * 2022's five best provinces (published figures) and Lào Cai (illustrative values, improving in 2023).
 */
async function compositeIndex(url) {
  for (const [login, role] of [
    ['demo.vanphong', 'secretariat'],
    ['demo.lanhdao', 'viewer'],
  ]) {
    const cli = [join(ROOT, 'bin/dxmon.js'), '--server', url, '--data', dataDir, 'users', 'grant', login];
    const grant = spawnSync(process.execPath, [...cli, '--role', role, '--unit', '/'], { encoding: 'utf8' });
    if (grant.status !== 0) throw new Error(`users grant: ${grant.stderr}`);
  }
  const secretariat = await apiSession(url, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
  await apiPost(url, secretariat, '/api/v1/index/templates/dti-province-922-2022/load', {});
  const indices = ['NTS', 'TCS', 'HTS', 'NLS', 'ATTT', 'HDCQS', 'HDKTS', 'HDXHS'];
  const y2022 = {
    48: [1, 0.9, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197],
    79: [0.8917, 0.9, 0.8258, 0.6267, 0.558, 0.8406, 0.7611, 0.359],
    22: [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.8385, 0.5904, 0.4505],
    46: [0.95, 0.9, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001],
    92: [0.9, 0.8, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947],
    10: [0.85, 0.8, 0.7, 0.6, 0.55, 0.75, 0.6, 0.35],
  };
  const y2023 = { ...y2022, 10: [0.9, 0.9, 0.78, 0.66, 0.6, 0.82, 0.62, 0.4] };
  for (const [period, set] of [
    ['2022', y2022],
    ['2023', y2023],
  ]) {
    const values = Object.entries(set).flatMap(([unit, vs]) =>
      indices.map((index, i) => ({
        indicator: `DTI922_P_${index}`,
        unit: `pre2025:${unit}`,
        period,
        value: vs[i],
      })),
    );
    const answer = await fetch(`${url}/api/v1/values/batch`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: secretariat.cookie,
        'x-csrf-token': secretariat.csrfToken,
      },
      body: JSON.stringify({ values }),
    });
    if (!answer.ok) throw new Error(`index values ${period}: ${answer.status} ${await answer.text()}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'dxmon-screenshots-'));
const server = await startDemo(dataDir);
await illustrativeMap(server.url);
await publishDemoHalfYear(server.url);
await compositeIndex(server.url);
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
        const account = page.login ?? LEADER;
        const res = await context.request.post('/api/v1/session', { data: account });
        if (res.status() !== 200) throw new Error(`sign-in as ${account.login}: ${res.status()}`);
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
      if (page.element) await tab.locator(page.element).screenshot({ path: file });
      else await tab.screenshot({ path: file, fullPage: page.fullPage ?? true });
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
