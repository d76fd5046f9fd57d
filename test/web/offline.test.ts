import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

const COMMUNE = 'pre2025:02686';
const OCOP = 'DX_OCOP_ON_ECOMMERCE';
const OCOP_NAME = 'Số sản phẩm OCOP được đưa lên sàn thương mại điện tử';
const SMART_CITY = 'DX_SMART_CITY_SERVICES';
const SMART_CITY_NAME = 'Số dịch vụ đô thị thông minh được đưa vào vận hành';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

const entryPath = (period: string) => `/entry?unit=${encodeURIComponent(COMMUNE)}&period=${period}`;

const cell = (page: Page, indicator: string) =>
  page.locator(`[data-testid="entry-cell"][data-indicator="${indicator}"]`);

const cellState = (page: Page, indicator: string) =>
  cell(page, indicator).getByTestId('cell-status').getAttribute('data-state');

/** Signs in on the sign-in page, opens the commune's form online and waits until the app is kept for offline use. */
async function openOnline(context: BrowserContext, login: string, period: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, login, password(login));
  await page.goto(entryPath(period));
  await cell(page, OCOP).waitFor();
  await page.getByText('Trang nhập liệu này dùng được cả khi mất kết nối trên thiết bị này.').waitFor();
  return page;
}

/** Enters a value in a cell and leaves it (Tab). */
async function enter(page: Page, indicator: string, name: string, value: string): Promise<void> {
  const input = cell(page, indicator).getByRole('textbox', { name, exact: true });
  await input.fill(value);
  await input.press('Tab');
}

/** Enters a value with the browser offline: it waits in the queue. */
async function enterOffline(page: Page, indicator: string, name: string, value: string): Promise<void> {
  await enter(page, indicator, name, value);
  await poll(() => cellState(page, indicator)).toBe('queued');
}

/** The value stored for the commune, read through the API with a context's session. */
async function storedValue(context: BrowserContext, indicator: string, period: string) {
  const query = new URLSearchParams({ indicator, unit: COMMUNE, period });
  const answer = await context.request.get(`/api/v1/values/one?${query.toString()}`);
  return answer.status() === 200 ? ((await answer.json()) as { value: unknown; version: number }) : null;
}

/** The CSRF token of the context's session, read through the API with the context's own cookie. */
async function csrfOf(context: BrowserContext): Promise<string> {
  const session = await context.request.get('/api/v1/session');
  expect(session.status()).toBe(200);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

/** The values the page lists as waiting to be sent. */
const waiting = (page: Page) => page.getByTestId('offline-waiting-entry');

/** Every write request the page sends to the API. */
function writes(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith('/api/')) seen.push(r.method());
  });
  return seen;
}

