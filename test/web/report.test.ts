import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const PLAN = 'LCI-DX-2024';
const DASHBOARD = `/plans/${PLAN}?period=2024S1`;
const NOTES = `/api/v1/plans/${PLAN}/report/notes?period=2024S1`;
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const MINE = 'Ban Chỉ đạo đánh giá 6 tháng đầu năm 2024 các sở, ngành đã bám sát kế hoạch.';
const THEIRS = 'Quản trị viên sửa: kết quả còn chênh lệch giữa các xã.';

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

/**
 * Signs in through the page on the dashboard of 2024S1 and follows its link to the meeting report, or signs in
 * straight to the report.
 */
async function openReport(
  context: BrowserContext,
  login: string,
  from: 'dashboard' | 'address',
): Promise<Page> {
  // The report is written anew for each preview and each save: on a busy machine a step may take longer.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const report = `/plans/${PLAN}/report?period=2024S1`;
  await page.goto(`/sign-in?next=${encodeURIComponent(from === 'dashboard' ? DASHBOARD : report)}`);
  await signIn(page, login, password(login));
  if (from === 'dashboard') {
    await page.getByRole('link', { name: 'Báo cáo phiên họp' }).click();
    await page.waitForURL((url) => url.pathname === `/plans/${PLAN}/report`);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2024S1');
  }
  await page.getByRole('heading', { level: 1, name: 'Báo cáo phiên họp' }).waitFor();
  await frame(page).getByText('8 mục tiêu hoàn thành', { exact: false }).first().waitFor();
  return page;
}

const frame = (page: Page) => page.frameLocator('[data-testid="report-frame"]');
const editor = (page: Page, section: string) => page.getByTestId(`note-${section}`);

