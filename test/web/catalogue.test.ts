import { expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import { runCli } from '../support/run-cli.js';
import { chooseOption, describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/**
 * The indicator catalogue (docs/web.md, "The indicator catalogue"): the secretariat over the whole installation
 * creates and edits indicators, groups and validation rules, each refusal shown at its field and each change in the
 * audit log; a validation rule's sides are read as they are typed; a viewer reads only, and a write forged past the
 * page is refused by the API with its message shown.
 */

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const SECRETARIAT = ['demo.vanphong', 'Tong-hop-bao-cao-2024'] as const;
const VIEWER = ['demo.lanhdao', 'Xem-so-lieu-2024'] as const;

interface AuditEntry {
  actor: string | null;
  action: string;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
}

async function openCatalogue(
  context: BrowserContext,
  [login, password]: readonly [string, string],
  path = '/catalogue',
) {
  const page = await context.newPage();
  await page.goto(path);
  // The sign-in page's chunk may take a while on a busy machine.
  await page.getByLabel('Tên đăng nhập').waitFor({ timeout: 30_000 });
  // Signing in checks the password (scrypt): slow when the machine is.
  page.setDefaultNavigationTimeout(30_000);
  await signIn(page, login, password);
  await page.getByRole('heading', { level: 1, name: 'Danh mục chỉ tiêu' }).waitFor();
  return page;
}

/** The message shown at a form field, found by the field's label. */
function fieldError(scope: Locator, label: string): Locator {
  return scope
    .locator('.ant-form-item')
    .filter({ has: scope.page().getByLabel(label, { exact: true }) })
    .locator('.ant-form-item-explain-error');
}

/**
 * The audit log's history of one catalogue entry, read as the installation's administrator (the audit log is the
 * administrators'; the catalogue belongs to no province).
 */
async function audit(context: BrowserContext, entity: string, key: string): Promise<AuditEntry[]> {
  const res = await context.request.get(
    `/api/v1/audit?entity=${encodeURIComponent(entity)}&key=${encodeURIComponent(key)}`,
  );
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { entries: AuditEntry[] }).entries;
}

/** A context signed in through the API as the administrator, made the installation's one. */
async function auditor(web: () => { newContext: () => Promise<BrowserContext> }): Promise<BrowserContext> {
  const context = await web().newContext();
  const res = await context.request.post('/api/v1/session', {
    data: { login: 'demo.quantri', password: 'Quan-tri-he-thong-2024' },
  });
  expect(res.status(), await res.text()).toBe(200);
  return context;
}

describeWeb('the indicator catalogue', (web) => {
  it('the secretariat creates an indicator, is refused bad bounds and a used code at their fields, edits it, and the audit log shows both', async () => {
    // The catalogue is shared by every province: changing it takes the secretariat over the whole installation,
    // which the operator grants with the command line through the running server (and the installation's
    // administrator, who reads the audit log).
    for (const [login, role] of [
      [SECRETARIAT[0], 'secretariat'],
      ['demo.quantri', 'admin'],
    ] as const) {
      const grant = await runCli([
        '--server',
        web().url,
        '--data',
        web().dataDir,
        'users',
        'grant',
        login,
        '--role',
        role,
        '--unit',
        '/',
      ]);
      expect(grant.code, grant.stderr).toBe(0);
    }

    const context = await web().newContext();
    const page = await openCatalogue(context, SECRETARIAT);
    const table = page.getByTestId('catalogue-indicators');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByRole('note').count()).toBe(0);
    const taken = (await table.locator('tbody tr.ant-table-row').first().locator('code').textContent()) ?? '';
    expect(taken).not.toBe('');

    // The search finds an indicator by its name without Vietnamese marks, and says how many it shows.
    const count = page.locator('.catalogue-count');
    const total = (await count.textContent()) ?? '';
    await page.getByLabel('Tìm theo mã hoặc tên').fill('dien thoai thong minh');
    await poll(() => count.textContent()).not.toBe(total);
    await table.getByText('DX_ADULTS_SMARTPHONE').waitFor();
    await page.getByLabel('Tìm theo mã hoặc tên').fill('');
    await poll(() => count.textContent()).toBe(total);
    await expectNoSeriousAxeViolations(page, 'the indicators list');

    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    const drawer = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
    await drawer.getByLabel('Mã', { exact: true }).fill(taken);
    await drawer.getByLabel('Tên (tiếng Việt)').fill('Tỷ lệ hồ sơ trực tuyến toàn trình (thử)');
    await chooseOption(drawer.getByLabel('Kiểu giá trị', { exact: true }), 'Phần trăm (%)');
    await drawer.getByLabel('Đơn vị tính').fill('%');
    await drawer.getByLabel('Mức tối thiểu (min)').fill('80');
    await drawer.getByLabel('Mức tối đa (max)').fill('20,5');
    // The bounds are checked as the API checks them (the domain's rule), at the field at fault, before any request.
    await poll(() => fieldError(drawer, 'Mức tối đa (max)').textContent()).toBe(
      'Mức tối đa 20,5 nhỏ hơn mức tối thiểu 80.',
    );
    await drawer.getByLabel('Mức tối đa (max)').fill('120');
    await poll(() => fieldError(drawer, 'Mức tối đa (max)').textContent()).toContain('nằm ngoài giới hạn');
    await drawer.getByLabel('Mức tối đa (max)').fill('100');
    await poll(() => fieldError(drawer, 'Mức tối đa (max)').count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the new indicator form');

    // A code already in use: the API refuses it (409) and the page shows why at the code.
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => fieldError(drawer, 'Mã').textContent()).toBe('Mã này đã có chỉ tiêu.');
    await drawer.getByLabel('Mã', { exact: true }).fill('TEST_DVC_TOANTRINH');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByLabel('Tìm theo mã hoặc tên').fill('TEST_DVC');
    const row = table.locator('tbody tr', { hasText: 'TEST_DVC_TOANTRINH' });
    await poll(() => row.textContent()).toContain('80 – 100');
    expect(await row.textContent()).toContain('Phần trăm (%)');

    // Edit: a name in English, lower is better, a group typed new; the list shows it.
    await row.getByRole('button', { name: 'Sửa TEST_DVC_TOANTRINH' }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa chỉ tiêu TEST_DVC_TOANTRINH' });
    expect(await edit.getByLabel('Mã', { exact: true }).isDisabled()).toBe(true);
    expect(await edit.getByLabel('Mức tối thiểu (min)').inputValue()).toBe('80');
    await edit.getByLabel('Tên (tiếng Anh)').fill('Share of end-to-end online applications (test)');
    await chooseOption(edit.getByLabel('Chiều đánh giá', { exact: true }), 'Càng thấp càng tốt');
    await edit.getByLabel('Mức tối thiểu (min)').fill('12,5');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'hidden' });
    await poll(() => row.textContent()).toContain('12,5 – 100');
    expect(await row.textContent()).toContain('Càng thấp càng tốt');

    // The audit log has both, by the secretariat, the edit with the old and new figures.
    const admin = await auditor(web);
    const entries = await audit(admin, 'indicator', 'TEST_DVC_TOANTRINH');
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries.map((e) => e.actor)).toEqual(['demo.vanphong', 'demo.vanphong']);
    expect(entries[1]?.old).toMatchObject({ min: 80, direction: 'increase', nameEn: null });
    expect(entries[1]?.new).toMatchObject({
      min: 12.5,
      direction: 'decrease',
      nameEn: 'Share of end-to-end online applications (test)',
    });
    await admin.close();
    await context.close();
  });

  it('checks a rule as it is typed, flags unknown indicators, saves and edits it, and manages a group', async () => {
    const context = await web().newContext();
    const page = await openCatalogue(context, SECRETARIAT, '/catalogue?tab=rules');
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().includes('/api/v1/validation-rules')) writes.push(r.url());
    });
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const drawer = page.getByRole('dialog', { name: 'Thêm quy tắc' });
    await drawer.getByLabel('Mã', { exact: true }).fill('TEST_RULE_SMARTPHONE');
    await drawer.getByLabel('Tên (tiếng Việt)').fill('Điện thoại thông minh không quá 100%');
    const left = drawer.getByLabel('Vế trái');
    await left.fill('#{DX_ADULTS_SMARTPHONE} + * 2');
    await poll(() => fieldError(drawer, 'Vế trái').textContent()).toBe(
      'Biểu thức «#{DX_ADULTS_SMARTPHONE} + * 2»: Không mong đợi «*» tại ký tự 27.',
    );
    // Under the field, the expression with the character at fault marked.
    expect(await drawer.getByTestId('expression-mark').locator('mark').textContent()).toBe('*');
    await left.fill('(#{DX_ADULTS_SMARTPHONE}');
    await poll(() => fieldError(drawer, 'Vế trái').textContent()).toContain(
      'Thiếu dấu «)» đóng ngoặc mở tại ký tự 1',
    );
    await left.fill('#{DX_ADULTS_SMARTPHONE} + #{KHONG_CO}');
    await poll(() => fieldError(drawer, 'Vế trái').textContent()).toBe(
      'Chưa có chỉ tiêu trong danh mục: KHONG_CO.',
    );
    await drawer.getByLabel('Vế phải').fill('100');
    // Saving with a side at fault sends nothing.
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => fieldError(drawer, 'Vế trái').count()).toBe(1);
    expect(writes).toEqual([]);
    await left.fill('#{DX_ADULTS_SMARTPHONE}');
    await poll(() => fieldError(drawer, 'Vế trái').count()).toBe(0);
    await drawer.getByText('Nêu các chỉ tiêu: DX_ADULTS_SMARTPHONE.').waitFor();
    await expectNoSeriousAxeViolations(page, 'the new rule form');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await drawer.waitFor({ state: 'hidden' });
    const rules = page.getByTestId('catalogue-rules');
    const row = rules.locator('tbody tr', { hasText: 'TEST_RULE_SMARTPHONE' });
    await poll(() => row.textContent()).toContain('#{DX_ADULTS_SMARTPHONE} <= 100');

    await row.getByRole('button', { name: 'Sửa TEST_RULE_SMARTPHONE' }).click();
    const edit = page.getByRole('dialog', { name: 'Sửa quy tắc TEST_RULE_SMARTPHONE' });
    await edit.getByLabel('Vế phải').fill('99,5');
    await poll(() => fieldError(edit, 'Vế phải').textContent()).toContain('«,» không hợp lệ tại ký tự 3');
    await edit.getByLabel('Vế phải').fill('99.5');
    await chooseOption(
      edit.getByLabel('Khi thiếu số liệu', { exact: true }),
      'Không bỏ qua (số thiếu tính là 0)',
    );
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await edit.waitFor({ state: 'hidden' });
    await poll(() => row.textContent()).toContain('#{DX_ADULTS_SMARTPHONE} <= 99.5');
    expect(await row.textContent()).toContain('Không bỏ qua');
    const admin = await auditor(web);
    const ruleAudit = await audit(admin, 'validationRule', 'TEST_RULE_SMARTPHONE');
    expect(ruleAudit.map((e) => [e.action, e.new?.rightSide])).toEqual([
      ['create', '100'],
      ['update', '99.5'],
    ]);

    // Groups: create one, refused a used code at the field, then rename it.
    await page.getByRole('tab', { name: 'Nhóm chỉ tiêu' }).click();
    await page.waitForURL((url) => url.search === '?tab=groups');
    const groups = page.getByTestId('catalogue-groups');
    const existing =
      (await groups.locator('tbody tr.ant-table-row').first().locator('code').textContent()) ?? '';
    await page.getByRole('button', { name: 'Thêm nhóm' }).click();
    const newGroup = page.getByRole('dialog', { name: 'Thêm nhóm' });
    await newGroup.getByLabel('Mã', { exact: true }).fill(existing);
    await newGroup.getByLabel('Tên (tiếng Việt)').fill('Nhóm thử');
    await newGroup.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => fieldError(newGroup, 'Mã').textContent()).toBe('Mã này đã có nhóm.');
    await newGroup.getByLabel('Mã', { exact: true }).fill('TEST_GROUP');
    await newGroup.getByRole('button', { name: 'Lưu' }).click();
    await newGroup.waitFor({ state: 'hidden' });
    const groupRow = groups.locator('tbody tr', { hasText: 'TEST_GROUP' });
    await poll(() => groupRow.textContent()).toContain('Nhóm thử');
    await groupRow.getByRole('button', { name: 'Sửa TEST_GROUP' }).click();
    const editGroup = page.getByRole('dialog', { name: 'Sửa nhóm TEST_GROUP' });
    await editGroup.getByLabel('Tên (tiếng Anh)').fill('Test group');
    await editGroup.getByRole('button', { name: 'Lưu' }).click();
    await editGroup.waitFor({ state: 'hidden' });
    await poll(() => groupRow.textContent()).toContain('Test group');
    expect((await audit(admin, 'indicatorGroup', 'TEST_GROUP')).map((e) => e.action)).toEqual([
      'create',
      'update',
    ]);
    await expectNoSeriousAxeViolations(page, 'the groups list');
    await admin.close();
    await context.close();
  });

  it('shows the viewer the catalogue read-only, and the API refusal of a write forged past the page', async () => {
    // Without the service worker: the page's requests to the API must reach the route below (docs/web.md).
    const context = await web().browser.newContext({
      baseURL: web().url,
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });
    context.setDefaultTimeout(10_000);
    const page = await openCatalogue(context, VIEWER);
    await page.getByTestId('catalogue-indicators').locator('tbody tr.ant-table-row').first().waitFor();
    await page
      .getByRole('note')
      .getByText(/chỉ đọc/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Sửa / }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the read-only catalogue');
    await page.getByRole('tab', { name: 'Quy tắc kiểm tra' }).click();
    await page.getByTestId('catalogue-rules').waitFor();
    expect(await page.getByRole('button', { name: 'Thêm quy tắc' }).count()).toBe(0);

    // A forged write: the session the page reads is doctored to claim the secretariat over the installation, so
    // the page offers the form; the API still refuses the write and the form shows its message.
    await page.route('**/api/v1/session', async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as {
        grants: { role: string; unit: string; permissions: string[] }[];
      };
      session.grants.push({ role: 'secretariat', unit: '/', permissions: ['read', 'plans:manage'] });
      await route.fulfill({ response, json: session });
    });
    await page.goto('/catalogue');
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    const drawer = page.getByRole('dialog', { name: 'Thêm chỉ tiêu' });
    await drawer.getByLabel('Mã', { exact: true }).fill('TEST_FORGED');
    await drawer.getByLabel('Tên (tiếng Việt)').fill('Chỉ tiêu giả mạo');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await poll(() => drawer.getByRole('alert').textContent()).toContain(
      'Bạn không có quyền sửa danh mục chỉ tiêu',
    );
    const res = await page.request.get('/api/v1/indicators/TEST_FORGED');
    expect(res.status()).toBe(404);
    await context.close();
  });
});
