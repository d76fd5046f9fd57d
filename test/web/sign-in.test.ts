import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

/** Waits for a value as the page settles, as long as a locator would (a busy machine answers slowly). */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000 });

const PLAN = 'LCI-DX-2024';
const PLAN_NAME = 'Kế hoạch chuyển đổi số tỉnh Lào Cai năm 2024';
const account = (login: string) => {
  const found = DEMO_ACCOUNTS.find((a) => a.login === login);
  if (!found) throw new Error(`no demo account ${login}`);
  return found;
};

/** After sign-in the app lands on the dashboard of the most recent plan in the user's scope. */
async function landsOnDashboard(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === `/plans/${PLAN}`);
  await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
}

/** The CSRF token of the context's session, read through the API with the context's own cookie. */
async function csrfOf(context: BrowserContext): Promise<string> {
  const session = await context.request.get('/api/v1/session');
  expect(session.status()).toBe(200);
  return ((await session.json()) as { csrfToken: string }).csrfToken;
}

/**
 * Run in the page: notes in `window.motionSeen` every class the component library puts on an element while one of its
 * animations runs (…-appear-start, …-enter-active, …-leave-active), on elements changed or added from now on.
 */
const WATCH_MOTION = `(() => {
  const seen = [];
  window.motionSeen = seen;
  const note = (element) => {
    for (const c of element.classList) if (/-(appear|enter|leave)-(start|active)$/.test(c)) seen.push(c);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target instanceof Element) note(r.target);
      for (const added of r.addedNodes) {
        if (!(added instanceof Element)) continue;
        note(added);
        added.querySelectorAll('*').forEach(note);
      }
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true });
})()`;

