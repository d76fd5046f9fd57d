import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const PLAN = 'LCI-DX-2024';
const PLAN_NAME = 'Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024';
const PROVINCE = 'pre2025:10';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

/** A reporter over the province, added by the administrator: the one who submits the province's figures. */
const PROVINCE_REPORTER = { login: 'baocao.tinh', password: 'Bao-cao-cap-tinh-2024' };

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs a context in through the API and returns the session's CSRF token, for writes. */
async function apiSignIn(context: BrowserContext, login: string, secret: string): Promise<string> {
  const answer = await context.request.post('/api/v1/session', { data: { login, password: secret } });
  expect(answer.status(), `sign-in of ${login}`).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

/** A write through the API as the context's session; fails the test unless it succeeds. */
async function apiWrite(context: BrowserContext, csrf: string, path: string, data: unknown): Promise<void> {
  const answer = await context.request.post(path, { data, headers: { 'x-csrf-token': csrf } });
  expect(answer.ok(), `${path}: ${await answer.text()}`).toBe(true);
}

/**
 * The review workflow that publishes the demo plan's 2024S1 (docs/auth-review.md): only a reporter submits, and
 * no demo account reports for the province, so the administrator adds one; the province's reporter submits its
 * review, and the secretariat approves it.
 */
async function approveProvince2024S1(
  web: () => { newContext: () => Promise<BrowserContext> },
): Promise<void> {
  const admin = await web().newContext();
  await apiWrite(admin, await apiSignIn(admin, 'demo.quantri', password('demo.quantri')), '/api/v1/users', {
    login: PROVINCE_REPORTER.login,
    displayName: 'Báo cáo viên cấp tỉnh',
    password: PROVINCE_REPORTER.password,
    grants: [{ role: 'reporter', unit: PROVINCE }],
  });
  await admin.close();
  const reporter = await web().newContext();
  const reporterCsrf = await apiSignIn(reporter, PROVINCE_REPORTER.login, PROVINCE_REPORTER.password);
  await apiWrite(reporter, reporterCsrf, `/api/v1/plans/${PLAN}/reviews/2024S1/submit`, {
    units: [PROVINCE],
  });
  await reporter.close();
  const secretariat = await web().newContext();
  const secretariatCsrf = await apiSignIn(secretariat, 'demo.vanphong', password('demo.vanphong'));
  await apiWrite(secretariat, secretariatCsrf, `/api/v1/plans/${PLAN}/reviews/2024S1/approve`, {
    units: [PROVINCE],
  });
  await secretariat.close();
}

/** Every API request a page makes and the status it got, to show a visitor's pages call only public routes. */
function recordApi(page: Page): { path: string; status: number }[] {
  const seen: { path: string; status: number }[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) seen.push({ path: url.pathname, status: response.status() });
  });
  return seen;
}

/** Fetches a link of the page from inside the page (its origin, its cookies): status, content type, body. */
async function fetchFromPage(
  page: Page,
  href: string,
): Promise<{ status: number; type: string; body: string }> {
  return (await page.evaluate(
    `fetch(${JSON.stringify(href)}).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() }))`,
  )) as { status: number; type: string; body: string };
}