describeWeb('the web app: offline entry', (web) => {
  it('keeps values entered offline across a reload and sends them when back online', async () => {
    const context = await web().newContext();
    const page = await openOnline(context, 'demo.xa', '2024Q3');
    await context.setOffline(true);
    await poll(() => page.getByTestId('offline-state').getAttribute('data-state')).toBe('offline');
    await enterOffline(page, OCOP, OCOP_NAME, '11');
    await enterOffline(page, SMART_CITY, SMART_CITY_NAME, '4');
    await page.getByRole('heading', { level: 2, name: '2 giá trị đang chờ gửi' }).waitFor();
    expect(await waiting(page).count()).toBe(2);
    expect(await waiting(page).first().textContent()).toContain(`${OCOP_NAME}: 11`);

    // A reload without a connection: the app, the form and the waiting values come from the browser.
    await page.reload();
    await cell(page, OCOP).waitFor();
    await page.getByText('Biểu mẫu như đã đọc lúc', { exact: false }).waitFor();
    expect(await waiting(page).count()).toBe(2);
    expect(await cell(page, OCOP).getByRole('textbox', { name: OCOP_NAME, exact: true }).inputValue()).toBe(
      '11',
    );
    expect(await cellState(page, SMART_CITY)).toBe('queued');
    await expectNoSeriousAxeViolations(page, 'the entry form with values waiting');

    // Back online: both are sent with their versions, listed as sent, and the API has them.
    await context.setOffline(false);
    await poll(() => cellState(page, OCOP)).toBe('saved');
    await poll(() => cellState(page, SMART_CITY)).toBe('saved');
    await poll(() => waiting(page).count()).toBe(0);
    expect(await page.getByTestId('offline-sent').textContent()).toContain('2 giá trị đã gửi');
    expect(await storedValue(context, OCOP, '2024Q3')).toMatchObject({ value: 11 });
    expect(await storedValue(context, SMART_CITY, '2024Q3')).toMatchObject({ value: 4 });
    await context.close();
  });

  it('sends the waiting values only after the user signs in again when the session ended meanwhile', async () => {
    const context = await web().newContext();
    const page = await openOnline(context, 'demo.xa', '2024Q2');
    const csrf = await csrfOf(context);
    await context.setOffline(true);
    await enterOffline(page, OCOP, OCOP_NAME, '21');
    // The session ends behind the page's back while it is offline.
    const revoked = await context.request.delete('/api/v1/session', { headers: { 'x-csrf-token': csrf } });
    expect(revoked.status()).toBe(204);
    await context.setOffline(false);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('Phiên làm việc đã hết hạn hoặc đã kết thúc', { exact: false }).waitFor();
    await signIn(page, 'demo.xa', password('demo.xa'));
    expect(new URL(page.url()).pathname).toBe('/entry');
    await poll(() => cellState(page, OCOP)).toBe('saved');
    await poll(() => waiting(page).count()).toBe(0);
    expect(await storedValue(context, OCOP, '2024Q2')).toMatchObject({ value: 21 });
    await context.close();
  });

  it('a value changed on the server while it waited leads to the conflict choice', async () => {
    const context = await web().newContext();
    const page = await openOnline(context, 'demo.xa', '2024Q4');
    await context.setOffline(true);
    await enterOffline(page, SMART_CITY, SMART_CITY_NAME, '7');

    // Meanwhile the secretariat saves the same cell through the API.
    const other = await web().newContext();
    const session = await other.request.post('/api/v1/session', {
      data: { login: 'demo.vanphong', password: password('demo.vanphong') },
    });
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const saved = await other.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrfToken },
      data: { indicator: SMART_CITY, unit: COMMUNE, period: '2024Q4', value: '5', version: null },
    });
    expect(saved.status()).toBe(200);

    await context.setOffline(false);
    const conflict = cell(page, SMART_CITY).getByTestId('conflict');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('demo.vanphong đã sửa số liệu này lúc');
    expect(text).toContain('số hiện tại là 5');
    await conflict.getByRole('button', { name: 'Giữ số của tôi' }).click();
    await poll(() => cellState(page, SMART_CITY)).toBe('saved');
    await poll(() => waiting(page).count()).toBe(0);
    expect(await storedValue(context, SMART_CITY, '2024Q4')).toMatchObject({ value: 7 });
    await other.close();
    await context.close();
  });

  it('another user signing in on the same browser neither sees nor sends them; their owner does', async () => {
    const context = await web().newContext();
    const page = await openOnline(context, 'demo.xa', '2024Q4');
    await context.setOffline(true);
    await enterOffline(page, OCOP, OCOP_NAME, '31');
    // The session is gone (cookies cleared) and someone else signs in on this browser.
    await context.clearCookies();
    await context.setOffline(false);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const sent = writes(page);
    await signIn(page, 'demo.vanphong', password('demo.vanphong'));
    await page.goto(entryPath('2024Q4'));
    await cell(page, OCOP).waitFor();
    await page.getByText('Trang nhập liệu này dùng được cả khi mất kết nối trên thiết bị này.').waitFor();
    expect(await page.getByTestId('offline-waiting').count()).toBe(0);
    expect(await cell(page, OCOP).getByRole('textbox', { name: OCOP_NAME, exact: true }).inputValue()).toBe(
      '',
    );
    expect(sent.filter((m) => m === 'PUT')).toEqual([]);
    expect(await storedValue(context, OCOP, '2024Q4')).toBeNull();
    // Still kept for their owner, who gets them sent on signing in again.
    const kept = (await page.evaluate(
      `window.localStorage.getItem('dxmon.offline.queue.demo.xa')`,
    )) as string;
    expect(JSON.parse(kept)).toHaveLength(1);
    await page.getByRole('button', { name: /Đăng xuất/ }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, 'demo.xa', password('demo.xa'));
    await page.goto(entryPath('2024Q4'));
    await poll(() => cellState(page, OCOP)).toBe('saved');
    expect(await storedValue(context, OCOP, '2024Q4')).toMatchObject({ value: 31 });
    await context.close();
  });
});
