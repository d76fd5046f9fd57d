import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { chooseOption, describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
const CODE = 'WEB-T1';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

/** Signs a demo account in and opens an address, waiting for its heading. */
async function openAs(context: BrowserContext, login: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await signIn(page, login, password(login));
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** The session's CSRF token, for writes sent beside the page with its own cookie. */
async function csrfOf(context: BrowserContext): Promise<string> {
  const answer = await context.request.get('/api/v1/session');
  expect(answer.status()).toBe(200);
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

async function taskOf(context: BrowserContext, code: string) {
  const answer = await context.request.get(`/api/v1/tasks/${code}`);
  return { status: answer.status(), body: (await answer.json()) as Record<string, unknown> };
}

/** The error text a form shows at the field with this label. */
const fieldError = (page: Page, label: string) =>
  page
    .locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');

describeWeb('the web app: tasks and projects', (web) => {
  it('the secretariat reads the counts, creates a task (due before start refused at its field), notes, links, edits, meets a stale version, moves it on the board, and the audit log has it', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.vanphong', '/tasks');
    const csrf = await csrfOf(context);

    // The committee's counts and the board's columns.
    const summary = page.getByTestId('tasks-summary');
    await expect
      .poll(() => summary.textContent())
      .toMatch(/^38 nhiệm vụ: 1 hoàn thành, 31 thường xuyên, 6 đang thực hiện/);
    await page.getByRole('heading', { level: 2, name: 'Đang thực hiện (6)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Thường xuyên (31)' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'the board');

    // A new task: due before start is refused at the due date, then created.
    await page.getByTestId('task-new').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mã nhiệm vụ').fill(CODE);
    await dialog.getByLabel('Tên nhiệm vụ').fill('Triển khai ứng dụng VNeID tại bộ phận một cửa');
    await dialog.getByLabel('Chương trình').fill('DA06');
    await dialog.getByLabel('Đơn vị chủ trì').fill('LCI-STTTT');
    await dialog.getByLabel('Ngày bắt đầu').fill('2024-03-01');
    await dialog.getByLabel('Hạn hoàn thành').fill('2024-02-01');
    await expectNoSeriousAxeViolations(page, 'the new task form');
    await dialog.getByTestId('task-submit').click();
    await expect.poll(() => fieldError(page, 'Hạn hoàn thành').textContent()).toContain('trước ngày bắt đầu');
    expect((await taskOf(context, CODE)).status).toBe(404);
    await dialog.getByLabel('Hạn hoàn thành').fill('2024-12-31');
    await dialog.getByTestId('task-submit').click();
    await page.waitForURL(`**/tasks/${CODE}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(CODE) }).waitFor();
    expect((await taskOf(context, CODE)).body).toMatchObject({
      leadUnit: { code: 'LCI-STTTT' },
      start: '2024-03-01',
      due: '2024-12-31',
      status: 'notStarted',
    });

    // A progress note and a link.
    await page.getByLabel('Ghi chú tiến độ').fill('Đã họp triển khai với các sở');
    await page.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await expect.poll(() => page.getByTestId('task-notes').textContent()).toContain('Đã họp triển khai');
    await page.getByLabel('Địa chỉ (https://…)').fill('https://laocai.gov.vn/ke-hoach-06');
    await page.getByLabel('Tên tài liệu').fill('Kế hoạch triển khai');
    await page.getByRole('button', { name: 'Đính kèm liên kết' }).click();
    await page.getByRole('link', { name: 'Kế hoạch triển khai' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'a task’s page');

    // An edit: status and note, saved with its version.
    await chooseOption(page.getByRole('combobox', { name: 'Trạng thái' }), 'Đang thực hiện');
    await page.getByLabel('Ghi chú', { exact: true }).fill('Ưu tiên quý 3');
    await page.getByTestId('task-submit').click();
    await expect.poll(async () => (await taskOf(context, CODE)).body.status).toBe('inProgress');
    await expect.poll(() => page.getByTestId('task-status').textContent()).toContain('Đang thực hiện');

    // Someone else changes it first: the stale edit is refused and the newer task offered.
    const shown = (await taskOf(context, CODE)).body.version as number;
    const other = await context.request.patch(`/api/v1/tasks/${CODE}`, {
      headers: { 'x-csrf-token': csrf },
      data: { due: '2024-11-30', version: shown },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Ghi chú', { exact: true }).fill('Sửa trên bản cũ');
    await page.getByTestId('task-submit').click();
    const stale = page.getByTestId('task-stale');
    await expect
      .poll(() => stale.textContent())
      .toContain('Bản mới nhất: trạng thái «Đang thực hiện», hạn 30/11/2024');
    expect((await taskOf(context, CODE)).body.note).toBe('Ưu tiên quý 3');
    await stale.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await expect.poll(() => page.getByLabel('Hạn hoàn thành').inputValue()).toBe('2024-11-30');
    expect(await page.getByLabel('Ghi chú', { exact: true }).inputValue()).toBe('Ưu tiên quý 3');

    // On the board: it is in progress, moved to completed.
    await page.getByRole('link', { name: 'Quay lại danh sách nhiệm vụ' }).click();
    const card = page.locator(`[data-testid="task-card"][data-code="${CODE}"]`);
    const column = () => card.evaluate((el) => el.closest('section')?.dataset.status);
    await expect.poll(column).toBe('inProgress');
    // The board's select moves the task and shows no choice: the move is made once the card is in its column.
    await chooseOption(
      page.getByRole('combobox', { name: `Chuyển trạng thái nhiệm vụ ${CODE}` }),
      'Hoàn thành',
      async () => (await column()) === 'completed',
    );
    expect((await taskOf(context, CODE)).body.status).toBe('completed');

    // The audit log (read by the administrator) has the creation, the edits and the move.
    const admin = await web().newContext();
    const adminSession = await admin.request.post('/api/v1/session', {
      data: { login: 'demo.quantri', password: password('demo.quantri') },
    });
    expect(adminSession.status()).toBe(200);
    const audit = await admin.request.get(`/api/v1/audit?entity=task&key=${CODE}`);
    expect(audit.status()).toBe(200);
    const entries = ((await audit.json()) as { entries: { action: string; actor: string; new: unknown }[] })
      .entries;
    expect(entries.map((e) => e.action).sort()).toEqual(['create', 'update', 'update', 'update']);
    expect(entries.every((e) => e.actor === 'demo.vanphong')).toBe(true);
    expect(entries.some((e) => (e.new as { status?: string }).status === 'completed')).toBe(true);
    await admin.close();

    await context.close();
  });

  it('the secretariat round-trips tasks through Excel, and submits and deletes a project', async () => {
    const context = await web().newContext();
    const page = await openAs(context, 'demo.vanphong', '/tasks?programme=XL2024&view=list');
    const csrf = await csrfOf(context);
    const made = await context.request.post('/api/v1/tasks', {
      headers: { 'x-csrf-token': csrf },
      data: {
        code: 'WEB-X1',
        programme: 'XL2024',
        title: 'Số hóa hồ sơ một cửa',
        leadUnit: 'LCI-STTTT',
        status: 'inProgress',
        due: '2024-12-31',
      },
    });
    expect(made.status(), await made.text()).toBe(201);
    await page.reload();
    await expect.poll(() => page.getByTestId('tasks-count').textContent()).toBe('1 nhiệm vụ');

    // Export in the import format (the filtered tasks), change the title in Excel, preview and commit it back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải danh sách nhiệm vụ (.xlsx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tasks_XL2024_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('tasks');
    if (!sheet) throw new Error('no tasks sheet');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('WEB-X1');
    expect(sheet.getRow(2).getCell(8).value).toBe('đang triển khai');
    sheet.getRow(2).getCell(3).value = 'Số hóa hồ sơ một cửa (đã sửa trong Excel)';
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('upload-file').setInputFiles({ name: 'nhiem-vu.xlsx', mimeType: XLSX, buffer });
    await page.getByTestId('upload-preview').waitFor();
    expect((await taskOf(context, 'WEB-X1')).body.title).toBe('Số hóa hồ sơ một cửa');
    await expectNoSeriousAxeViolations(page, 'the task list with an import preview');
    await page.getByTestId('upload-commit').click();
    await expect.poll(() => page.getByTestId('upload-committed').textContent()).toContain('1 dòng thay đổi');
    expect((await taskOf(context, 'WEB-X1')).body.title).toBe('Số hóa hồ sơ một cửa (đã sửa trong Excel)');
    await page.getByRole('link', { name: /^WEB-X1 Số hóa hồ sơ một cửa \(đã sửa trong Excel\)/ }).waitFor();

    // A project: its disbursement rate, then submitted for approval.
    const project = await context.request.post('/api/v1/tasks', {
      headers: { 'x-csrf-token': csrf },
      data: {
        code: 'WEB-P1',
        programme: 'DA06',
        title: 'Nâng cấp trung tâm dữ liệu tỉnh',
        kind: 'project',
        leadUnit: 'LCI-STTTT',
        status: 'inProgress',
        budgetPlanned: 12_000_000_000,
        budgetDisbursed: 4_416_000_000,
      },
    });
    expect(project.status(), await project.text()).toBe(201);
    await page.getByRole('link', { name: 'Dự án và giải ngân' }).click();
    const projectRow = page.getByTestId('projects-table').locator('tr', { hasText: 'WEB-P1' });
    await expect.poll(() => projectRow.textContent()).toContain('36,8%');
    expect(await projectRow.textContent()).toContain('12.000.000.000');
    expect(await projectRow.textContent()).toContain('Đang soạn thảo');
    await expectNoSeriousAxeViolations(page, 'the projects');
    await projectRow.getByRole('button', { name: 'Trình duyệt dự án WEB-P1' }).click();
    await expect.poll(() => projectRow.textContent()).toContain('Đã trình');
    await expect
      .poll(async () => ((await taskOf(context, 'WEB-P1')).body.approval as { state: string }).state)
      .toBe('submitted');

    // Deleted from its page.
    await page.goto('/tasks/WEB-P1');
    await page.getByRole('button', { name: 'Xóa nhiệm vụ' }).click();
    await page.getByRole('button', { name: 'Xóa', exact: true }).click();
    await page.waitForURL('**/tasks');
    expect((await taskOf(context, 'WEB-P1')).status).toBe(404);
    await context.close();
  });

  it('the leader reads without edit actions at phone width, a forged write is refused; a department’s reporter notes its own task and is refused another unit’s', async () => {
    const leader = await web().newContext({ width: 390, height: 844 });
    const page = await openAs(leader, 'demo.lanhdao', '/tasks');
    await page.getByTestId('task-board').waitFor();
    await page.getByText('Bạn chỉ được xem nhiệm vụ', { exact: false }).first().waitFor();
    expect(await page.getByTestId('task-new').count()).toBe(0);
    expect(await page.getByRole('combobox', { name: /^Chuyển trạng thái nhiệm vụ/ }).count()).toBe(0);
    expect(await page.getByTestId('upload-file').count()).toBe(0);
    expect(await page.evaluate(OVERFLOW)).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the board at phone width, read only');
    await page.getByRole('link', { name: /^DA06-LCI-2024-01 / }).click();
    await page.getByTestId('task-facts').waitFor();
    expect(await page.getByTestId('task-form').count()).toBe(0);
    expect(await page.getByTestId('task-note-form').count()).toBe(0);
    expect(await page.evaluate(OVERFLOW)).toBe(0);
    const forged = await leader.request.patch('/api/v1/tasks/DA06-LCI-2024-01', {
      headers: { 'x-csrf-token': await csrfOf(leader) },
      data: { status: 'notStarted' },
    });
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { message_vi: string }).message_vi).toMatch(/quyền/);
    expect((await taskOf(leader, 'DA06-LCI-2024-01')).body.status).toBe('completed');
    await leader.close();

    // A department's reporter reads only the tasks its unit leads and writes their progress; another unit's task
    // is refused with the API's message.
    const secretariat = await web().newContext();
    const made = await secretariat.request.post('/api/v1/session', {
      data: { login: 'demo.vanphong', password: password('demo.vanphong') },
    });
    const secretariatCsrf = ((await made.json()) as { csrfToken: string }).csrfToken;
    const created = await secretariat.request.post('/api/v1/tasks', {
      headers: { 'x-csrf-token': secretariatCsrf },
      data: {
        code: 'WEB-T2',
        programme: 'KH2024',
        title: 'Báo cáo sơ kết',
        leadUnit: 'LCI-STTTT',
        status: 'inProgress',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    await secretariat.close();
    const department = await web().newContext();
    const dept = await openAs(department, 'demo.so', '/tasks');
    const theirs = (await (await department.request.get('/api/v1/tasks')).json()) as {
      tasks: { code: string; leadUnit: { code: string } }[];
    };
    expect(theirs.tasks.length).toBeLessThan(38);
    expect(theirs.tasks.map((x) => x.code)).toContain('WEB-T2');
    expect(new Set(theirs.tasks.map((x) => x.leadUnit.code))).toEqual(new Set(['LCI-STTTT']));
    await expect
      .poll(() => dept.getByTestId('tasks-count').textContent())
      .toBe(`${theirs.tasks.length} nhiệm vụ`);
    expect(await dept.getByTestId('task-new').count()).toBe(0);
    await dept.getByRole('link', { name: /^WEB-T2 / }).click();
    await dept.getByLabel('Ghi chú tiến độ').fill('Sở đã gửi báo cáo');
    await dept.getByRole('button', { name: 'Thêm ghi chú' }).click();
    await expect.poll(() => dept.getByTestId('task-notes').textContent()).toContain('Sở đã gửi báo cáo');
    expect(await dept.getByTestId('task-form').count()).toBe(0);
    await dept.goto('/tasks/DA06-LCI-2024-01');
    await expect.poll(() => dept.getByRole('alert').first().textContent()).toMatch(/quyền/);
    expect(await dept.getByTestId('task-facts').count()).toBe(0);
    await department.close();
  });
});