describeWeb('the web app: the public page', (web) => {
  it('says so before any approval: no plan on /public, the plan’s public dashboard refused, a sign-in link', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    const api = recordApi(page);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Số liệu công khai (không cần đăng nhập)' }).click();
    await page.waitForURL((url) => url.pathname === '/public');
    await page.getByRole('heading', { level: 1, name: 'Số liệu công khai' }).waitFor();
    await page.getByText('Chưa có kế hoạch nào có số liệu được phê duyệt để công bố.').waitFor();
    expect(await page.title()).toBe('Số liệu công khai — DX Monitor');
    await expectNoSeriousAxeViolations(page, 'the public page, empty');

    await page.goto(`/public/plans/${PLAN}`);
    await page
      .getByText(`Kế hoạch «${PLAN}» chưa có số liệu được phê duyệt công bố`, { exact: false })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/public/plans/${PLAN}`);
    await page.getByRole('link', { name: 'Tất cả kế hoạch có số liệu công khai' }).click();
    await page.waitForURL((url) => url.pathname === '/public');

    // The header offers signing in to a visitor, light on the dark header even under the pointer.
    const signInLink = page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' });
    await signInLink.hover();
    const colour = `getComputedStyle(document.querySelector('.shell-sign-in')).color`;
    await poll(() => page.evaluate(colour)).toBe('rgb(255, 255, 255)');
    await signInLink.click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Đăng nhập' }).count()).toBe(0);
    // Only public routes were asked: the open data, and the sign-in page's demo accounts.
    expect(api.filter((r) => r.status === 401)).toEqual([]);
    expect(
      api.filter((r) => !r.path.startsWith('/api/v1/public/') && r.path !== '/api/v1/session/demo-accounts'),
    ).toEqual([]);
    await context.close();
  });

  it('publishes the plan once the province’s 2024S1 is approved: the list, the bands in words, the downloads, no trace', async () => {
    await approveProvince2024S1(web);
    const context = await web().newContext();
    const page = await context.newPage();
    const api = recordApi(page);
    await page.goto('/public');
    const list = page.getByRole('list', { name: 'Các kế hoạch có số liệu công khai' });
    await list.getByRole('link', { name: PLAN_NAME }).waitFor();
    expect(await list.textContent()).toContain('Tỉnh Lào Cai');
    expect(await list.textContent()).toContain('Kỳ đã phê duyệt: 6 tháng đầu năm 2024');
    await expectNoSeriousAxeViolations(page, 'the public page');

    await list.getByRole('link', { name: PLAN_NAME }).click();
    await page.waitForURL((url) => url.pathname === `/public/plans/${PLAN}`);
    await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
    expect(await page.getByText('Tỉnh Lào Cai · 6 tháng đầu năm 2024').count()).toBe(1);
    // The approved figures are the demo's 2024S1 figures: 8 / 11 / 4 / 1 of 24, in the committee's words.
    const lines = page.getByTestId('band-lines');
    await poll(() => lines.textContent()).toContain('8 chỉ tiêu hoàn thành và vượt kế hoạch giao');
    const text = (await lines.textContent()) ?? '';
    expect(text).toContain('11 chỉ tiêu đạt trên 80% kế hoạch giao');
    expect(text).toContain('4 chỉ tiêu đạt 50% - 80% kế hoạch giao');
    expect(text).toContain('1 chỉ tiêu dưới 50% kế hoạch giao');
    expect(await page.getByTestId('band-share').textContent()).toBe('8/24, đạt 33,3%');
    expect(await page.getByText('Tổng số 24 chỉ tiêu được đánh giá.').count()).toBe(1);
    expect(await page.getByTestId('open-data-note').textContent()).toContain(
      'chỉ gồm số liệu đã được phê duyệt',
    );
    await page.getByRole('heading', { name: 'Chỉ tiêu chậm tiến độ' }).waitFor();
    await page.getByRole('heading', { name: 'Xếp hạng chỉ số' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'the public dashboard');

    // The period picker offers the approved periods only.
    await page.getByRole('combobox', { name: 'Kỳ đã phê duyệt', exact: true }).click();
    const options = page.locator('.ant-select-item-option');
    await poll(() => options.evaluateAll((all) => all.map((o) => o.getAttribute('title')))).toEqual([
      '6 tháng đầu năm 2024',
    ]);
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });

    // No trace anywhere: no figure opens one, the table has no source column, no task or register panel.
    expect(await page.getByRole('button', { name: /^Xem nguồn/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: 'Nguồn' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Nhiệm vụ quá hạn' }).count()).toBe(0);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The downloads: real links, named by format and period, that answer 200 with the right type.
    const csv = page.getByRole('link', { name: 'Tải về số liệu 6 tháng đầu năm 2024 (CSV)' });
    const json = page.getByRole('link', { name: 'Tải về số liệu 6 tháng đầu năm 2024 (JSON)' });
    expect(await csv.getAttribute('download')).toBe(`${PLAN}-2024S1.csv`);
    expect(await json.getAttribute('download')).toBe(`${PLAN}-2024S1.json`);
    const csvAnswer = await fetchFromPage(page, (await csv.getAttribute('href')) ?? '');
    expect(csvAnswer.status).toBe(200);
    expect(csvAnswer.type).toBe('text/csv; charset=utf-8');
    expect(csvAnswer.body).toContain('indicator,indicatorName,unit,unitName,period,value');
    expect(csvAnswer.body).toContain('2024S1');
    const jsonAnswer = await fetchFromPage(page, (await json.getAttribute('href')) ?? '');
    expect(jsonAnswer.status).toBe(200);
    expect(jsonAnswer.type).toBe('application/json; charset=utf-8');
    const values = (JSON.parse(jsonAnswer.body) as { values: { period: string }[] }).values;
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values.map((v) => v.period))).toEqual(new Set(['2024S1']));

    // English: the committee's phrases, the period and the links in English.
    await page.locator('label', { hasText: 'English' }).click();
    await poll(() => lines.textContent()).toContain('8 targets met or exceeded the planned target');
    expect(await page.getByText('Tỉnh Lào Cai · First half of 2024').count()).toBe(1);
    await page.getByRole('link', { name: 'Download the figures (CSV) — First half of 2024' }).waitFor();
    expect(await page.getByTestId('open-data-note').textContent()).toContain('approved figures only');
    expect(await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await page.title()).toBe('A plan’s open data — DX Monitor');

    // A visitor's pages asked public routes only, and nothing answered 401.
    expect(api.length).toBeGreaterThan(0);
    expect(api.filter((r) => r.status === 401)).toEqual([]);
    expect(api.filter((r) => !r.path.startsWith('/api/v1/public/'))).toEqual([]);
    await context.close();
  });

  it('fits a phone (390×844) without sideways scrolling, on the list and on the dashboard', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto('/public');
    await page.getByRole('link', { name: PLAN_NAME }).click();
    await page.getByTestId('band-lines').waitFor();
    await page.getByTestId('targets-table').waitFor();
    expect(await page.evaluate(OVERFLOW), 'the public dashboard at 390').toBe(0);
    await page.goto('/public');
    await page.getByRole('link', { name: PLAN_NAME }).waitFor();
    expect(await page.evaluate(OVERFLOW), 'the public page at 390').toBe(0);
    await context.close();
  });

  it('keeps a signed-in user’s name in the header of the public pages, and stays there when the session ends', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signIn(page, 'demo.lanhdao', password('demo.lanhdao'));
    await page.goto(`/public/plans/${PLAN}?period=2024S1`);
    await page.getByTestId('band-lines').waitFor();
    const header = page.getByRole('banner');
    await poll(() => header.textContent()).toContain('Đã đăng nhập:');
    expect(await header.getByRole('link', { name: 'Đăng nhập' }).count()).toBe(0);
    // The session ends elsewhere (revoked through the API with the page's own cookie): on a public page its 401
    // does not send the reader to sign in; the figures stay and the header offers signing in again.
    const session = await context.request.get('/api/v1/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const ended = await context.request.delete('/api/v1/session', { headers: { 'x-csrf-token': csrfToken } });
    expect(ended.status()).toBe(204);
    await page.reload();
    await page.getByTestId('band-lines').waitFor();
    await header.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/public/plans/${PLAN}`);
    await context.close();
  });
});
