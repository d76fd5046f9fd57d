import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { chooseOption, describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const PLAN_NAME = 'Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024';
const WORK_DOSSIERS = 'Tỷ lệ hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs the leader in; the app lands on the demo plan's dashboard at its latest period. */
async function leaderDashboard(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, 'demo.lanhdao', password('demo.lanhdao'));
  await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
  await page.getByTestId('band-lines').waitFor();
  return page;
}

/** A context signed in through the API as a demo account, with the session's CSRF token for writes. */
async function apiAs(context: BrowserContext, login: string): Promise<string> {
  const answer = await context.request.post('/api/v1/session', {
    data: { login, password: password(login) },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

describeWeb('the web app: the dashboard', (web) => {
  it('lands the leader on the plan at its latest period, with 8 / 11 / 4 / 1 in the committee’s words', async () => {
    const context = await web().newContext();
    const page = await leaderDashboard(context);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/plans/LCI-DX-2024');
    expect(url.searchParams.get('period')).toBe('2024S1');
    expect(await page.getByText('Tỉnh Lào Cai · 6 tháng đầu năm 2024').count()).toBe(1);
    const lines = page.getByTestId('band-lines');
    await poll(() => lines.textContent()).toContain('8 chỉ tiêu hoàn thành và vượt kế hoạch giao');
    const text = (await lines.textContent()) ?? '';
    expect(text).toContain('11 chỉ tiêu đạt trên 80% kế hoạch giao');
    expect(text).toContain('4 chỉ tiêu đạt 50% - 80% kế hoạch giao');
    expect(text).toContain('1 chỉ tiêu dưới 50% kế hoạch giao');
    expect(await page.getByTestId('band-share').first().textContent()).toBe('8/24, đạt 33,3%');
    // The chart says in words what it draws.
    const chart = page.getByRole('img', { name: /^Biểu đồ số chỉ tiêu theo mức đạt: 8 chỉ tiêu/ });
    expect(await chart.count()).toBe(1);
    // The committee's figure for online work dossiers, as it writes it: 97%/95%, 102,1%.
    const row = page.getByRole('row').filter({ hasText: WORK_DOSSIERS });
    await poll(() => row.textContent()).toContain('97%/95%');
    expect(await row.textContent()).toContain('102,1%');
    // The lagging target, the overdue tasks and the registers with their change.
    expect(await page.getByText('Số thôn, bản chưa có hạ tầng băng rộng di động').count()).toBeGreaterThan(0);
    expect(await page.getByText('Còn thiếu: 6').count()).toBe(1);
    expect(await page.getByText('so với Quý I/2024: 10 → giảm 4').count()).toBe(1);
    await expectNoSeriousAxeViolations(page, 'the dashboard');
    await context.close();
  });

  it('opens the trace of a figure: the values behind a target with who entered them, a band’s targets, a register’s villages', async () => {
    const context = await web().newContext();
    const page = await leaderDashboard(context);
    await page.getByRole('button', { name: `Xem nguồn số liệu: ${WORK_DOSSIERS}` }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`Nguồn số liệu: ${WORK_DOSSIERS}`).waitFor();
    await poll(() => drawer.getByTestId('trace-actual').textContent()).toBe('97');
    const values = drawer.getByTestId('trace-values');
    await poll(() => values.textContent()).toContain('Tỉnh Lào Cai');
    expect(await values.textContent()).toContain('system');
    expect(await drawer.textContent()).toContain('Nhập trực tiếp tại đơn vị và kỳ này');
    await expectNoSeriousAxeViolations(page, 'a target’s trace');
    await drawer.getByRole('button', { name: 'Đóng' }).click();
    await poll(() => page.getByRole('dialog').count()).toBe(0);

    // A band's count opens the targets it counts.
    await page.getByRole('button', { name: 'Xem nguồn số liệu: 1 chỉ tiêu dưới 50% kế hoạch giao' }).click();
    await poll(() => page.getByRole('dialog').textContent()).toContain(
      '1 chỉ tiêu được tính vào con số này:',
    );
    expect(await page.getByRole('dialog').textContent()).toContain(
      'Số thôn, bản chưa có hạ tầng băng rộng di động',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();
    await poll(() => page.getByRole('dialog').count()).toBe(0);

    // A register's figure opens the villages: 4 gained mobile broadband, 6 still lack it.
    await page
      .getByRole('button', {
        name: 'Xem nguồn số liệu: Thôn, bản có hạ tầng băng rộng di động: Còn thiếu: 6',
      })
      .click();
    await poll(() => page.getByRole('dialog').textContent()).toContain('Đã có trong kỳ (4)');
    expect(await page.getByRole('dialog').textContent()).toContain('Vẫn còn thiếu (6)');
    expect(await page.getByRole('dialog').textContent()).toContain('Thôn Phìn Sa');
    await context.close();
  });

  it('filters the targets by band and moves to another period and unit by its pickers', async () => {
    const context = await web().newContext();
    const page = await leaderDashboard(context);
    await chooseOption(page.getByRole('combobox', { name: 'Lọc theo mức đạt', exact: true }), 'Dưới 50%');
    await poll(() => page.getByText('Đang hiện 1/24 chỉ tiêu').count()).toBe(1);
    await chooseOption(page.getByRole('combobox', { name: 'Kỳ', exact: true }), 'Quý I/2024');
    await page.waitForURL((url) => url.searchParams.get('period') === '2024Q1');
    await poll(() => page.getByText('Tỉnh Lào Cai · Quý I/2024').count()).toBe(1);
    await chooseOption(page.getByRole('combobox', { name: 'Đơn vị', exact: true }), 'Huyện Bát Xát');
    await page.waitForURL((url) => url.searchParams.get('unit') === 'pre2025:082');
    await poll(() => page.getByText('Huyện Bát Xát · Quý I/2024').count()).toBe(1);
    await page.getByRole('link', { name: 'Về Tỉnh Lào Cai' }).click();
    await poll(() => page.getByText('Tỉnh Lào Cai · Quý I/2024').count()).toBe(1);
    await context.close();
  });

  it('shows a value saved through the API on the open dashboard without a reload', async () => {
    const context = await web().newContext();
    const page = await leaderDashboard(context);
    const before = Number(await page.getByTestId('freshness').getAttribute('data-version'));
    await page.evaluate('window.__notReloaded = true');

    // The secretariat lowers the province's online work dossiers from 97% to 90%: one target leaves the
    // top band for the next one.
    const writer = await web().newContext();
    const csrf = await apiAs(writer, 'demo.vanphong');
    const one = await writer.request.get(
      '/api/v1/values/one?indicator=DX_WORK_DOSSIERS_ONLINE&unit=pre2025%3A10&period=2024S1',
    );
    expect(one.status()).toBe(200);
    const { version } = (await one.json()) as { version: number };
    const saved = await writer.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrf },
      data: {
        indicator: 'DX_WORK_DOSSIERS_ONLINE',
        unit: 'pre2025:10',
        period: '2024S1',
        value: 90,
        version,
      },
    });
    expect(saved.status()).toBe(200);

    const lines = page.getByTestId('band-lines');
    await poll(() => lines.textContent()).toContain('7 chỉ tiêu hoàn thành và vượt kế hoạch giao');
    expect(await lines.textContent()).toContain('12 chỉ tiêu đạt trên 80% kế hoạch giao');
    await poll(() => page.getByRole('row').filter({ hasText: WORK_DOSSIERS }).textContent()).toContain(
      '90%/95%',
    );
    expect(Number(await page.getByTestId('freshness').getAttribute('data-version'))).toBeGreaterThan(before);
    expect(await page.evaluate('window.__notReloaded')).toBe(true);

    // Put back as it was, for the other tests of this file.
    const now = (await (
      await writer.request.get(
        '/api/v1/values/one?indicator=DX_WORK_DOSSIERS_ONLINE&unit=pre2025%3A10&period=2024S1',
      )
    ).json()) as { version: number };
    const back = await writer.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrf },
      data: {
        indicator: 'DX_WORK_DOSSIERS_ONLINE',
        unit: 'pre2025:10',
        period: '2024S1',
        value: 97,
        version: now.version,
      },
    });
    expect(back.status()).toBe(200);
    await poll(() => lines.textContent()).toContain('8 chỉ tiêu hoàn thành và vượt kế hoạch giao');
    await writer.close();
    await context.close();
  });

  it('speaks English when chosen: the committee’s phrases, numbers and periods in English', async () => {
    const context = await web().newContext();
    const page = await leaderDashboard(context);
    await page.locator('label', { hasText: 'English' }).click();
    const lines = page.getByTestId('band-lines');
    await poll(() => lines.textContent()).toContain('8 targets met or exceeded the planned target');
    expect(await lines.textContent()).toContain('11 targets reached over 80% of the planned target');
    expect(await page.getByTestId('band-share').first().textContent()).toBe('8/24, 33.3%');
    await poll(() => page.getByText('Tỉnh Lào Cai · First half of 2024').count()).toBe(1);
    await page.locator('label', { hasText: 'Tiếng Việt' }).click();
    await poll(() => lines.textContent()).toContain('8 chỉ tiêu hoàn thành và vượt kế hoạch giao');
    await context.close();
  });

  it('lands a commune reporter on the plan at their commune, and refuses a unit outside their scope', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signIn(page, 'demo.xa', password('demo.xa'));
    await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
    expect(new URL(page.url()).searchParams.get('unit')).toBe('pre2025:02686');
    await poll(() => page.getByText(/^Xã A Mú Sung · /).count()).toBe(1);
    const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
    expect(await page.evaluate(overflow)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'a commune reporter’s dashboard at phone width');
    // Another district's dashboard: refused by the server, said on the page.
    await page.goto('/plans/LCI-DX-2024?unit=pre2025%3A080');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kế hoạch');
    expect(await page.getByText('Chỉ tiêu', { exact: false }).count()).toBe(0);
    await context.close();
  });
});
