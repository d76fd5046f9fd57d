import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { BAND_COLOURS } from '../../web/src/dashboard/band-colours.js';
import { runCli } from '../support/run-cli.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

// The map panel and the unit boundaries page (docs/web.md, docs/maps.md): the installation's administrator loads
// district squares of the demo province through the page, the preview draws them coloured by band and by value,
// with the legend, the tooltip, the credit, the units not on the map and the figures as a table; before the load,
// the panel ranks the units and says how to load boundaries. Others are refused the page.

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const INDICATOR = 'DX_ADULTS_SMARTPHONE';
const INDICATOR_NAME = 'Tỷ lệ người dân trưởng thành sử dụng điện thoại thông minh';
/** District values of the indicator in 2024S1 against the province's 85 %: one unit per band with a boundary. */
const DISTRICT_VALUES = { '080': 90, '082': 72, '083': 30 } as const;
const DISTRICT_NAMES = { '080': 'Thành phố Lào Cai', '082': 'Huyện Bát Xát', '083': 'Huyện Mường Khương' };

/** A square of 0.1° at the given column, so the squares lie left to right in code order. */
function square(code: string, column: number, properties: Record<string, unknown> = {}) {
  const x = 103.8 + column * 0.2;
  return {
    type: 'Feature',
    id: code,
    properties,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 22.3],
          [x + 0.1, 22.3],
          [x + 0.1, 22.4],
          [x, 22.4],
          [x, 22.3],
        ],
      ],
    },
  };
}

const GOOD_FILE = {
  type: 'FeatureCollection',
  source: 'Ranh giới thử nghiệm',
  features: [square('080', 0), square('082', 1), square('083', 2), square('084', 3), square('ZZ9', 4)],
};

/** The second feature's first ring has a longitude of 200: the file is refused, naming that feature. */
const BAD_FILE = {
  type: 'FeatureCollection',
  features: [
    square('080', 0),
    {
      ...square('082', 1),
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [200, 22.3],
            [103.9, 22.3],
            [103.9, 22.4],
            [200, 22.3],
          ],
        ],
      },
    },
  ],
};

function jsonFile(name: string, content: unknown) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) };
}

