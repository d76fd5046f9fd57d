import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const MOBILE = 'REG_MOBILE_BB';
const PAGE = `/registers/${MOBILE}`;
const COMMUNE = 'pre2025:02686';
const VILLAGE = '02686-T03';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs in through the page and opens `path`. */
async function openAs(context: BrowserContext, login: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, login, password(login));
  await page.goto(path);
  return page;
}

/** A context signed in through the API as a demo account, and its CSRF token for writes. */
async function apiAs(context: BrowserContext, login: string): Promise<string> {
  const answer = await context.request.post('/api/v1/session', {
    data: { login, password: password(login) },
  });
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

/** The message under a form field, found by the field's label. */
const fieldError = (page: Page, label: string) =>
  page
    .locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain');

/** The Vietnamese message the API gives for a field of a refused request. */
async function apiFieldMessage(context: BrowserContext, path: string, field: string): Promise<string> {
  const answer = await context.request.get(`/api/v1${path}`);
  expect(answer.status()).toBe(400);
  const problem = (await answer.json()) as { errors: { field: string; message_vi: string }[] };
  const found = problem.errors.find((e) => e.field === field);
  expect(found).toBeDefined();
  return found!.message_vi;
}

describeWeb('registers', (web) => {
  it('the secretariat lists the villages lacking mobile broadband, filters them and compares two periods', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.vanphong', '/registers');
    const card = page.getByTestId(`register-${MOBILE}`);
    await poll(() => card.textContent()).toContain('6 thôn chưa có hạ tầng băng rộng di động');
    await expectNoSeriousAxeViolations(page, 'the registers');
    await card.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === PAGE);

    const count = page.getByTestId('registers-lacking-count');
    await poll(() => count.textContent()).toContain('6 thôn chưa có hạ tầng băng rộng di động');
    expect(await count.textContent()).toContain('trong số 260 thôn có số liệu Quý II/2024');
    const rows = page.getByTestId('registers-lacking-table').locator('tbody tr.ant-table-row');
    await poll(() => rows.count()).toBe(6);
    // Filtered by the commune above: one village of Y Tý.
    await page.getByLabel('Thuộc', { exact: true }).click();
    await page.getByRole('option', { name: /^Xã Y Tý/ }).click();
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Thôn Pả Chồ');
    expect(await page.getByTestId('registers-shown').textContent()).toBe('Đang hiển thị 1/6');
    expect(new URL(page.url()).searchParams.get('parent')).toBe('pre2025:02701');
    // Every commune again, then searched without diacritics.
    await page.getByLabel('Thuộc', { exact: true }).click();
    await page.getByRole('option', { name: /^Tất cả/ }).click();
    await page.getByLabel('Tìm theo tên hoặc mã').fill('phin');
    await poll(() => rows.allTextContents()).toEqual([
      expect.stringContaining('Thôn Phìn Sa'),
      expect.stringContaining('Thôn Phìn Liều'),
    ]);
    // The secretariat may enter values: each village links to its commune's register grid.
    expect(
      await rows.first().getByRole('link', { name: 'Nhập sổ theo dõi của Xã A Lù' }).getAttribute('href'),
    ).toBe('/entry/registers?unit=pre2025%3A02692&period=2024Q2');

    // The change between the two quarters, in the report's words.
    const phrase = page.getByTestId('registers-phrase');
    await poll(() => phrase.textContent()).toContain('xóa được 4 thôn, còn 6 thôn');
    expect(await page.getByTestId('registers-closed').getByRole('heading').textContent()).toBe('Đã xóa (4)');
    expect(await page.getByTestId('registers-still').getByRole('heading').textContent()).toBe(
      'Còn thiếu (6)',
    );
    expect(await page.getByTestId('registers-opened').getByRole('heading').textContent()).toBe(
      'Mới thiếu (0)',
    );
    // A period that does not exist is refused by the API, and its message is shown at that field.
    await page.getByLabel('Từ kỳ', { exact: true }).fill('2024Q5');
    await page.getByRole('button', { name: 'So sánh' }).click();
    const message = await apiFieldMessage(
      context,
      `/registers/${MOBILE}/change?from=2024Q5&to=2024Q2`,
      'from',
    );
    await poll(() => fieldError(page, 'Từ kỳ').textContent()).toBe(message);
    expect(await fieldError(page, 'Đến kỳ').count()).toBe(0);
    // The year as a whole against its first quarter: the year reads its latest quarter.
    await page.getByLabel('Từ kỳ', { exact: true }).fill('2024Q1');
    await page.getByLabel('Đến kỳ', { exact: true }).fill('2024');
    await page.getByRole('button', { name: 'So sánh' }).click();
    await poll(() => phrase.textContent()).toContain('(Quý I/2024 → Năm 2024)');
    expect(await phrase.textContent()).toContain('xóa được 4 thôn, còn 6 thôn');
    await expectNoSeriousAxeViolations(page, 'a register');
    await context.close();
  });

  it('the commune reporter downloads the template, enters a change, and the list, the change and the audit log show it', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.xa', PAGE);
    const count = page.getByTestId('registers-lacking-count');
    await poll(() => count.textContent()).toContain('0 thôn chưa có hạ tầng băng rộng di động');
    const template = page.getByTestId('registers-template');
    expect(await template.getByLabel('Kỳ', { exact: true }).inputValue()).toBe('2024Q3');
    // A bad period is refused at its field, nothing downloaded.
    await template.getByLabel('Kỳ', { exact: true }).fill('2024Q9');
    await template.getByRole('button', { name: 'Tải mẫu Excel' }).click();
    const message = await apiFieldMessage(
      context,
      `/registers/template?indicator=${MOBILE}&period=2024Q9&unit=${COMMUNE}`,
      'period',
    );
    await poll(() => template.locator('.ant-form-item-explain').textContent()).toBe(message);
    await template.getByLabel('Kỳ', { exact: true }).fill('2024Q3');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      template.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`registers-${MOBILE}-pre2025-02686-2024Q3.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('values')!;
    const codes: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        codes.push([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]);
    });
    // The commune's ten villages, each with its latest value (all have mobile broadband at 2024Q2).
    expect(codes).toHaveLength(10);
    expect(codes[2]).toEqual([MOBILE, VILLAGE, '2024Q3', 'có']);
    await poll(() => template.getByRole('status').textContent()).toContain(download.suggestedFilename());
    expect(await template.getByRole('link', { name: 'Nhập lại tệp đã điền' }).getAttribute('href')).toBe(
      `/entry/upload?unit=${encodeURIComponent(COMMUNE)}&period=2024Q3`,
    );

    // Thôn Lũng Pản loses its signal in the third quarter: entered through the API as the reporter.
    const csrf = await apiAs(context, 'demo.xa');
    const saved = await context.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrf },
      data: { indicator: MOBILE, unit: VILLAGE, period: '2024Q3', value: false, version: null },
    });
    expect(saved.status()).toBe(200);
    await page.goto(`${PAGE}?period=2024Q3&from=2024Q2&to=2024Q3`);
    await poll(() => count.textContent()).toContain('1 thôn chưa có hạ tầng băng rộng di động');
    expect(
      await page.getByTestId('registers-lacking-table').locator('tbody tr.ant-table-row').textContent(),
    ).toContain('Thôn Lũng Pản');
    await poll(() => page.getByTestId('registers-phrase').textContent()).toContain('còn 1 thôn');
    expect(await page.getByTestId('registers-opened').textContent()).toContain('Thôn Lũng Pản');
    await expectNoSeriousAxeViolations(page, 'a register with its template');

    // The administrator reads the change in the audit log: who, the old nothing and the new "no".
    const admin = await web().newContext();
    await apiAs(admin, 'demo.quantri');
    const audit = await admin.request.get(`/api/v1/audit?entity=value&key=${MOBILE}|${VILLAGE}|2024Q3`);
    expect(audit.status()).toBe(200);
    const entries = (
      (await audit.json()) as { entries: { actor: string; old: unknown; new: { value: unknown } }[] }
    ).entries;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'demo.xa', old: null });
    expect(entries[0]?.new.value).toBe(0);
    await admin.close();
    await context.close();
  });

  it('a viewer reads without any entry action, and a unit outside the reader’s scope is refused', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await openAs(context, 'demo.lanhdao', `${PAGE}?period=2024Q2`);
    await poll(() => page.getByTestId('registers-lacking-count').textContent()).toContain('6 thôn');
    await page.getByTestId('registers-read-only').waitFor();
    expect(await page.getByRole('button', { name: 'Tải mẫu Excel' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Nhập sổ theo dõi của/ }).count()).toBe(0);
    expect(await page.evaluate(OVERFLOW)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'a register read by a viewer at phone width');
    // Forged: the template and a value written with the viewer's own session are refused.
    const csrf = await apiAs(context, 'demo.lanhdao');
    const forgedTemplate = await context.request.get(
      `/api/v1/registers/template?indicator=${MOBILE}&period=2024Q3&unit=${COMMUNE}`,
    );
    expect(forgedTemplate.status()).toBe(403);
    const forgedValue = await context.request.put('/api/v1/values', {
      headers: { 'x-csrf-token': csrf },
      data: { indicator: MOBILE, unit: VILLAGE, period: '2024Q3', value: true, version: null },
    });
    expect(forgedValue.status()).toBe(403);
    await context.close();

    // The commune reporter asking for the whole province sees the API's refusal on the page.
    const reporter = await web().newContext();
    const refused = await openAs(reporter, 'demo.xa', `${PAGE}?unit=pre2025:10`);
    await poll(() => refused.getByRole('alert').first().textContent()).toContain(
      'Bạn không có quyền xem tại đơn vị pre2025:10',
    );
    expect(await refused.getByTestId('registers-lacking-count').count()).toBe(0);
    await reporter.close();
  });
});
