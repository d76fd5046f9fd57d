import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const PLAN = 'LCI-DX-2024';
const NEW_PLAN = 'LCI-THU-2025';
const PROVINCE = 'Tỉnh Lào Cai';

interface Target {
  indicator: string;
  indicatorName: string;
  valueType: string;
  unit: string;
  period: string;
  target: number | boolean | null;
  baseline: number | boolean | null;
  baselinePeriod: string | null;
  leadUnit: string | null;
  note: string | null;
}

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

async function openAs(context: BrowserContext, login: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  // The first page of a fresh server on a busy machine may take a while.
  await page.getByLabel(/^(Tên đăng nhập|Login)$/).waitFor({ timeout: 30_000 });
  await signIn(page, login, password(login));
  return page;
}

/** A context signed in through the API (the audit log is read by an administrator: demo.quantri). */
async function apiContext(web: () => { newContext: () => Promise<BrowserContext> }, login: string) {
  const context = await web().newContext();
  const answer = await context.request.post('/api/v1/session', {
    data: { login, password: password(login) },
  });
  expect(answer.status()).toBe(200);
  return context;
}

async function targetsOf(context: BrowserContext, plan: string): Promise<Target[]> {
  const answer = await context.request.get(`/api/v1/plans/${plan}/targets`);
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { targets: Target[] }).targets;
}

async function auditOf(context: BrowserContext, entity: string, key: string) {
  const answer = await context.request.get(
    `/api/v1/audit?${new URLSearchParams({ entity, key }).toString()}`,
  );
  expect(answer.status()).toBe(200);
  return (
    (await answer.json()) as { entries: { action: string; actor: string; new: Record<string, unknown> }[] }
  ).entries;
}

/** The grid's input of a target's column, by its label. */
const cell = (page: Page, column: string, indicatorName: string, unitName = PROVINCE) =>
  page.getByLabel(`${column} — ${indicatorName} (${unitName})`, { exact: true });