/** Downloads a format through its link and answers the file's bytes and name. */
async function download(page: Page, name: string): Promise<{ bytes: Buffer; file: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Tải báo cáo (${name})` }).click(),
  ]);
  return { bytes: await readFile(await file.path()), file: file.suggestedFilename() };
}

describeWeb('the meeting report page', (web) => {
  it('the secretariat previews, writes, saves over a newer text, clears, sets the heading and downloads', async () => {
    const context = await web().newContext();
    const page = await openReport(context, 'demo.vanphong', 'dashboard');
    // The band counts in the committee's words, as the report writes them, inside the frame.
    await expect(
      frame(page)
        .getByText(/8 mục tiêu hoàn thành và vượt kế hoạch giao; 11 mục tiêu đạt trên 80%/)
        .count(),
    ).resolves.toBeGreaterThan(0);

    // A paragraph written and saved: the preview is written again with it.
    const assessment = editor(page, 'assessment');
    await assessment.getByLabel('Đánh giá chung').fill(MINE);
    await assessment.getByRole('button', { name: 'Lưu' }).click();
    await assessment.getByText('Đã lưu; bản xem trước đã cập nhật.').waitFor();
    await frame(page).getByText(MINE).waitFor();
    await expect(frame(page).getByRole('heading', { name: 'II. ĐÁNH GIÁ CHUNG' }).count()).resolves.toBe(1);

    // Whitespace only: refused by the server, its message at the field.
    const causes = editor(page, 'causes');
    await causes.getByLabel('Tồn tại, hạn chế và nguyên nhân').fill('   ');
    await causes.getByRole('button', { name: 'Lưu' }).click();
    await causes.getByText(/phải có từ 1 đến 20\.000 ký tự \(nhận được 0\)/).waitFor();

    // Someone else saves the section meanwhile: this page's save over the old version is refused with the newer
    // text offered; keeping mine saves over it.
    const admin = await web().browser.newContext({ baseURL: web().url });
    const csrf = await apiAs(admin, 'demo.quantri');
    const current = (await (await admin.request.get(NOTES)).json()) as {
      notes: { section: string; updatedAt: string }[];
    };
    const version = current.notes.find((n) => n.section === 'assessment')?.updatedAt;
    expect(version).toBeDefined();
    const theirs = await admin.request.put(`${NOTES}&section=assessment`, {
      headers: { 'x-csrf-token': csrf },
      data: { text: THEIRS, version },
    });
    expect(theirs.status()).toBe(200);
    await assessment.getByLabel('Đánh giá chung').fill(`${MINE} Bổ sung.`);
    await assessment.getByRole('button', { name: 'Lưu' }).click();
    const conflict = assessment.getByTestId('note-conflict');
    await conflict.getByText(/đã được demo\.quantri sửa lúc/).waitFor();
    await conflict.getByText(THEIRS).waitFor();
    await conflict.getByRole('button', { name: 'Giữ bản của tôi và lưu đè' }).click();
    await assessment.getByText('Đã lưu; bản xem trước đã cập nhật.').waitFor();
    await frame(page).getByText(`${MINE} Bổ sung.`).waitFor();

    // Another section saved, then cleared (confirmed): gone from the preview.
    const next = editor(page, 'nextTasks');
    await next.getByLabel('Nhiệm vụ trọng tâm thời gian tới').fill('Hoàn thành kết nối cáp quang đến thôn.');
    await next.getByRole('button', { name: 'Lưu' }).click();
    await frame(page).getByText('Hoàn thành kết nối cáp quang đến thôn.').waitFor();
    await next.getByRole('button', { name: 'Xóa phần này' }).click();
    await page.getByRole('button', { name: 'Xóa', exact: true }).click();
    await next.getByText('Đã xóa phần này.').waitFor();
    await poll(() => frame(page).getByText('Hoàn thành kết nối cáp quang đến thôn.').count()).toBe(0);

    // Every save and the clear are in the audit log (read by the province's administrator).
    const audit = async (section: string) => {
      const key = `${PLAN}|2024S1|pre2025:10|${section}`;
      const answer = await admin.request.get(
        `/api/v1/audit?entity=reportNote&key=${encodeURIComponent(key)}`,
      );
      expect(answer.status()).toBe(200);
      return ((await answer.json()) as { entries: { actor: string; action: string }[] }).entries;
    };
    const entries = await audit('assessment');
    expect(entries.map((e) => `${e.actor} ${e.action}`).sort()).toEqual([
      'demo.quantri update',
      'demo.vanphong create',
      'demo.vanphong update',
    ]);
    expect((await audit('nextTasks')).map((e) => e.action).sort()).toEqual(['create', 'delete']);

    // The heading: a document number refused at its field, then a signer saved and printed in the preview.
    await page.getByText('Phần đầu và phần ký của báo cáo').click();
    const settings = page.getByTestId('report-settings');
    await settings.getByLabel('Số văn bản').fill('0');
    await settings.getByRole('button', { name: 'Lưu phần đầu báo cáo' }).click();
    await settings
      .locator('#report-settings_number_help')
      .getByText(/ít nhất 1|lớn hơn|>= ?1|từ 1/)
      .waitFor();
    await settings.getByLabel('Số văn bản').fill('17');
    await settings.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn Bình');
    await settings.getByRole('button', { name: 'Lưu phần đầu báo cáo' }).click();
    await settings.getByText('Đã lưu phần đầu báo cáo.').waitFor();
    await frame(page).getByText('Nguyễn Văn Bình').waitFor();
    await frame(page)
      .getByText(/Số: 17\/BC-BCĐ/)
      .waitFor();

    // The files of the same period: a Word document and a workbook.
    const docx = await download(page, 'Word .docx');
    expect(docx.file).toBe(`bao-cao-${PLAN}-2024S1.docx`);
    const parts = unzipSync(new Uint8Array(docx.bytes));
    expect(Object.keys(parts)).toContain('word/document.xml');
    expect(new TextDecoder().decode(parts['word/document.xml'])).toContain('Bổ sung.');
    const xlsx = await download(page, 'Excel .xlsx');
    expect(xlsx.file).toBe(`bao-cao-${PLAN}-2024S1.xlsx`);
    expect(Object.keys(unzipSync(new Uint8Array(xlsx.bytes)))).toContain('xl/workbook.xml');

    await expectNoSeriousAxeViolations(page, 'the meeting report page of the secretariat');
    await admin.close();
    await context.close();
  }, 240_000);

  it('a leader reads and downloads but writes nothing; a forged save is refused; it fits a phone', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await openReport(context, 'demo.lanhdao', 'address');
    await page.getByTestId('report-read-only').waitFor();
    await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Lưu' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Tải báo cáo (Markdown .md)' }).count()).resolves.toBe(1);
    const md = await download(page, 'Markdown .md');
    expect(md.file).toBe(`bao-cao-${PLAN}-2024S1.md`);
    expect(md.bytes.toString('utf8')).toMatch(/mục tiêu hoàn thành và vượt kế hoạch giao/);

    // A save forged from the leader's own page: refused by the server, and the message says why.
    const forged = (await page.evaluate(`(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const answer = await fetch('${NOTES}&section=assessment', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ text: 'Giả mạo.' }),
      });
      return { status: answer.status, body: await answer.json() };
    })()`)) as { status: number; body: { message_vi: string } };
    expect(forged.status).toBe(403);
    expect(forged.body.message_vi).toMatch(/không có quyền|quyền/);
    const notes = (await (await context.request.get(NOTES)).json()) as { notes: { text: string }[] };
    expect(notes.notes.map((n) => n.text)).not.toContain('Giả mạo.');

    await poll(() => page.evaluate(OVERFLOW)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the meeting report page of a leader at phone width');
    await context.close();
  }, 240_000);
});
