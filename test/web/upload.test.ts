import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

const COMMUNE = 'pre2025:02686';
const PERIOD = '2024S1';
const OCOP = 'DX_OCOP_ON_ECOMMERCE';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const UPLOAD = `/entry/upload?${new URLSearchParams({ unit: COMMUNE, period: PERIOD }).toString()}`;

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs the commune reporter in and opens an address. */
async function openAs(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, 'demo.xa', password('demo.xa'));
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** The value stored for the commune, read through the API with the page's own session. */
async function storedValue(context: BrowserContext): Promise<unknown> {
  const query = new URLSearchParams({ indicator: OCOP, unit: COMMUNE, period: PERIOD });
  const answer = await context.request.get(`/api/v1/values/one?${query.toString()}`);
  return answer.status() === 200 ? ((await answer.json()) as { value: unknown }).value : null;
}

/** The downloaded template and the row of its values sheet that holds the OCOP value. */
interface Template {
  bytes: Buffer;
  row: number;
}

const VALUE_HEADER = 'Giá trị (value)';

/** The values sheet of a template and its headers (row 1, as written). */
async function valuesSheet(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('values');
  if (!ws) throw new Error('the template has no values sheet');
  const headers = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const column = (name: string) => {
    const at = headers.findIndex((h) => h.endsWith(`(${name})`));
    if (at < 1) throw new Error(`the template has no ${name} column`);
    return at;
  };
  return { wb, ws, column };
}

/**
 * Downloads the template through the page's button: the commune's OCOP row when the template lists it, else the
 * row after the last (the demo plan sets its targets at the province, so a commune's template may list none).
 */
async function downloadTemplate(page: Page): Promise<Template> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải mẫu nhập (.xlsx)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mau-nhap-.+\.xlsx$/);
  const bytes = await readFile(await download.path());
  const { ws, column } = await valuesSheet(bytes);
  expect(ws.getRow(1).getCell(column('value')).value).toBe(VALUE_HEADER);
  let row = ws.rowCount + 1;
  ws.eachRow((r, n) => {
    if (r.getCell(column('indicator_code')).value === OCOP) row = n;
  });
  return { bytes, row };
}

/** The template with the commune's OCOP value for the period set, as an upload. */
async function filled(template: Template, value: number | string) {
  const { wb, ws, column } = await valuesSheet(template.bytes);
  const row = ws.getRow(template.row);
  row.getCell(column('indicator_code')).value = OCOP;
  row.getCell(column('unit_code')).value = COMMUNE;
  row.getCell(column('period')).value = PERIOD;
  row.getCell(column('value')).value = value;
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { name: 'so-lieu.xlsx', mimeType: XLSX, buffer };
}

describeWeb('the web app: import from an Excel file', (web) => {
  it('a commune reporter downloads the template, sees a bad cell in place, previews, cancels and commits', async () => {
    const context = await web().newContext();
    const page = await openAs(context, `/entry?unit=${COMMUNE}&period=${PERIOD}`);
    await page.getByRole('link', { name: 'Nhập từ tệp Excel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhập số liệu từ tệp Excel' }).waitFor();
    const direct = await context.request.get(
      `/api/v1/plans/LCI-DX-2024/template?unit=${COMMUNE}&period=${PERIOD}`,
    );
    expect(direct.status()).toBe(200);
    expect(direct.headers()['content-type']).toContain(XLSX);
    const template = await downloadTemplate(page);
    const before = await storedValue(context);

    // One bad cell: the file is refused, the grid marks that cell with its message, nothing is written.
    await page.getByTestId('upload-file').setInputFiles(await filled(template, -3));
    const errors = page.getByTestId('upload-errors');
    await errors.waitFor();
    const bad = page.getByTestId(`upload-bad-${template.row}-${VALUE_HEADER}`);
    expect(await bad.textContent()).toMatch(/^-3 — lỗi: .+/);
    expect(await page.getByTestId('upload-errors-list').textContent()).toContain(
      `Trang «values», dòng ${template.row}, cột «${VALUE_HEADER}»`,
    );
    await expectNoSeriousAxeViolations(page, 'the error grid');
    expect(await storedValue(context)).toEqual(before);

    // A good file: its preview shows old → new; cancel forgets it, nothing written.
    await page.getByTestId('upload-file').setInputFiles(await filled(template, 17));
    await page.getByTestId('upload-preview').waitFor();
    const change = page.getByTestId(`upload-change-${OCOP}`);
    const cells = await change.locator('td').allTextContents();
    expect(cells.slice(4)).toEqual([
      before === null ? '(trống)' : String(before),
      '17',
      before === null ? 'Thêm mới' : 'Thay đổi',
    ]);
    await expectNoSeriousAxeViolations(page, 'the preview');
    await page.getByTestId('upload-cancel').click();
    await page.getByText('Đã hủy; không có gì được ghi.').waitFor();
    expect(await page.getByTestId('upload-preview').count()).toBe(0);
    expect(await storedValue(context)).toEqual(before);

    // The same file again, committed: the value is in the API.
    await page.getByTestId('upload-file').setInputFiles(await filled(template, 17));
    await page.getByTestId('upload-preview').waitFor();
    await page.getByTestId('upload-commit').click();
    await page.getByTestId('upload-committed').waitFor();
    expect(await storedValue(context)).toBe(17);
    await context.close();
  });

  it('keeps the page within a phone width, the preview and the error grid scrolling in their boxes', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await openAs(context, UPLOAD);
    const template = await downloadTemplate(page);
    await page.getByTestId('upload-file').setInputFiles(await filled(template, 'nhiều'));
    await page.getByTestId('upload-errors').waitFor();
    expect(await page.evaluate(OVERFLOW)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the error grid at phone width');
    await page.getByTestId('upload-file').setInputFiles(await filled(template, 18));
    await page.getByTestId('upload-preview').waitFor();
    expect(await page.evaluate(OVERFLOW)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the preview at phone width');
    await context.close();
  });
});