/** Pastes text into the focused input as a spreadsheet would put it on the clipboard. */
async function paste(page: Page, text: string): Promise<void> {
  // Run in the page: written as text so that this Node file needs no DOM types.
  await page.evaluate(`(() => {
    const target = document.activeElement;
    if (!target) throw new Error('nothing focused');
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** The focused element's attribute. */
const focused = (page: Page, attribute: string) =>
  page.evaluate(`document.activeElement?.getAttribute(${JSON.stringify(attribute)}) ?? null`);

const noSidewaysScroll = (page: Page) =>
  page.evaluate(`document.documentElement.scrollWidth <= window.innerWidth`);

describeWeb('the web app: plans and their targets', (web) => {
  let vanphong: BrowserContext;
  let quantri: BrowserContext;

  it('the secretariat creates a plan (an unknown unit refused at its field), sets its bands (misordered refused at their field), and both are audited', async () => {
    vanphong = await web().newContext();
    quantri = await apiContext(web, 'demo.quantri');
    const page = await openAs(vanphong, 'demo.vanphong', '/plans');
    await page.getByRole('link', { name: 'Thêm kế hoạch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thêm kế hoạch' }).waitFor();
    expect(await page.getByLabel('Đơn vị lập kế hoạch').inputValue()).toBe('pre2025:10');
    await page.getByLabel('Mã kế hoạch').fill(NEW_PLAN);
    await page.getByLabel('Tên kế hoạch').fill('Kế hoạch chuyển đổi số thử năm 2025');
    await page.getByLabel('Đơn vị lập kế hoạch').fill('pre2025:99999');
    await page.getByLabel('Năm bắt đầu').fill('2025');
    await page.getByLabel('Năm kết thúc').fill('2024');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    // Checked on the page first: the end year before the start year, at its field.
    await page.locator('#endYear_help').getByText('Năm kết thúc trước năm bắt đầu.').waitFor();
    await page.getByLabel('Năm kết thúc').fill('2025');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    // Then by the server: the unknown unit, at the unit's field.
    await poll(() => page.locator('#unit_help').textContent()).toMatch(/pre2025:99999|99999/);
    expect((await vanphong.request.get(`/api/v1/plans/${NEW_PLAN}`)).status()).toBe(404);
    await page.getByLabel('Đơn vị lập kế hoạch').fill('pre2025:10');
    await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
    await page.waitForURL((url) => url.pathname === `/plans/${NEW_PLAN}/targets`);
    await page.getByText('Kế hoạch chưa có mục tiêu nào.').waitFor();

    await page.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt kế hoạch' }).waitFor();
    expect(await page.getByLabel('Mã kế hoạch').isDisabled()).toBe(true);
    await page.getByLabel('Dùng ngưỡng riêng của kế hoạch').check();
    await page.getByLabel('Đạt khá từ (%)').fill('120');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page
      .locator('#over80_help')
      .getByText('Phải lớn hơn ngưỡng «Đạt trung bình» và nhỏ hơn ngưỡng «Hoàn thành».')
      .waitFor();
    await page.getByLabel('Đạt khá từ (%)').fill('75');
    await page.getByLabel('Đạt trung bình từ (%)').fill('45,5');
    await expectNoSeriousAxeViolations(page, 'the plan settings');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByText('Đã lưu cài đặt kế hoạch.').waitFor();
    const plan = (await (await vanphong.request.get(`/api/v1/plans/${NEW_PLAN}`)).json()) as {
      bands: Record<string, number>;
      startYear: number;
    };
    expect(plan).toMatchObject({ startYear: 2025, bands: { exceeded: 1, over80: 0.75, from50to80: 0.455 } });
    const audit = await auditOf(quantri, 'plan', NEW_PLAN);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['create', 'demo.vanphong'],
      ['update', 'demo.vanphong'],
    ]);
    expect(audit[1]?.new.bands).toEqual({ exceeded: 1, over80: 0.75, from50to80: 0.455 });

    // A row for an indicator the new plan has no target of yet, saved as a new target.
    await page.getByRole('link', { name: 'Mục tiêu' }).click();
    await page.getByTestId('target-grid').waitFor({ timeout: 30_000 });
    await page.getByLabel('Chỉ tiêu', { exact: true }).click();
    await page.keyboard.type('Tỷ lệ hộ gia đình có kết nối');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    const fibre = 'Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang';
    await poll(() => focused(page, 'data-column')).toBe('target');
    await page.keyboard.type('80');
    await page.keyboard.press('Tab');
    await page.keyboard.type('66');
    await page.getByRole('button', { name: 'Lưu các thay đổi' }).click();
    await poll(() => page.getByTestId('grid-status').textContent()).toBe(
      'Đã lưu: 1 mục tiêu thêm mới, 0 mục tiêu sửa.',
    );
    expect(await targetsOf(vanphong, NEW_PLAN)).toEqual([
      expect.objectContaining({
        indicator: 'DX_HOUSEHOLDS_FIBRE',
        unit: 'pre2025:10',
        period: '2025',
        target: 80,
        baseline: 66,
      }),
    ]);
    expect(await cell(page, 'Mục tiêu', fibre).inputValue()).toBe('80');
  });

  it('the secretariat edits two targets by keyboard, pastes a 2×3 block from a spreadsheet, sees what will change, a bad cell refused inline and one by the server at its cell, then saves all at once (audited)', async () => {
    const before = await targetsOf(vanphong, PLAN);
    const page = await vanphong.newPage();
    await page.goto(`/plans/${PLAN}/targets`);
    await page.getByTestId('target-grid').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('target-grid').locator('tbody tr').count()).toBe(before.length);

    // Two targets edited: one's target, then Enter moves down a row, the next one's note.
    const [first, second] = before;
    if (!first || !second) throw new Error('the demo plan has targets');
    await cell(page, 'Mục tiêu', first.indicatorName).fill('96');
    await page.keyboard.press('Enter');
    expect(await focused(page, 'aria-label')).toBe(`Mục tiêu — ${second.indicatorName} (${PROVINCE})`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page, 'data-column')).toBe('note');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Giao lại theo Nghị quyết 57');

    // A 2×3 block pasted at a count target, the row below a percentage: numbers as Vietnamese users write them.
    const people = before.findIndex((t) => t.indicator === 'DX_PEOPLE_GUIDED_DIGITAL_SKILLS');
    const below = before[people + 1];
    if (!below) throw new Error('a target below the count');
    expect(['percent', 'ratio']).toContain(below.valueType);
    await cell(page, 'Mục tiêu', before[people]?.indicatorName ?? '').focus();
    await paste(page, '1.250.000\t1.000.000\t2023\r\n95%\t80,5\t2023\r\n');
    await poll(() => page.getByTestId('grid-status').textContent()).toBe('Đã dán 6 ô.');
    expect(await cell(page, 'Giá trị cơ sở', below.indicatorName).inputValue()).toBe('80,5');
    const preview = page.getByTestId('target-preview');
    await poll(() => preview.locator('tbody tr').count()).toBe(8);
    const previewText = (await preview.textContent()) ?? '';
    expect(previewText).toContain('1.250.000');
    expect(previewText).toContain('80,5');
    expect(previewText).toContain('Giao lại theo Nghị quyết 57');
    expect(await page.getByRole('heading', { name: 'Thay đổi sẽ được lưu (8 ô)' }).count()).toBe(1);

    // Refused on the page, at its cell, with nothing sent: a percentage over 100.
    let batches = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/targets/batch')) batches += 1;
    });
    const percentCell = cell(page, 'Mục tiêu', below.indicatorName);
    await percentCell.fill('140');
    await page.getByRole('button', { name: 'Lưu các thay đổi' }).click();
    await page.getByTestId('grid-error').getByText('1 ô chưa hợp lệ; hãy sửa trước khi lưu.').waitFor();
    expect(await percentCell.getAttribute('aria-invalid')).toBe('true');
    const percentTd = page.locator('td').filter({ has: percentCell });
    expect(await percentTd.getByTestId('cell-error').textContent()).toMatch(/100/);
    expect(batches).toBe(0);
    await percentCell.fill('95%');

    // Refused by the server, at its cell: a lead unit that does not exist; nothing written.
    const lead = cell(page, 'Đơn vị chủ trì', first.indicatorName);
    await lead.fill('KHONG-CO-DON-VI');
    await page.getByRole('button', { name: 'Lưu các thay đổi' }).click();
    await poll(() => page.getByTestId('grid-error').textContent()).toContain('không có gì được ghi');
    expect(batches).toBe(1);
    await poll(() => lead.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('td').filter({ has: lead }).getByTestId('cell-error').textContent()).toContain(
      'KHONG-CO-DON-VI',
    );
    expect((await targetsOf(vanphong, PLAN))[0]?.target).toBe(first.target);
    await expectNoSeriousAxeViolations(page, 'the target grid with changes and refusals');

    await lead.fill(first.leadUnit ?? '');
    await page.getByRole('button', { name: 'Lưu các thay đổi' }).click();
    await poll(() => page.getByTestId('grid-status').textContent()).toBe(
      'Đã lưu: 0 mục tiêu thêm mới, 4 mục tiêu sửa.',
    );
    expect(batches).toBe(2);
    expect(await preview.count()).toBe(0);
    const after = await targetsOf(vanphong, PLAN);
    const byIndicator = new Map(after.map((t) => [t.indicator, t]));
    expect(byIndicator.get(first.indicator)).toMatchObject({ target: 96, leadUnit: first.leadUnit });
    expect(byIndicator.get(second.indicator)?.note).toBe('Giao lại theo Nghị quyết 57');
    expect(byIndicator.get('DX_PEOPLE_GUIDED_DIGITAL_SKILLS')).toMatchObject({
      target: 1_250_000,
      baseline: 1_000_000,
      baselinePeriod: '2023',
    });
    expect(byIndicator.get(below.indicator)).toMatchObject({
      target: 95,
      baseline: 80.5,
      baselinePeriod: '2023',
    });
    const audit = await auditOf(quantri, 'target', `${PLAN}|${first.indicator}|pre2025:10|2024`);
    expect(audit.at(-1)).toMatchObject({ action: 'update', actor: 'demo.vanphong', new: { target: 96 } });
    // The plans list links the grid and the settings for the secretariat.
    await page.goto('/plans');
    await page
      .getByRole('link', { name: /^Cài đặt — / })
      .first()
      .waitFor();
  });

  it('a leader reads the grid without inputs at phone width; a forged save is refused by the API (403) and shown', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await openAs(context, 'demo.lanhdao', `/plans/${PLAN}/targets`);
    await page.getByTestId('target-grid').waitFor({ timeout: 30_000 });
    await page.getByText('Bạn chỉ có quyền xem các mục tiêu này.').waitFor();
    expect(await page.getByTestId('target-grid').locator('input').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lưu các thay đổi' }).count()).toBe(0);
    expect(await page.getByTestId('target-grid').textContent()).toContain('1.250.000');
    expect(await noSidewaysScroll(page)).toBe(true);
    await expectNoSeriousAxeViolations(page, 'the read-only target grid at 390 px');
    await page.goto('/plans');
    await page
      .getByRole('link', { name: /^Mục tiêu — / })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: /^Cài đặt — / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Thêm kế hoạch' }).count()).toBe(0);

    // The page made to believe the leader may manage plans: the API still refuses, and the page says so.
    await page.route('**/api/v1/session', async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as { grants: { permissions: string[] }[] };
      for (const grant of session.grants) grant.permissions = [...grant.permissions, 'plans:manage'];
      await route.fulfill({ response, json: session });
    });
    await page.goto(`/plans/${PLAN}/targets`);
    const [first] = await targetsOf(context, PLAN);
    const target = cell(page, 'Mục tiêu', first?.indicatorName ?? '');
    await target.fill('50');
    await page.getByRole('button', { name: 'Lưu các thay đổi' }).click();
    const refusal = page.getByTestId('grid-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/quyền|không được/i);
    expect((await targetsOf(context, PLAN))[0]?.target).toBe(96);
    // And straight to the API with the session's own token.
    const session = (await (await context.request.get('/api/v1/session')).json()) as { csrfToken: string };
    const forged = await context.request.put(`/api/v1/plans/${PLAN}/targets/batch`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { targets: [{ indicator: first?.indicator, unit: 'pre2025:10', period: '2024', target: 1 }] },
    });
    expect(forged.status()).toBe(403);
    const settings = await context.request.put(`/api/v1/plans/${PLAN}`, {
      headers: { 'x-csrf-token': session.csrfToken },
      data: { bands: { exceeded: 1, over80: 0.5, from50to80: 0.2 } },
    });
    expect(settings.status()).toBe(403);
    await context.close();
    await vanphong.close();
    await quantri.close();
  });
});
