import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const PLAN = 'LCI-DX-2024';
const INBOX = `/plans/${PLAN}/reviews?period=2024S1`;
const COMMUNE = 'Xã A Mú Sung';
const DEPARTMENT = 'Sở Thông tin và Truyền thông tỉnh Lào Cai';
const SMARTPHONES = 'Tỷ lệ người dân trưởng thành sử dụng điện thoại thông minh';
const REASON = 'Thiếu minh chứng số liệu quý II';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** A context signed in through the API as a demo account, and its CSRF token for writes. */
async function apiAs(context: BrowserContext, login: string): Promise<string> {
  const answer = await context.request.post('/api/v1/session', {
    data: { login, password: password(login) },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

/** Saves a value through the API (the version read first) and answers the status. */
async function save(
  context: BrowserContext,
  csrf: string,
  value: { indicator: string; unit: string; period: string; value: number },
): Promise<number> {
  const query = new URLSearchParams({ indicator: value.indicator, unit: value.unit, period: value.period });
  const one = await context.request.get(`/api/v1/values/one?${query.toString()}`);
  const version = one.status() === 200 ? ((await one.json()) as { version: number }).version : null;
  const saved = await context.request.put('/api/v1/values', {
    headers: { 'x-csrf-token': csrf },
    data: { ...value, version },
  });
  return saved.status();
}

/** Sends a review event through the API and answers the status. */
async function review(
  context: BrowserContext,
  csrf: string,
  event: string,
  body: Record<string, unknown>,
): Promise<number> {
  const answer = await context.request.post(`/api/v1/plans/${PLAN}/reviews/2024S1/${event}`, {
    headers: { 'x-csrf-token': csrf },
    data: body,
  });
  return answer.status();
}

/** Signs in through the page and opens the inbox. */
async function openInbox(context: BrowserContext, login: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/sign-in?next=${encodeURIComponent(INBOX)}`);
  await signIn(page, login, password(login));
  await page.getByRole('heading', { level: 1, name: 'Duyệt số liệu' }).waitFor();
  await page.getByTestId('review-table').waitFor();
  return page;
}

const row = (page: Page, unit: string) => page.getByRole('row').filter({ hasText: unit });

/** Opens a unit's side panel from its row. */
async function openUnit(page: Page, unit: string) {
  await page.getByRole('button', { name: `Xem số liệu và lịch sử: ${unit}` }).click();
  const drawer = page.getByRole('dialog', { name: `Duyệt số liệu: ${unit}` });
  await drawer.getByTestId('review-summary').waitFor();
  return drawer;
}

/** Confirms the open confirmation, with a reason when given. */
async function confirm(page: Page, reason?: string): Promise<void> {
  const modal = page.locator('.ant-modal');
  if (reason !== undefined) await modal.getByLabel('Lý do').fill(reason);
  await modal.getByRole('button', { name: 'Xác nhận' }).click();
  await modal.waitFor({ state: 'hidden' });
}

describeWeb('the web app: the review inbox', (web) => {
  let xa: BrowserContext;
  let xaCsrf: string;

  it('sets up through the API: a commune and a department save a value and submit', async () => {
    xa = await web().newContext();
    xaCsrf = await apiAs(xa, 'demo.xa');
    const smartphones = { indicator: 'DX_ADULTS_SMARTPHONE', unit: 'pre2025:02686', period: '2024Q2' };
    expect(await save(xa, xaCsrf, { ...smartphones, value: 64.5 })).toBe(200);
    expect(await review(xa, xaCsrf, 'submit', { units: ['pre2025:02686'] })).toBe(200);
    const so = await web().newContext();
    const soCsrf = await apiAs(so, 'demo.so');
    const reports = { indicator: 'DX_REPORTS_ONLINE', unit: 'LCI-STTTT', period: '2024Q2', value: 88 };
    expect(await save(so, soCsrf, reports)).toBe(200);
    expect(await review(so, soCsrf, 'submit', { units: ['LCI-STTTT'] })).toBe(200);
    await so.close();
  });

  it('the secretariat finds the inbox from the dashboard, sees the submissions, the diff, and returns one with a reason', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signIn(page, 'demo.vanphong', password('demo.vanphong'));
    await page.locator('.dashboard-links').getByRole('link', { name: 'Duyệt số liệu' }).click();
    await page.waitForURL((url) => url.pathname === `/plans/${PLAN}/reviews`);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2024S1');
    await page.getByTestId('review-table').waitFor();
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã gửi duyệt');
    expect(await row(page, COMMUNE).getByTestId('changed-count').textContent()).toBe('1');
    expect(await row(page, DEPARTMENT).textContent()).toContain('Đã gửi duyệt');
    // The filter by state: only the two submitted units.
    await page.getByText('Đã gửi duyệt (2)').click();
    await poll(() => page.getByTestId('review-table').locator('tbody tr').count()).toBe(2);
    await expectNoSeriousAxeViolations(page, 'the review inbox');

    const drawer = await openUnit(page, COMMUNE);
    const diff = drawer.getByTestId('review-changes');
    await poll(() => diff.textContent()).toContain(SMARTPHONES);
    const text = (await diff.textContent()) ?? '';
    expect(text).toContain('64,5');
    expect(text).toContain('demo.xa');
    expect(await drawer.textContent()).toContain('Chưa phê duyệt lần nào');
    await expectNoSeriousAxeViolations(page, 'a unit’s diff');

    // A return needs a reason: refused on the form until given.
    await drawer.getByRole('button', { name: 'Trả lại' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByRole('button', { name: 'Xác nhận' }).click();
    await modal.getByText('Hãy nhập lý do.').waitFor();
    await confirm(page, REASON);
    await poll(() => drawer.getByTestId('review-summary').textContent()).toContain('Bị trả lại');
    expect(await drawer.getByTestId('review-summary').textContent()).toContain(REASON);
    expect(await page.getByTestId('review-result').textContent()).toContain('Đã cập nhật 1 đơn vị.');
    await context.close();
  });

  it('the reporter sees the reason and the history, and may only submit, which they do', async () => {
    const context = await web().newContext();
    const page = await openInbox(context, 'demo.xa');
    await poll(() => row(page, COMMUNE).textContent()).toContain('Bị trả lại');
    expect(await row(page, COMMUNE).textContent()).toContain(REASON);
    expect(await page.getByRole('button', { name: /^Phê duyệt/ }).count()).toBe(0);
    const drawer = await openUnit(page, COMMUNE);
    const history = drawer.getByTestId('review-history');
    await poll(() => history.textContent()).toContain('Trả lại — demo.vanphong');
    expect(await history.textContent()).toContain(`Lý do: ${REASON}`);
    for (const name of ['Trả lại', 'Phê duyệt', 'Mở lại'])
      expect(await drawer.getByRole('button', { name, exact: true }).count()).toBe(0);
    // The reporter resubmits from the panel.
    await drawer.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
    expect(await page.getByTestId('review-question').textContent()).toContain(COMMUNE);
    await confirm(page);
    await poll(() => drawer.getByTestId('review-summary').textContent()).toContain('Đã gửi duyệt');
    await context.close();
  });

  it('the secretariat approves the ticked units at once; the values are then locked and the leader sees them', async () => {
    const context = await web().newContext();
    const page = await openInbox(context, 'demo.vanphong');
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã gửi duyệt');
    await page.getByRole('checkbox', { name: `Chọn ${COMMUNE}` }).check();
    await page.getByRole('checkbox', { name: `Chọn ${DEPARTMENT}` }).check();
    await page.getByRole('button', { name: 'Phê duyệt các đơn vị đã chọn (2)' }).click();
    expect(await page.getByTestId('review-question').textContent()).toContain(COMMUNE);
    await confirm(page);
    await poll(() => page.getByTestId('review-result').textContent()).toContain('Đã cập nhật 2 đơn vị.');
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã phê duyệt');
    expect(await row(page, DEPARTMENT).textContent()).toContain('Đã phê duyệt');
    expect(await row(page, COMMUNE).getByTestId('changed-count').textContent()).toBe('0');
    await context.close();

    // The commune's value is now refused for its reporter: locked.
    const smartphones = { indicator: 'DX_ADULTS_SMARTPHONE', unit: 'pre2025:02686', period: '2024Q2' };
    expect(await save(xa, xaCsrf, { ...smartphones, value: 70 })).toBe(423);

    // The leader's dashboard of the commune shows the approved value.
    const leader = await web().newContext();
    const dashboard = await leader.newPage();
    await dashboard.goto(
      `/sign-in?next=${encodeURIComponent(`/plans/${PLAN}?period=2024S1&unit=pre2025:02686`)}`,
    );
    await signIn(dashboard, 'demo.lanhdao', password('demo.lanhdao'));
    await poll(() => dashboard.getByRole('row').filter({ hasText: SMARTPHONES }).textContent()).toContain(
      '64,5%',
    );
    // No inbox link on a viewer's dashboard.
    expect(
      await dashboard.locator('.dashboard-links').getByRole('link', { name: 'Duyệt số liệu' }).count(),
    ).toBe(0);
    await leader.close();
  });

  it('a viewer sees no action and the API refuses them (at phone width, without sideways scrolling)', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await openInbox(context, 'demo.lanhdao');
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã phê duyệt');
    const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    expect(await page.evaluate(overflow)).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Phê duyệt/ }).count()).toBe(0);
    const drawer = await openUnit(page, COMMUNE);
    await drawer.getByTestId('review-history').waitFor();
    for (const name of ['Trả lại', 'Phê duyệt', 'Mở lại', 'Gửi duyệt'])
      expect(await drawer.getByRole('button', { name, exact: true }).count()).toBe(0);
    const api = await web().newContext();
    const csrf = await apiAs(api, 'demo.lanhdao');
    expect(await review(api, csrf, 'reopen', { units: ['pre2025:02686'], reason: 'thử' })).toBe(403);
    await api.close();
    await context.close();
  });

  it('the secretariat reopens the commune with a reason, which unlocks its values', async () => {
    const context = await web().newContext();
    const page = await openInbox(context, 'demo.vanphong');
    const drawer = await openUnit(page, COMMUNE);
    await drawer.getByRole('button', { name: 'Mở lại' }).click();
    await confirm(page, 'Điều chỉnh theo số liệu thống kê mới');
    await poll(() => drawer.getByTestId('review-summary').textContent()).toContain('Đang nhập');
    expect(await drawer.getByTestId('review-summary').textContent()).toContain(
      'Điều chỉnh theo số liệu thống kê mới',
    );
    const smartphones = { indicator: 'DX_ADULTS_SMARTPHONE', unit: 'pre2025:02686', period: '2024Q2' };
    expect(await save(xa, xaCsrf, { ...smartphones, value: 70 })).toBe(200);
    // The change since the approval is counted and shown beside the approved value.
    await page.reload();
    await poll(() => row(page, COMMUNE).getByTestId('changed-count').textContent()).toBe('1');
    const again = await openUnit(page, COMMUNE);
    const diff = again.getByTestId('review-changes');
    await poll(() => diff.textContent()).toContain('64,5');
    expect(await diff.textContent()).toContain('70');
    await context.close();
  });

  it('shows the API’s refusal in the reader’s language, and approves every submitted unit at once', async () => {
    expect(await review(xa, xaCsrf, 'submit', { units: ['pre2025:02686'] })).toBe(200);
    const context = await web().newContext();
    const page = await openInbox(context, 'demo.vanphong');
    const drawer = await openUnit(page, COMMUNE);
    await poll(() => drawer.getByTestId('review-summary').textContent()).toContain('Đã gửi duyệt');
    // Meanwhile someone else approves it: returning it now is refused, and the page says why.
    const other = await web().newContext();
    const csrf = await apiAs(other, 'demo.vanphong');
    expect(await review(other, csrf, 'approve', { units: ['pre2025:02686'] })).toBe(200);
    await drawer.getByRole('button', { name: 'Trả lại' }).click();
    const modal = page.locator('.ant-modal');
    await modal.getByLabel('Lý do').fill(REASON);
    await modal.getByRole('button', { name: 'Xác nhận' }).click();
    await poll(() => modal.getByRole('alert').textContent()).toContain(
      'Kỳ đã được phê duyệt và khóa số liệu',
    );
    await modal.getByRole('button', { name: 'Hủy' }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Đóng' }).click();

    // Reopened and submitted again; "approve every submitted unit" names the plan's unit.
    expect(await review(other, csrf, 'reopen', { units: ['pre2025:02686'], reason: 'Sửa lại' })).toBe(200);
    expect(await review(xa, xaCsrf, 'submit', { units: ['pre2025:02686'] })).toBe(200);
    await page.reload();
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã gửi duyệt');
    await page.getByRole('button', { name: 'Phê duyệt tất cả đơn vị đã gửi (1)' }).click();
    expect(await page.getByTestId('review-question').textContent()).toContain('Tỉnh Lào Cai');
    await confirm(page);
    const done = page.getByTestId('review-result');
    await poll(() => done.textContent()).toContain('Đã cập nhật 1 đơn vị.');
    expect(await done.textContent()).toContain('2 đơn vị không đổi');
    await poll(() => row(page, COMMUNE).textContent()).toContain('Đã phê duyệt');
    await other.close();
    await context.close();
    await xa.close();
  });
});