/** Signs in through the API in the context (its cookie) and returns the session's CSRF token. */
async function apiSignIn(context: BrowserContext, login: string, password: string): Promise<string> {
  const res = await context.request.post('/api/v1/session', { data: { login, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** How light a `#rrggbb` colour is (0 black, 1 white), by the sRGB weights of its channels. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return (0.2126 * ((n >> 16) & 0xff) + 0.7152 * ((n >> 8) & 0xff) + 0.0722 * (n & 0xff)) / 255;
}

/** The fills of the map's regions, left to right. */
async function regionFills(page: Page): Promise<string[]> {
  const paths = page.locator('.unit-map-chart svg path');
  const regions: { x: number; fill: string }[] = [];
  for (let i = 0; i < (await paths.count()); i++) {
    const path = paths.nth(i);
    const box = await path.boundingBox();
    const fill = await path.getAttribute('fill');
    if (box && fill && fill !== 'none') regions.push({ x: box.x, fill: fill.toLowerCase() });
  }
  return regions.sort((a, b) => a.x - b.x).map((r) => r.fill);
}

describeWeb('the map panel and the unit boundaries page', (web) => {
  it('refuses the boundaries page to a viewer and to a province administrator, without a header link', async () => {
    for (const [login, password] of [
      ['demo.lanhdao', 'Xem-so-lieu-2024'],
      ['demo.quantri', 'Quan-tri-he-thong-2024'],
    ] as const) {
      const context = await web().newContext();
      const page = await context.newPage();
      await page.goto('/admin/maps');
      await signIn(page, login, password);
      await page.getByRole('heading', { level: 1, name: 'Bản đồ ranh giới đơn vị' }).waitFor();
      await page.getByText('Chỉ quản trị viên toàn hệ thống mới nạp được ranh giới đơn vị.').waitFor();
      expect(await page.getByLabel(/^Tệp ranh giới/).count()).toBe(0);
      expect(await page.getByRole('banner').getByRole('link', { name: 'Bản đồ' }).count()).toBe(0);
      if (login === 'demo.lanhdao') await expectNoSeriousAxeViolations(page, 'the refused boundaries page');
      await context.close();
    }
  });

  it('ranks the units without boundaries, refuses a bad file naming its feature, loads a good one and draws it', async () => {
    // The demo's administrator administers the province; loading boundaries is the installation's (docs/maps.md),
    // so the operator grants it with the command line through the running server.
    const grant = await runCli([
      '--server',
      web().url,
      '--data',
      web().dataDir,
      'users',
      'grant',
      'demo.quantri',
      '--role',
      'admin',
      '--unit',
      '/',
    ]);
    expect(grant.code, grant.stderr).toBe(0);

    const context = await web().newContext();
    const csrf = await apiSignIn(context, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
    for (const [code, value] of Object.entries(DISTRICT_VALUES)) {
      const res = await context.request.put('/api/v1/values', {
        headers: { 'x-csrf-token': csrf },
        data: { indicator: INDICATOR, unit: `pre2025:${code}`, period: '2024S1', value },
      });
      expect(res.status(), await res.text()).toBe(200);
    }
    await context.clearCookies();

    const page = await context.newPage();
    await page.goto('/');
    await signIn(page, 'demo.quantri', 'Quan-tri-he-thong-2024');
    // Signed in, the app lands on the plan's dashboard; the header links the boundaries page from there.
    await page.waitForURL((url) => url.pathname.startsWith('/plans/'));
    await page.getByRole('banner').getByRole('link', { name: 'Bản đồ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bản đồ ranh giới đơn vị' }).waitFor();
    await page.getByText('Chưa nạp ranh giới nào.').waitFor();

    // The preview before any load: how to load boundaries, and the units ranked for the chosen indicator.
    const panel = page.locator('section.unit-map');
    await panel.getByText('dxmon maps load FILE --set pre2025').waitFor();
    // The picker filters the plan's indicators as one types; Enter takes the first left.
    await page.getByLabel('Chỉ tiêu', { exact: true }).fill('điện thoại thông minh');
    await page.locator('.ant-select-item-option', { hasText: INDICATOR_NAME }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    const ranked = panel.getByRole('table', { name: /^Xếp hạng các đơn vị/ });
    await poll(() => ranked.getByRole('row').nth(1).textContent()).toContain(DISTRICT_NAMES['080']);
    const first = await ranked.getByRole('row').nth(1).textContent();
    expect(first).toContain('105,9%');
    expect(first).toContain('Hoàn thành và vượt kế hoạch');
    await poll(() => ranked.getByRole('row').nth(3).textContent()).toContain(DISTRICT_NAMES['083']);
    expect(await panel.locator('.unit-map-chart').count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the boundaries page with the ranked list');

    // A bad file: refused, each error naming its feature and field.
    await page.getByText('Trước 2025 (pre2025)').click();
    await page.getByLabel(/^Tệp ranh giới/).setInputFiles(jsonFile('hong.geojson', BAD_FILE));
    await page.getByRole('button', { name: 'Nạp tệp' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Tệp bị từ chối' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(
      'Đối tượng thứ 2 (features[1].geometry.coordinates[0][0][0])',
    );
    expect(await refusal.textContent()).toContain('kinh độ phải là số từ -180 đến 180, nhận được 200');

    // A good file: the report, the status, and the preview drawn over the squares.
    await page.getByLabel(/^Tệp ranh giới/).setInputFiles(jsonFile('huyen-lao-cai.geojson', GOOD_FILE));
    await page.getByRole('button', { name: 'Nạp tệp' }).click();
    const report = page.getByRole('status').filter({ hasText: 'Đã nạp «huyen-lao-cai.geojson».' });
    await report.waitFor();
    const reportText = await report.textContent();
    expect(reportText).toContain('Ranh giới thử nghiệm');
    expect(reportText).toMatch(/Khớp mã đơn vị\s*4/);
    expect(reportText).toMatch(/Ranh giới mới hoặc thay đổi\s*4/);
    expect(reportText).toContain('ZZ9');
    await poll(() => page.getByRole('table').first().textContent()).toContain('cấp huyện');

    const chart = panel.locator('.unit-map-chart');
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(INDICATOR_NAME);
    await poll(() => regionFills(page)).toEqual([
      BAND_COLOURS.exceeded,
      BAND_COLOURS.over80,
      BAND_COLOURS.under50,
      BAND_COLOURS.noData,
    ]);
    const legend = panel.locator('.unit-map-legend');
    for (const name of [
      'Hoàn thành và vượt kế hoạch',
      'Đạt trên 80%',
      'Đạt 50% - 80%',
      'Dưới 50%',
      'Chưa có số liệu',
    ])
      expect(await legend.textContent()).toContain(name);
    await panel.getByText('Nguồn ranh giới: Ranh giới thử nghiệm').waitFor();
    const missing = panel.locator('.unit-map-missing');
    expect(await missing.textContent()).toContain('Huyện Bắc Hà');
    expect(await missing.textContent()).not.toContain(DISTRICT_NAMES['080']);
    // Agencies have no boundary to draw: they are in the table, not in the list of units lacking one.
    expect(await missing.textContent()).not.toContain('Sở Thông tin và Truyền thông');

    // The tooltip of the leftmost square (Thành phố Lào Cai) gives its figures.
    const paths = chart.locator('svg path');
    let leftmost = 0;
    let leftX = Infinity;
    for (let i = 0; i < (await paths.count()); i++) {
      const box = await paths.nth(i).boundingBox();
      if (box && box.x < leftX) [leftmost, leftX] = [i, box.x];
    }
    await paths.nth(leftmost).hover();
    await poll(() => chart.textContent()).toContain('Thực hiện: 90');
    const tooltip = (await chart.textContent()) ?? '';
    expect(tooltip).toContain(DISTRICT_NAMES['080']);
    expect(tooltip).toContain('Mục tiêu: 85');
    expect(tooltip).toContain('Tỷ lệ đạt: 105,9%');
    expect(tooltip).toContain('Mức độ: Hoàn thành và vượt kế hoạch');

    // The same figures as a table, behind a disclosure reachable by keyboard.
    const summary = panel.getByText('Bảng số liệu của bản đồ');
    await summary.focus();
    await page.keyboard.press('Enter');
    await poll(() => panel.locator('.unit-map-table table').isVisible()).toBe(true);
    expect(await panel.locator('.unit-map-table table').textContent()).toContain('Huyện Mường Khương');

    // By value: one continuous scale, the higher the value (90, 72, 30 left to right) the darker; no value (Si Ma
    // Cai) in the "no data" colour; the legend gives the scale's ends.
    await panel.getByText('Giá trị', { exact: true }).click();
    await poll(async () => (await regionFills(page)).map(luminance)).toSatisfy(
      (l: number[]) => l.length === 4 && l[0]! < l[1]! && l[1]! < l[2]!,
    );
    const byValue = await regionFills(page);
    expect(byValue[3]).toBe(BAND_COLOURS.noData);
    for (const fill of byValue.slice(0, 3)) expect(Object.values(BAND_COLOURS)).not.toContain(fill);
    await poll(() => legend.textContent()).toContain('Từ 30 đến 90');
    await expectNoSeriousAxeViolations(page, 'the boundaries page with the map');
    await context.close();
  });

  it('puts the review inbox’s districts on the map, each in its state’s colour, with a legend', async () => {
    // After the load above: 080, 082 and 083 have values for 2024S1 (being entered), 084 none (not started).
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto(
      `/sign-in?next=${encodeURIComponent('/plans/LCI-DX-2024/reviews?period=2024S1&level=district')}`,
    );
    await signIn(page, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
    const map = page.getByTestId('review-map');
    await map.locator('.unit-map-chart svg path').first().waitFor();
    // The states' colours of the inbox's table (web/src/review/review-state.ts): draft, not started.
    const [draft, notStarted] = ['#ad4e00', '#595959'];
    await poll(() => regionFills(page)).toEqual([draft, draft, draft, notStarted]);
    expect(await map.locator('.unit-map-chart').getAttribute('aria-label')).toMatch(
      /^Bản đồ trạng thái gửi, duyệt của các đơn vị: .*\d+ chưa bắt đầu.*; \d+ đang nhập/,
    );
    expect(await map.locator('.unit-map-legend').textContent()).toContain('Đã phê duyệt');
    await map.locator('.unit-map-chart svg path').first().hover();
    await poll(() => map.locator('.unit-map-chart').textContent()).toContain('Thành phố Lào Cai');
    expect(await map.locator('.unit-map-chart').textContent()).toContain('Đang nhập');
    await expectNoSeriousAxeViolations(page, 'the review inbox with its map');
    await context.close();
  });

  it('draws the map on the plan’s dashboard and redraws it when a value is saved', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/plans/LCI-DX-2024?period=2024S1');
    await signIn(page, 'demo.lanhdao', 'Xem-so-lieu-2024');
    const panel = page.locator('section.unit-map');
    await panel.getByLabel('Chỉ tiêu', { exact: true }).fill('điện thoại thông minh');
    await page.locator('.ant-select-item-option', { hasText: INDICATOR_NAME }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await poll(() => regionFills(page)).toEqual([
      BAND_COLOURS.exceeded,
      BAND_COLOURS.over80,
      BAND_COLOURS.under50,
      BAND_COLOURS.noData,
    ]);
    await expectNoSeriousAxeViolations(page, 'the dashboard with the map');

    // Si Ma Cai's value saved elsewhere: the dashboard's live update redraws the map (its queries are live ones).
    const writer = await web().newContext();
    const csrf = await apiSignIn(writer, 'demo.vanphong', 'Tong-hop-bao-cao-2024');
    const res = await writer.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrf },
      data: { indicator: INDICATOR, unit: 'pre2025:084', period: '2024S1', value: 50 },
    });
    expect(res.status(), await res.text()).toBe(200);
    await poll(() => regionFills(page)).toEqual([
      BAND_COLOURS.exceeded,
      BAND_COLOURS.over80,
      BAND_COLOURS.under50,
      BAND_COLOURS.from50to80,
    ]);
    await writer.close();

    // In English: the legend and the tooltip in the reader's language and numbers.
    await page.locator('label', { hasText: 'English' }).click();
    const legend = panel.locator('.unit-map-legend');
    await poll(() => legend.textContent()).toContain('Met or exceeded the target');
    expect(await legend.textContent()).toContain('No data yet');
    const paths = panel.locator('.unit-map-chart svg path');
    await paths.nth((await paths.count()) - 1).hover();
    await poll(() => panel.locator('.unit-map-chart').textContent()).toMatch(/Achieved: \d+(\.\d)?%/);

    // A department has no units below it: the panel says so, without a map or an error.
    await page.goto('/plans/LCI-DX-2024?period=2024S1&unit=LCI-STTTT');
    await panel.getByText('This unit has no units below it to compare.').waitFor();
    expect(await panel.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('fits the boundaries page and its map on a phone without sideways scrolling', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto('/admin/maps');
    await signIn(page, 'demo.quantri', 'Quan-tri-he-thong-2024');
    await page.locator('.unit-map-chart svg path').first().waitFor();
    // Written as text: this Node file has no DOM types.
    const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    expect(await page.evaluate(overflow)).toBe(0);
    const chart = await page.locator('.unit-map-chart').boundingBox();
    expect(chart && chart.x >= 0 && chart.x + chart.width <= 390).toBe(true);
    await expectNoSeriousAxeViolations(page, 'the boundaries page at 390 px');
    await context.close();
  });
});
