import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const COMMUNE = 'pre2025:02686';
const OTHER_COMMUNE = 'pre2025:02689';
const OCOP = 'DX_OCOP_ON_ECOMMERCE';
const SMART_CITY = 'DX_SMART_CITY_SERVICES';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs a demo account in through the sign-in page and opens an entry page's address. */
async function openAs(context: BrowserContext, login: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, login, password(login));
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

const cell = (page: Page, indicator: string) =>
  page.locator(`[data-testid="entry-cell"][data-indicator="${indicator}"]`);

/** The value stored for the commune, read through the API with the page's own session. */
async function storedValue(context: BrowserContext, indicator: string, period: string, unit = COMMUNE) {
  const query = new URLSearchParams({ indicator, unit, period });
  const answer = await context.request.get(`/api/v1/values/one?${query.toString()}`);
  return answer.status() === 200 ? ((await answer.json()) as { value: unknown; version: number }) : null;
}

/** Every write request the page sends, by method and path. */
function writes(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

describeWeb('the web app: data entry', (web) => {
  it('a commune reporter enters values: one refused inline with the message and nothing sent, one saved, then submits', async () => {
    const context = await web().newContext();
    // From the dashboard the reporter lands on, through the header's link, then the period picker.
    const page = await openAs(context, 'demo.xa', '/');
    await page.getByRole('link', { name: 'Nhập số liệu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập số liệu' }).waitFor();
    await page.getByRole('combobox', { name: 'Kỳ báo cáo' }).selectOption('2024S1');
    await page.waitForURL((url) => url.searchParams.get('period') === '2024S1');
    await page.getByText('Xã A Mú Sung · 6 tháng đầu năm 2024', { exact: false }).first().waitFor();
    // The province's counts and ratios are the commune's to report, grouped by pillar, with the target beside.
    const ocop = cell(page, OCOP);
    await ocop.waitFor();
    expect(await ocop.textContent()).toContain('Mục tiêu Năm 2024: 200');
    expect(await page.getByRole('heading', { level: 2, name: 'Kinh tế số' }).count()).toBe(1);
    expect(await cell(page, 'DX_WORK_DOSSIERS_ONLINE').count()).toBe(0);
    const sent = writes(page);

    const input = ocop.getByRole('textbox', {
      name: 'Số sản phẩm OCOP được đưa lên sàn thương mại điện tử',
      exact: true,
    });
    await input.fill('-3');
    await input.press('Tab');
    await ocop.getByRole('alert').waitFor();
    expect(await ocop.getByRole('alert').textContent()).toMatch(/âm|≥ 0|không được nhỏ hơn 0|số nguyên/i);
    expect(await ocop.getByTestId('cell-status').getAttribute('data-state')).toBe('invalid');
    expect(sent).toEqual([]);

    await input.fill('12');
    await input.press('Enter');
    await poll(() => ocop.getByTestId('cell-status').textContent()).toBe('Đã lưu');
    expect(sent).toEqual(['PUT /api/v1/values']);
    expect((await storedValue(context, OCOP, '2024S1'))?.value).toBe(12);

    // Submit the period for review: its state and history are shown.
    const review = page.getByRole('region', { name: 'Gửi duyệt' });
    expect(await review.getByTestId('review-state').textContent()).toBe('Đang nhập (nháp)');
    await review.getByRole('button', { name: 'Gửi duyệt kỳ này' }).click();
    await poll(() => review.getByTestId('review-state').textContent()).toBe('Đã gửi, chờ duyệt');
    await poll(() => review.getByTestId('review-history').textContent()).toContain('Gửi duyệt — demo.xa');
    const picked = page.getByRole('combobox', { name: 'Kỳ báo cáo' }).locator('option:checked');
    await poll(() => picked.textContent()).toBe('6 tháng đầu năm 2024 (đã gửi, chờ duyệt)');
    await context.close();
  });

  it('two people edit the same cell: the second is told who changed it and when, and keeps theirs', async () => {
    const first = await web().newContext();
    const second = await web().newContext();
    const path = `/entry?unit=${encodeURIComponent(COMMUNE)}&period=2024Q3`;
    const a = await openAs(first, 'demo.vanphong', path);
    const b = await openAs(second, 'demo.xa', path);
    const name = 'Số dịch vụ đô thị thông minh được đưa vào vận hành';
    await cell(b, SMART_CITY).waitFor();

    const inputA = cell(a, SMART_CITY).getByRole('textbox', { name, exact: true });
    await inputA.fill('5');
    await inputA.press('Tab');
    await poll(() => cell(a, SMART_CITY).getByTestId('cell-status').textContent()).toBe('Đã lưu');

    const inputB = cell(b, SMART_CITY).getByRole('textbox', { name, exact: true });
    await inputB.fill('7');
    await inputB.press('Tab');
    const conflict = cell(b, SMART_CITY).getByTestId('conflict');
    await conflict.waitFor();
    const text = (await conflict.textContent()) ?? '';
    expect(text).toContain('demo.vanphong đã sửa số liệu này lúc');
    expect(text).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('số hiện tại là 5');
    await conflict.getByRole('button', { name: 'Giữ số của tôi' }).click();
    await poll(() => cell(b, SMART_CITY).getByTestId('cell-status').textContent()).toBe('Đã lưu');
    const stored = await storedValue(second, SMART_CITY, '2024Q3');
    expect(stored).toMatchObject({ value: 7, version: 2 });
    await first.close();
    await second.close();
  });

  it('the register grid saves the commune’s villages in one request', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.xa', '/entry/registers?period=2024Q3');
    const grid = page.getByTestId('register-grid');
    await grid.waitFor();
    expect(await grid.locator('tbody tr').count()).toBe(10);
    const sent = writes(page);
    await page.getByRole('button', { name: /^Cả cột «Thôn, bản có hạ tầng băng rộng di động»: Có$/ }).click();
    await page
      .getByRole('button', { name: /^Cả cột «Thôn, bản có hạ tầng Internet cáp quang»: Có$/ })
      .click();
    const t05 = page.getByRole('combobox', { name: /^Thôn, bản có hạ tầng Internet cáp quang — / }).nth(4);
    await t05.selectOption('false');
    await poll(() => page.getByTestId('grid-status').textContent()).toBe('20 ô đã thay đổi, chưa lưu.');
    await page.getByRole('button', { name: 'Lưu tất cả' }).click();
    await poll(() => page.getByTestId('grid-status').textContent()).toBe('Đã lưu 20 ô.');
    expect(sent).toEqual(['PUT /api/v1/values/batch']);
    const answer = await context.request.get(
      `/api/v1/values?indicator=REG_FIBRE&unit=${encodeURIComponent(COMMUNE)}&period=2024Q3`,
    );
    const values = ((await answer.json()) as { values: { value: boolean }[] }).values;
    expect(values.map((v) => v.value).sort()).toEqual([false, ...Array<boolean>(9).fill(true)]);
    await context.close();
  });

  it('a reporter of one commune cannot reach another commune’s form: the page refuses and so does the API (403)', async () => {
    const context = await web().newContext();
    const page = await openAs(
      context,
      'demo.xa',
      `/entry?unit=${encodeURIComponent(OTHER_COMMUNE)}&period=2024S1`,
    );
    const refusal = page.getByTestId('entry-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Bạn không có quyền nhập số liệu tại đơn vị');
    expect(await page.locator('[data-testid="entry-cell"]').count()).toBe(0);
    const api = await context.request.get(
      `/api/v1/values/entry-form?unit=${encodeURIComponent(OTHER_COMMUNE)}&period=2024S1`,
    );
    expect(api.status()).toBe(403);
    await context.close();
  });

  it('the form and the grid have no serious axe violation and no sideways scroll at phone width', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      const context = await web().newContext(viewport);
      const page = await openAs(context, 'demo.xa', '/entry?period=2024S1');
      await cell(page, OCOP).waitFor();
      expect(await page.evaluate(OVERFLOW), `form at ${viewport.width}`).toBe(0);
      await expectNoSeriousAxeViolations(page, `the entry form at ${viewport.width}`);
      await page.getByRole('link', { name: 'Sổ theo dõi thôn, bản' }).click();
      await page.getByTestId('register-grid').waitFor();
      expect(await page.evaluate(OVERFLOW), `grid at ${viewport.width}`).toBe(0);
      await expectNoSeriousAxeViolations(page, `the register grid at ${viewport.width}`);
      await context.close();
    }
  });

  it('is usable by keyboard alone: a value typed, left with Tab, saved', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.xa', '/entry?period=2024Q4');
    const guided = cell(page, 'DX_PEOPLE_GUIDED_DIGITAL_SKILLS');
    await guided.waitFor();
    await guided.getByRole('textbox').first().focus();
    // 1.250 would be ambiguous (1250 or 1,25?) and is refused inline, as the server would; 1.250.000 is not.
    await page.keyboard.type('1.250');
    await page.keyboard.press('Tab');
    await poll(() => guided.getByTestId('cell-status').getAttribute('data-state')).toBe('invalid');
    expect(await guided.getByRole('alert').textContent()).toContain('không rõ là 1250 hay 1,250');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1.250.000');
    await page.keyboard.press('Tab');
    await poll(() => guided.getByTestId('cell-status').textContent()).toBe('Đã lưu');
    expect((await storedValue(context, 'DX_PEOPLE_GUIDED_DIGITAL_SKILLS', '2024Q4'))?.value).toBe(1_250_000);
    await context.close();
  });
});