describeWeb('the web app: signing in, out, and back', (web) => {
  it('lists the demo accounts with their passwords on the sign-in page of a loopback demo server', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await poll(() => page.getByRole('heading', { name: 'Tài khoản mẫu' }).count()).toBe(1);
    for (const demo of DEMO_ACCOUNTS) {
      await poll(() => page.getByText(demo.password, { exact: true }).count()).toBe(1);
      await poll(() => page.getByText(demo.login, { exact: true }).count()).toBe(1);
    }
    expect(web().stderr()).toContain(`${DEMO_ACCOUNTS[0]!.login} / ${DEMO_ACCOUNTS[0]!.password}`);
    await expectNoSeriousAxeViolations(page, 'the sign-in page');
    await context.close();
  });

  it('signs each demo role in, straight to the dashboard of the plan over its unit, with its name and role', async () => {
    const context = await web().newContext();
    const roleText = {
      viewer: 'Xem',
      secretariat: 'Thường trực',
      reporter: 'Báo cáo viên',
      admin: 'Quản trị',
    };
    for (const demo of DEMO_ACCOUNTS) {
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByRole('button', { name: `Dùng tài khoản này: ${demo.login}` }).click();
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      // Every demo role lands on the province's plan, at the highest unit of it the role may read.
      await landsOnDashboard(page);
      await poll(() => new URL(page.url()).searchParams.get('unit')).toBe(demo.unit);
      const header = page.getByRole('banner');
      await poll(() => header.textContent()).toContain(`Đã đăng nhập: ${demo.displayName}`);
      await poll(() => header.textContent()).toContain(roleText[demo.role]);
      // The list of plans is of plans set at units within the user's roles: the province's plan for those who
      // read the province, none for a department or commune reporter (they reach it through the landing).
      await page.getByRole('link', { name: 'Tất cả kế hoạch' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kế hoạch' }).waitFor();
      const seesPlan = demo.unit === 'pre2025:10';
      await poll(async () => (await page.getByRole('link', { name: PLAN_NAME }).count()) > 0).toBe(seesPlan);
      if (demo.login === 'demo.lanhdao') await expectNoSeriousAxeViolations(page, 'the plans page');
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.close();
    }
    await context.close();
  });

  it('signs out: the session ends on the server and the sign-in page says so', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, 'demo.lanhdao', account('demo.lanhdao').password);
    await landsOnDashboard(page);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    expect((await context.request.get('/api/v1/session')).status()).toBe(401);
    // Back to a signed-in page: sign-in is asked again, without the "expired" message.
    await page.goto('/plans/LCI-DX-2024');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await page.getByText('Phiên làm việc đã hết hạn', { exact: false }).count()).toBe(0);
    await context.close();
  });

  it('takes a user whose session was revoked to sign in, with the message, then back to the page', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signIn(page, 'demo.vanphong', account('demo.vanphong').password);
    await page.goto('/plans/LCI-DX-2024');
    await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
    // The dashboard's live stream is open and its map panel has read its figures: made after the revocation,
    // either would be the request refused.
    await page.getByText('Tự cập nhật khi có số liệu mới').waitFor();
    await page.getByText('dxmon maps load', { exact: false }).waitFor();
    // The session ends behind the page's back: revoked through the API with the same cookie.
    const revoked = await context.request.delete('/api/v1/session', {
      headers: { 'x-csrf-token': await csrfOf(context) },
    });
    expect(revoked.status()).toBe(204);
    // The page's next request (going to the plans) is refused: sign-in, with the reason, remembering the page.
    await page.getByRole('link', { name: 'Tất cả kế hoạch' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('Phiên làm việc đã hết hạn hoặc đã kết thúc', { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('reason')).toBe('expired');
    await signIn(page, 'demo.vanphong', account('demo.vanphong').password);
    expect(new URL(page.url()).pathname).toBe('/plans');

    // The same on a reload of a page deeper in the app: back to that very page after signing in again.
    await page.goto('/plans/LCI-DX-2024');
    await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
    await context.request.delete('/api/v1/session', { headers: { 'x-csrf-token': await csrfOf(context) } });
    await page.reload();
    await page.getByText('Phiên làm việc đã hết hạn hoặc đã kết thúc', { exact: false }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/plans/LCI-DX-2024');
    await signIn(page, 'demo.vanphong', account('demo.vanphong').password);
    expect(new URL(page.url()).pathname).toBe('/plans/LCI-DX-2024');
    await page.getByRole('heading', { level: 1, name: PLAN_NAME }).waitFor();
    await context.close();
  });

  it('never follows a next= that leaves the app', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?next=${encodeURIComponent('//example.org/x')}`);
    await signIn(page, 'demo.lanhdao', account('demo.lanhdao').password);
    expect(new URL(page.url()).origin).toBe(new URL(web().url).origin);
    await landsOnDashboard(page);
    await context.close();
  });

  it('makes a user with a temporary password change it first, with errors at their field', async () => {
    // The demo administrator adds a user over the province, who gets a temporary password (shown once).
    const admin = await web().newContext();
    const adminPage = await admin.newPage();
    await adminPage.goto('/sign-in');
    await signIn(adminPage, 'demo.quantri', account('demo.quantri').password);
    const created = await admin.request.post('/api/v1/users', {
      headers: { 'x-csrf-token': await csrfOf(admin) },
      data: {
        login: 'nguyen.van.a',
        displayName: 'Nguyễn Văn A',
        grants: [{ role: 'viewer', unit: 'pre2025:10' }],
      },
    });
    expect(created.status()).toBe(201);
    const temporary = ((await created.json()) as { temporaryPassword: string }).temporaryPassword;
    await admin.close();

    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/plans/LCI-DX-2024');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(page, 'nguyen.van.a', temporary);
    await page.waitForURL((url) => url.pathname === '/change-password');
    await page.getByText('Bạn phải đổi mật khẩu tạm trước khi tiếp tục.').waitFor();
    // Every other page leads back here until the password is changed.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/change-password');
    await expectNoSeriousAxeViolations(page, 'the change-password page');

    const fill = async (page: Page, current: string, next: string) => {
      await page.getByLabel('Mật khẩu hiện tại').fill(current);
      await page.getByLabel('Mật khẩu mới', { exact: true }).fill(next);
      await page.getByLabel('Nhập lại mật khẩu mới').fill(next);
      await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    };
    // The API's refusal, in Vietnamese, at the field it names.
    await fill(page, temporary, 'ngắn quá');
    const newPasswordItem = page
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('Mật khẩu mới', { exact: true }) });
    await poll(() => newPasswordItem.textContent()).toContain('Mật khẩu phải có ít nhất 12 ký tự');
    await fill(page, 'không phải mật khẩu này', 'một câu thật dài để nhớ');
    const currentItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('Mật khẩu hiện tại') });
    await poll(() => currentItem.textContent()).toContain('Không đúng.');

    await fill(page, temporary, 'một câu thật dài để nhớ');
    await landsOnDashboard(page);
    await context.close();
  });

  it('remembers the language chosen across a reload: the page, its title, <html lang> and the components’ locale', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The component library's own texts follow (its locale): the demo list's copy buttons.
    await page.getByRole('button', { name: 'Copy' }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Sao chép' }).count()).toBe(0);
    expect(await page.title()).toBe('Sign in — DX Monitor');
    // A problem from the API in the reader's language: the generic sign-in refusal in English.
    await page.getByLabel('Login', { exact: true }).fill('demo.lanhdao');
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toMatch(/[a-z]/);
    const alert = (await page.getByRole('alert').first().textContent()) ?? '';
    expect(alert).not.toMatch(/[ăâđêôơư]/i);
    await page.locator('label', { hasText: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('button', { name: 'Sao chép' }).first().waitFor();
    await context.close();
  });

  it('can be used by keyboard alone: skip link, form fields, submit, then sign-out', async () => {
    const context = await web().newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    const focused = () =>
      page.evaluate(
        '(() => { const e = document.activeElement; return e ? (e.getAttribute("aria-label") || e.id || e.textContent || "").trim() : ""; })()',
      ) as Promise<string>;
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Chuyển đến nội dung chính');
    // On to the login field, past the header's controls, by Tab alone.
    for (let i = 0; i < 10 && (await focused()) !== 'login'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('login');
    await page.keyboard.type('demo.lanhdao');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type(account('demo.lanhdao').password);
    await page.keyboard.press('Enter');
    await landsOnDashboard(page);
    // The sign-out button, in the header before the page, is reached by Shift+Tab from where the form was.
    for (let i = 0; i < 30 && (await focused()) !== 'Đăng xuất'; i++) await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Đăng xuất');
    await page.keyboard.press('Enter');
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    await context.close();
  });

  it('fits a phone (390×844) and a laptop (1366×768) without sideways scrolling', async () => {
    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
    ]) {
      const context = await web().newContext(viewport);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByRole('heading', { name: 'Tài khoản mẫu' }).waitFor();
      const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';
      expect(await page.evaluate(overflow), `sign-in at ${viewport.width}`).toBe(0);
      await signIn(page, 'demo.lanhdao', account('demo.lanhdao').password);
      await landsOnDashboard(page);
      await page.getByTestId('band-lines').waitFor();
      expect(await page.evaluate(overflow), `the dashboard at ${viewport.width}`).toBe(0);
      await expectNoSeriousAxeViolations(page, `the dashboard at ${viewport.width}`);
      await context.close();
    }
  });

  it('animates its pop-ups, and opens and closes them at once for a reader who asked for reduced motion', async () => {
    // The animations' classes seen from before the pointer moves until the tooltip is open and closed again.
    // (Without motion the library still marks the element "prepared" for one frame, then shows it at once.)
    const motionClasses = async (motion: 'reduce' | 'no-preference') => {
      const context = await web().newContext(undefined, motion);
      const page = await context.newPage();
      await page.goto('/sign-in');
      const copy = page.getByRole('button', { name: 'Sao chép' }).first();
      await copy.waitFor();
      await page.evaluate(WATCH_MOTION);
      await copy.hover();
      const tooltip = page.locator('.ant-tooltip:visible');
      await tooltip.waitFor();
      await page.mouse.move(0, 0);
      await poll(() => tooltip.count()).toBe(0);
      const seen = await page.evaluate<string[]>('window.motionSeen');
      await context.close();
      return seen;
    };
    expect(await motionClasses('no-preference')).not.toEqual([]);
    expect(await motionClasses('reduce')).toEqual([]);
  });

  it('answers an unknown address with the not-found page, inside the app', async () => {
    const context = await web().newContext({ width: 390, height: 844 });
    const page = await context.newPage();
    const response = await page.goto('/khong-co-trang-nay');
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'the not-found page');
    await context.close();
  });
});
