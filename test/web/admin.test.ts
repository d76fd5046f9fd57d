import { expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { chooseOption, describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

// The administration screens (docs/web.md, "Administration"): the province's administrator (demo.quantri) adds a
// user with a first role, is refused a weak password and a login already taken at their fields, grants a role over
// a district from the unit picker (only units of their province offered; a forged grant over another province is
// 403), disables the user and resets their password; creates an API token whose secret is shown once, revokes it;
// finds each change in the audit log through its filters. A viewer and a reporter see no link and read the API's
// refusal on each screen.

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
/** Waits until the locator's text contains `text`. */
const contains = (locator: Locator, text: string) =>
  poll(async () => (await locator.textContent()) ?? '').toContain(text);
/** Waits until the locator's text is `text` (trimmed). */
const hasText = (locator: Locator, text: string) =>
  poll(async () => ((await locator.textContent()) ?? '').trim()).toBe(text);
/** Waits until the locator finds `n` elements. */
const count = (locator: Locator, n: number) => poll(() => locator.count()).toBe(n);
const OVERFLOW = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

function password(login: string): string {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found.password;
}

async function signedIn(context: BrowserContext, login: string, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, login, password(login));
  await page.waitForURL((url) => url.pathname === path);
  return page;
}

/** The CSRF token of the page's session, for a request forged with its cookie. */
async function csrfOf(context: BrowserContext): Promise<string> {
  const answer = await context.request.get('/api/v1/session');
  return ((await answer.json()) as { csrfToken: string }).csrfToken;
}

/** The form item holding the control labelled `label` (its error shows there). */
const itemOf = (form: Locator, label: string): Locator =>
  form.locator('.ant-form-item').filter({ has: form.page().getByLabel(label, { exact: true }) });

/** Picks a unit in the unit picker, opening `open` first (a unit whose children are listed). */
async function pickUnit(page: Page, picker: Locator, unit: string, open?: string): Promise<void> {
  await picker.click();
  const tree = page.locator('.ant-select-dropdown:visible');
  const target = tree.locator(`.ant-select-tree-node-content-wrapper[title="${unit}"]`);
  if (open) {
    const parent = tree
      .locator('.ant-select-tree-treenode')
      .filter({ has: page.locator(`[title="${open}"]`) });
    // A click on the switcher while the list is still opening can be lost under load: it is made again, at most
    // three times, until the parent shows as open and its child is listed.
    for (let attempt = 0; attempt < 3; attempt++) {
      const isOpen = await parent.evaluate((node) =>
        node.classList.contains('ant-select-tree-treenode-switcher-open'),
      );
      if (!isOpen) await parent.locator('.ant-select-tree-switcher').click();
      if (await target.isVisible({ timeout: 0 }).catch(() => false)) break;
      await target.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      if (await target.isVisible()) break;
    }
  }
  await target.click();
}

const PROVINCE = 'Tỉnh Lào Cai (pre2025:10)';
const DISTRICT = 'Huyện Bát Xát (pre2025:082)';
const NEW_LOGIN = 'canbo.batxat';

describeWeb('the administration screens', (fixture) => {
  it('the province administrator adds a user, is refused at the field, grants a role, disables, and finds it in the audit log', async () => {
    const context = await fixture().newContext();
    const page = await signedIn(context, 'demo.quantri', '/admin/users');
    const nav = page.getByRole('navigation').or(page.locator('header'));
    await nav.getByRole('link', { name: 'Người dùng' }).waitFor();
    await nav.getByRole('link', { name: 'Mã API' }).waitFor();
    await nav.getByRole('link', { name: 'Nhật ký' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Người dùng và vai trò' }).waitFor();
    // The demo users of the province, each role with what it allows in words.
    const viewer = page.getByTestId('user-demo.lanhdao');
    await contains(viewer, 'Xem · Tỉnh Lào Cai (pre2025:10)');
    await contains(viewer, 'Được phép: xem số liệu');
    await contains(page.getByTestId('user-demo.xa'), 'nhập số liệu; gửi số liệu để duyệt');
    await expectNoSeriousAxeViolations(page, 'the users page');

    // A weak password is refused at its field, with the policy's words.
    const form = page.locator('form#new-user');
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill(NEW_LOGIN);
    await form.getByLabel('Họ tên', { exact: true }).fill('Cán bộ huyện Bát Xát');
    await form.getByLabel('Mật khẩu ban đầu (không bắt buộc)', { exact: true }).fill('ngan-qua');
    await chooseOption(form.getByLabel('Vai trò', { exact: true }), 'Xem');
    await pickUnit(page, form.getByLabel('Đơn vị', { exact: true }), PROVINCE);
    await form.getByRole('button', { name: 'Thêm người dùng' }).click();
    await hasText(
      itemOf(form, 'Mật khẩu ban đầu (không bắt buộc)').locator('.ant-form-item-explain-error'),
      'Mật khẩu phải có ít nhất 12 ký tự (hiện có 8).',
    );
    // A login already taken is refused at the login field.
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill('demo.so');
    await form.getByLabel('Mật khẩu ban đầu (không bắt buộc)', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Thêm người dùng' }).click();
    await hasText(
      itemOf(form, 'Tên đăng nhập').locator('.ant-form-item-explain-error'),
      'Tên đăng nhập đã có người dùng.',
    );
    // Created without a password: the temporary one is shown once, with its warning.
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill(NEW_LOGIN);
    await form.getByRole('button', { name: 'Thêm người dùng' }).click();
    await page.getByText(`Đã thêm người dùng ${NEW_LOGIN}.`).waitFor();
    const secret = page.getByTestId('secret-once');
    await contains(secret, 'chỉ hiện một lần');
    const temporary = await secret.getByLabel('Giá trị (chỉ hiện lần này)').inputValue();
    expect(temporary).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const user = page.getByTestId(`user-${NEW_LOGIN}`);
    await contains(user, 'Phải đổi mật khẩu');
    await contains(user, 'Xem · Tỉnh Lào Cai (pre2025:10)');

    // Grant a reporter role over a district picked in the tree of the province.
    await user.getByRole('button', { name: 'Cấp vai trò' }).click();
    const grantForm = page.locator(`form#grant-${NEW_LOGIN.replace('.', '_')}`);
    await chooseOption(grantForm.getByLabel('Vai trò', { exact: true }), 'Báo cáo viên');
    await pickUnit(page, grantForm.getByLabel('Đơn vị', { exact: true }), DISTRICT, PROVINCE);
    await grantForm.getByRole('button', { name: 'Cấp' }).click();
    await contains(user, 'Báo cáo viên · Huyện Bát Xát (pre2025:082)');
    await contains(user, 'Được phép: xem số liệu; nhập số liệu; gửi số liệu để duyệt');
    // The picker offers the province and what lies below it, nothing else; the API refuses a forged grant.
    await user.getByRole('button', { name: 'Cấp vai trò' }).click();
    await grantForm.getByLabel('Đơn vị', { exact: true }).click();
    await count(page.locator('.ant-select-dropdown:visible [role="treeitem"]'), 1);
    await page.keyboard.press('Escape');
    await count(page.locator('.ant-select-dropdown:visible'), 0);
    const csrf = await csrfOf(context);
    const forged = await context.request.post(`/api/v1/users/${NEW_LOGIN}/grants`, {
      headers: { 'x-csrf-token': csrf },
      data: { role: 'admin', unit: 'pre2025:01' },
    });
    expect(forged.status()).toBe(403);
    expect(((await forged.json()) as { message_vi: string }).message_vi).toContain('pre2025:01');

    // Disable, then reset the password (a new temporary one, shown once).
    await user.getByRole('button', { name: 'Khóa tài khoản' }).click();
    const confirm = page.locator('.ant-popover:visible').filter({ hasText: NEW_LOGIN });
    await confirm.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await count(confirm, 0);
    await contains(user, 'Đã khóa');
    await contains(user, `Đã khóa tài khoản ${NEW_LOGIN}.`);
    await user.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const again = await user.getByLabel('Giá trị (chỉ hiện lần này)').inputValue();
    expect(again).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(again).not.toBe(temporary);
    // The search finds the user by their district's name, diacritics optional.
    await page.getByLabel('Tìm theo tên đăng nhập, họ tên hoặc đơn vị').fill('bat xat');
    await page.getByText('1/6 người dùng').waitFor();

    // The audit log: the user's entries, by key and object, newest first.
    await page.getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký thay đổi' }).waitFor();
    const filters = page.locator('form#audit-filter');
    await filters.getByLabel('Mã đối tượng', { exact: true }).fill(NEW_LOGIN);
    await chooseOption(filters.getByLabel('Đối tượng', { exact: true }), 'Người dùng');
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await hasText(page.getByTestId('audit-count'), '3 mục phù hợp, mới nhất trước');
    const entries = page.getByTestId('audit-entry');
    await contains(entries.nth(2), 'Tạo');
    await contains(entries.nth(2), 'demo.quantri');
    // The disabling: its data before and after, the changed field marked.
    const disabled = entries.nth(1);
    await disabled.getByText('Xem dữ liệu trước và sau').click();
    const row = disabled.locator('tr.admin-changed', { has: page.locator('th', { hasText: 'disabled' }) });
    await contains(row, 'false');
    await contains(row, 'true');
    await expectNoSeriousAxeViolations(page, 'the audit log with an entry open');
    // The grant, by who and which unit; and by day (today in Vietnam: found; before: none).
    // The unit filter is kept in the address like the others: the district, by who (in part).
    await page.goto('/admin/audit?actor=quantri&unit=pre2025%3A082');
    await contains(filters, 'pre2025:082');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    await filters.getByLabel('Từ ngày', { exact: true }).fill(today);
    await filters.getByLabel('Đến ngày', { exact: true }).fill(today);
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await hasText(page.getByTestId('audit-count'), '1 mục phù hợp, mới nhất trước');
    await contains(entries.first(), `${NEW_LOGIN}|reporter|pre2025:082`);
    expect(new URL(page.url()).searchParams.get('unit')).toBe('pre2025:082');
    const yesterday = new Date(Date.parse(`${today}T00:00:00+07:00`) - 86_400_000);
    const before = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(yesterday);
    await filters.getByLabel('Từ ngày', { exact: true }).fill(before);
    await filters.getByLabel('Đến ngày', { exact: true }).fill(before);
    await filters.getByRole('button', { name: 'Lọc', exact: true }).click();
    await hasText(page.getByTestId('audit-count'), '0 mục phù hợp, mới nhất trước');
    // From an entry to its object.
    await page.goto(
      `/admin/audit?entity=userGrant&key=${encodeURIComponent(`${NEW_LOGIN}|reporter|pre2025:082`)}`,
    );
    await entries.first().getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await page.getByTestId(`user-${NEW_LOGIN}`).waitFor();
    await page.getByText('1/6 người dùng').waitFor();
    // At phone width, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await poll(() => page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await page.goto('/admin/audit');
    await page.getByTestId('audit-count').waitFor();
    await poll(() => page.evaluate(OVERFLOW)).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('the administrator creates an API token, sees it once, revokes it, and finds both in the audit log', async () => {
    const context = await fixture().newContext();
    const page = await signedIn(context, 'demo.quantri', '/admin/tokens');
    await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor();
    const form = page.locator('form#new-token');
    // Refused at their fields: a name with characters a name may not have, then a year and more.
    await form.getByLabel('Tên gợi nhớ', { exact: true }).fill('đồng bộ <script>');
    await chooseOption(form.getByLabel('Vai trò', { exact: true }), 'Báo cáo viên');
    await pickUnit(page, form.getByLabel('Đơn vị', { exact: true }), PROVINCE);
    await form.getByRole('button', { name: 'Tạo mã' }).click();
    await hasText(itemOf(form, 'Tên gợi nhớ').locator('.ant-form-item-explain-error'), 'Tên không hợp lệ.');
    await form.getByLabel('Tên gợi nhớ', { exact: true }).fill('Đồng bộ số liệu tỉnh');
    await form.getByLabel('Hết hạn sau (ngày)', { exact: true }).fill('400');
    await form.getByRole('button', { name: 'Tạo mã' }).click();
    await contains(
      itemOf(form, 'Hết hạn sau (ngày)').locator('.ant-form-item-explain-error'),
      'không được lớn hơn 366',
    );
    await form.getByLabel('Hết hạn sau (ngày)', { exact: true }).fill('30');
    await form.getByRole('button', { name: 'Tạo mã' }).click();
    const secret = page.getByTestId('secret-once');
    await contains(secret, 'chỉ hiện một lần và không bao giờ hiện lại');
    const token = await secret.getByLabel('Giá trị (chỉ hiện lần này)').inputValue();
    expect(token).toMatch(/^dxm_/);
    await expectNoSeriousAxeViolations(page, 'the tokens page with a new token');
    // The token works as its role over its unit.
    const asToken = await context.request.get('/api/v1/session', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.status()).toBe(200);
    // Reloaded: listed, active, and the secret gone for good.
    await page.reload();
    const item = page.locator('li', { hasText: 'Đồng bộ số liệu tỉnh' });
    await contains(item, 'Đang dùng được');
    await contains(item, 'Báo cáo viên · pre2025:10');
    await count(page.getByTestId('secret-once'), 0);
    expect(await page.content()).not.toContain(token);
    // Revoked: its requests are refused at once.
    await item.getByRole('button', { name: 'Thu hồi mã «Đồng bộ số liệu tỉnh»' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: 'Thu hồi' }).click();
    await contains(item, 'Đã thu hồi');
    const refused = await context.request.get('/api/v1/session', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status()).toBe(401);
    // Both in the audit log, newest first.
    await page.goto('/admin/audit?entity=apiToken');
    await hasText(page.getByTestId('audit-count'), '2 mục phù hợp, mới nhất trước');
    const entries = page.getByTestId('audit-entry');
    await contains(entries.nth(0), 'Sửa');
    await contains(entries.nth(1), 'Tạo');
    await entries.nth(1).getByText('Xem dữ liệu trước và sau').click();
    await contains(entries.nth(1), 'Đồng bộ số liệu tỉnh');
    expect(await page.content()).not.toContain(token);
    await context.close();
  });

  it('a viewer and a reporter see no administration link and read the refusal on each screen', async () => {
    for (const login of ['demo.lanhdao', 'demo.so']) {
      const context = await fixture().newContext();
      const page = await signedIn(context, login, '/admin/users');
      await contains(page.getByRole('alert'), 'Bạn không có quyền quản lý người dùng.');
      await count(page.locator('header').getByRole('link', { name: 'Người dùng' }), 0);
      await count(page.locator('header').getByRole('link', { name: 'Nhật ký' }), 0);
      await count(page.locator('header').getByRole('link', { name: 'Mã API' }), 0);
      await count(page.locator('form#new-user'), 0);
      if (login === 'demo.lanhdao') await expectNoSeriousAxeViolations(page, 'the users page refused');
      await page.goto('/admin/tokens');
      await contains(page.getByRole('alert'), 'Bạn không có quyền quản lý mã truy cập API.');
      await page.goto('/admin/audit');
      await contains(page.getByRole('alert'), 'Bạn không có quyền xem nhật ký thay đổi.');
      // Forged writes are refused by the API.
      const csrf = await csrfOf(context);
      const user = await context.request.post('/api/v1/users', {
        headers: { 'x-csrf-token': csrf },
        data: { login: 'mao.danh', displayName: 'Mạo danh', grants: [{ role: 'admin', unit: 'pre2025:10' }] },
      });
      expect(user.status()).toBe(403);
      const token = await context.request.post('/api/v1/tokens', {
        headers: { 'x-csrf-token': csrf },
        data: { name: 'mao danh', role: 'admin', unit: 'pre2025:10' },
      });
      expect(token.status()).toBe(403);
      await context.close();
    }
  });
});
