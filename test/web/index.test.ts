import { expect, it } from 'vitest';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { runCli } from '../support/run-cli.js';
import { describeWeb, expectNoSeriousAxeViolations, signIn } from './browser.js';

// The composite index screens (docs/web.md, "Composite indices"): the methodologies and templates, the tree editor
// with its weights checked as typed and by the server, versions and copies, a year's ranking with its pillars,
// publishing it, and the what-if of the reader's own province.

const TEMPLATE = 'dti-province-922-2022';
const VANPHONG = ['demo.vanphong', 'Tong-hop-bao-cao-2024'] as const;
const LANHDAO = ['demo.lanhdao', 'Xem-so-lieu-2024'] as const;
const QUANTRI = ['demo.quantri', 'Quan-tri-he-thong-2024'] as const;

/** The published main-index values of DTI 2022's five best provinces (docs/composite-index.md), and Lào Cai's. */
const INDICES = ['NTS', 'TCS', 'HTS', 'NLS', 'ATTT', 'HDCQS', 'HDKTS', 'HDXHS'];
const VALUES_2022: Record<string, number[]> = {
  48: [1, 0.9, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197],
  79: [0.8917, 0.9, 0.8258, 0.6267, 0.558, 0.8406, 0.7611, 0.359],
  22: [0.9581, 0.9, 0.7648, 0.625, 0.5382, 0.8385, 0.5904, 0.4505],
  46: [0.95, 0.9, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001],
  92: [0.9, 0.8, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947],
  10: [0.85, 0.8, 0.7, 0.6, 0.55, 0.75, 0.6, 0.35],
};
/** 2023: the same, except Lào Cai, which improves on every index (illustrative values). */
const VALUES_2023: Record<string, number[]> = {
  ...VALUES_2022,
  10: [0.9, 0.9, 0.78, 0.66, 0.6, 0.82, 0.62, 0.4],
};

async function apiSignIn(context: BrowserContext, login: string, password: string): Promise<string> {
  const res = await context.request.post('/api/v1/session', { data: { login, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

async function openAs(context: BrowserContext, path: string, [login, password]: readonly [string, string]) {
  const page = await context.newPage();
  await page.goto(path);
  await signIn(page, login, password);
  return page;
}

/** Whether the page scrolls sideways (it must not, at any width). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth + 1',
  )) as boolean;
}

describeWeb('composite indices: methodology editor, ranking and what-if', (web) => {
  let granted: Promise<void> | null = null;
  /**
   * Methodologies belong to the whole installation: the operator grants the secretariat, the leader and the
   * administrator their role over `/` (beside their province), once for the file.
   */
  const grantInstallation = () => {
    granted ??= (async () => {
      for (const [login, role] of [
        ['demo.vanphong', 'secretariat'],
        ['demo.lanhdao', 'viewer'],
        ['demo.quantri', 'admin'],
      ]) {
        const run = await runCli([
          '--server',
          web().url,
          '--data',
          web().dataDir,
          'users',
          'grant',
          login ?? '',
          '--role',
          role ?? '',
          '--unit',
          '/',
        ]);
        expect(run.code, run.stderr).toBe(0);
      }
    })();
    return granted;
  };

  it('loads the DTI template, copies it, refuses weights that do not add up at their node, saves a version and audits it', async () => {
    await grantInstallation();
    const context = await web().newContext();
    const page = await openAs(context, '/index', VANPHONG);
    await page.getByRole('heading', { level: 1, name: 'Chỉ số tổng hợp (DTI)' }).waitFor();
    await expect
      .poll(() => page.getByRole('banner').getByRole('link', { name: 'Chỉ số DTI' }).count())
      .toBe(1);

    // The shipped template, loaded from the page.
    await page.getByRole('button', { name: `Nạp mẫu ${TEMPLATE}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã nạp mẫu ${TEMPLATE}` })
      .waitFor();
    await page.getByRole('link', { name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)' }).waitFor();
    await expect.poll(() => page.getByLabel(/^Trọng số HDKTS/).inputValue()).toBe('150');

    // A copy of one's own: a code already taken is refused at its field, a new one opens the copy.
    await page.getByLabel('Mã phương pháp mới').fill(TEMPLATE);
    await page.getByRole('button', { name: 'Sao chép', exact: true }).click();
    await page.locator('.ant-form-item-explain-error').filter({ hasText: 'Mã đã tồn tại.' }).waitFor();
    await page.getByLabel('Mã phương pháp mới').fill('dti-lao-cai');
    await page.getByLabel('Tên phương pháp mới (không bắt buộc)').fill('DTI của Lào Cai (bản tự sửa)');
    // The refused copy's request over (the button is named "loading Sao chép" while one is pending).
    await expect.poll(() => page.locator('.ant-btn-loading').count(), { timeout: 30_000 }).toBe(0);
    await page.getByRole('button', { name: 'Sao chép', exact: true }).click();
    await page.waitForURL('**/index/dti-lao-cai');
    await page.getByRole('heading', { level: 1, name: 'DTI của Lào Cai (bản tự sửa)' }).waitFor();
    await page.getByText(`sao chép từ ${TEMPLATE}`).waitFor();

    // 50 points moved away from the digital economy and not yet given to anyone: refused at the node HD, as typed.
    const writes: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') writes.push(r);
    });
    await page.getByLabel(/^Trọng số HDKTS/).fill('100');
    const hd = page.locator('tr[data-node="HD"]');
    await hd.getByText('Các nút con của "HD" cộng lại 450 điểm, nhưng "HD" có tối đa 500 điểm.').waitFor();
    expect(await page.getByLabel(/^Trọng số HDKTS/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Trọng số HDCQS/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/^Trọng số NTS/).getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Kiểm tra và lưu thành phiên bản mới' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa lưu: còn 1 lỗi' }).waitFor();
    expect(writes).toHaveLength(0);
    // A number as people write it, and one that is not a number: the message at that node.
    await page.getByLabel(/^Trọng số HDXHS/).fill('1.500');
    await page.locator('tr[data-node="HDXHS"]').getByText('không rõ', { exact: false }).waitFor();
    await expectNoSeriousAxeViolations(page, 'the methodology editor with problems at their nodes');

    // Fixed: 200 points to the digital society; the shares follow before saving.
    await page.getByLabel(/^Trọng số HDXHS/).fill('200');
    await expect.poll(() => hd.locator('.index-tree-problems').count()).toBe(0);
    await page.locator('tr[data-node="HDXHS"]').getByText('20%').waitFor();
    await page.getByLabel('Ghi chú cho phiên bản mới (không bắt buộc)').fill('Ưu tiên xã hội số');
    const validated = page.waitForResponse((r) =>
      r.url().endsWith('/index/methodologies/dti-lao-cai/validate'),
    );
    await page.getByRole('button', { name: 'Kiểm tra và lưu thành phiên bản mới' }).click();
    expect((await validated).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Đã lưu thành phiên bản 2.' }).waitFor();
    expect(writes).toHaveLength(1);
    await page.getByText('Ghi chú của phiên bản: Ưu tiên xã hội số').waitFor();

    // Versions: version 1 is still there, read-only, with its own weights.
    await page.getByRole('combobox', { name: 'Phiên bản' }).click();
    await page.getByRole('option', { name: /^Phiên bản 1 —/ }).click();
    await page.waitForURL('**/index/dti-lao-cai?version=1');
    await page.getByText('Đây là một phiên bản cũ (chỉ đọc).', { exact: false }).waitFor();
    expect(await page.getByLabel(/^Trọng số/).count()).toBe(0);
    await expect.poll(() => page.locator('tr[data-node="HDKTS"] td').first().textContent()).toBe('150');

    // The change in the audit log, read by the installation's administrator.
    const auditContext = await web().newContext();
    await apiSignIn(auditContext, ...QUANTRI);
    const audit = await auditContext.request.get('/api/v1/audit?entity=methodology&key=dti-lao-cai');
    expect(audit.status(), await audit.text()).toBe(200);
    const { entries } = (await audit.json()) as {
      entries: { action: string; actor: string; new: { version: number; note: string | null } }[];
    };
    expect(entries.map((e) => [e.action, e.actor, e.new.version, e.new.note])).toEqual([
      ['create', 'demo.vanphong', 1, `copy of ${TEMPLATE} v1`],
      ['update', 'demo.vanphong', 2, 'Ưu tiên xã hội số'],
    ]);
    await auditContext.close();
    await context.close();
  });

  it("ranks the provinces with their pillars, lifts the leader's own province in plain words, publishes, and keeps the viewer read-only", async () => {
    await grantInstallation();
    // The template and two years of values, through the API.
    const setup = await web().newContext();
    const csrf = await apiSignIn(setup, ...VANPHONG);
    const load = await setup.request.post(`/api/v1/index/templates/${TEMPLATE}/load`, {
      headers: { 'x-csrf-token': csrf },
    });
    expect(load.status(), await load.text()).toBe(200);
    for (const [year, set] of [
      ['2022', VALUES_2022],
      ['2023', VALUES_2023],
    ] as const) {
      const values = Object.entries(set).flatMap(([unit, vs]) =>
        INDICES.map((index, i) => ({
          indicator: `DTI922_P_${index}`,
          unit: `pre2025:${unit}`,
          period: year,
          value: vs[i],
        })),
      );
      const saved = await setup.request.put('/api/v1/values/batch', {
        headers: { 'x-csrf-token': csrf },
        data: { values },
      });
      expect(saved.status(), await saved.text()).toBe(200);
    }
    await setup.close();

    // The leader: the ranking of 2023, each pillar's score and rank, the change since 2022.
    const leader = await web().newContext();
    const page = await openAs(leader, `/index/${TEMPLATE}/ranking?year=2023`, LANHDAO);
    await page
      .getByRole('heading', { level: 1, name: 'Xếp hạng: Chỉ số chuyển đổi số cấp tỉnh (DTI)' })
      .waitFor();
    const table = page.getByRole('table', { name: /^Xếp hạng năm 2023/ });
    // The first ranking of a year computes every province: give it longer than a click.
    await table.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => table.getByRole('columnheader').allTextContents())
      .toEqual([
        'Hạng',
        'Đơn vị',
        'Điểm',
        'I. Nhóm chỉ số nền tảng chung',
        'II. Nhóm chỉ số hoạt động',
        'Năm trước',
        'Thay đổi',
        'Nâng hạng?',
      ]);
    const laoCai = page.locator('tr[data-unit="pre2025:10"]');
    expect(await laoCai.locator('td').allInnerTexts()).toEqual([
      '4',
      '0,7010',
      '0,7680\nhạng 4',
      '0,6340\nhạng 4',
      '0,6425\nhạng 6',
      '+9,11%\nlên 2 bậc',
      'Nâng hạng?',
    ]);
    expect(await page.locator('tr[data-unit="pre2025:48"] td').nth(1).textContent()).toBe('0,8002');
    await page.getByText('57 đơn vị chưa có số liệu nào của năm 2023 (0 điểm, hạng 7):').waitFor();
    await page.getByText('chưa công bố', { exact: false }).first().waitFor();
    expect(await page.getByRole('button', { name: /^Công bố/ }).count()).toBe(0);

    // The what-if of the leader's own province, without asking: the best single changes, most places first.
    const whatIf = page.getByTestId('what-if');
    await whatIf.getByRole('heading', { name: 'Điều gì nâng hạng Tỉnh Lào Cai nhiều nhất' }).waitFor();
    await whatIf.getByText('Tỉnh Lào Cai hiện đạt 0,7010 điểm, hạng 4/63.', { exact: false }).waitFor();
    const lines = whatIf.getByRole('listitem');
    await expect.poll(() => lines.count()).toBe(5);
    expect(await lines.first().textContent()).toBe(
      'Nâng chỉ số Hoạt động kinh tế số từ 0,6200 lên 0,7836 (bằng Thành phố Đà Nẵng, đơn vị tốt nhất) thì điểm đạt 0,7255 (+0,0245) và xếp hạng từ 4 lên 2.',
    );
    expect(await lines.last().textContent()).toBe(
      'Nâng chỉ số Nhận thức số từ 0,9000 lên 1,0000 (bằng Thành phố Đà Nẵng, đơn vị tốt nhất) thì điểm đạt 0,7110 (+0,0100) và xếp hạng từ 4 lên 3.',
    );
    await expectNoSeriousAxeViolations(page, 'the ranking and the what-if');

    // Another province's what-if from its row; the keyboard lands on it.
    await page.getByRole('button', { name: 'Điều gì nâng hạng Thành phố Cần Thơ' }).click();
    await whatIf.getByRole('heading', { name: 'Điều gì nâng hạng Thành phố Cần Thơ nhiều nhất' }).waitFor();
    await whatIf.getByText('Thành phố Cần Thơ hiện đạt 0,6924 điểm, hạng 6/63.', { exact: false }).waitFor();
    await expect
      .poll(() => page.evaluate('document.activeElement && document.activeElement.id'))
      .toBe('index-whatif-title');

    // The methodology, read-only for the leader; a forged edit is refused by the API with its message.
    await page.getByRole('link', { name: '← Phương pháp và trọng số' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chỉ số chuyển đổi số cấp tỉnh (DTI)' }).waitFor();
    await page.getByText('Bạn đang xem phương pháp (chỉ đọc)', { exact: false }).waitFor();
    expect(await page.getByLabel(/^Trọng số/).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Kiểm tra và lưu thành phiên bản mới' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sao chép' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page, 'the methodology read-only');
    const forged = (await page.evaluate(`(async () => {
      const session = await (await fetch('/api/v1/session')).json();
      const res = await fetch('/api/v1/index/methodologies/${TEMPLATE}/nodes', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ upsert: [{ code: 'HDKTS', parentCode: 'HD', name: 'Hoạt động kinh tế số', weight: 100, indicatorCode: 'DTI922_P_HDKTS', normalization: 'value' }] }),
      });
      return { status: res.status, body: await res.json() };
    })()`)) as { status: number; body: { message_vi: string } };
    expect(forged.status).toBe(403);
    expect(forged.body.message_vi).toMatch(/^Bạn không có quyền .+ tại đơn vị Việt Nam \(\/\)\.$/);

    // At phone width the ranking scrolls inside its own box, never the page.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/index/${TEMPLATE}/ranking?year=2023`);
    await page.locator('tr[data-unit="pre2025:10"]').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await leader.close();

    // The secretariat publishes 2023 from the page; the year is then frozen and says so.
    const secretariat = await web().newContext();
    await apiSignIn(secretariat, ...VANPHONG);
    const pub = await secretariat.newPage();
    await pub.goto(`/index/${TEMPLATE}/ranking?year=2023`);
    await pub.getByRole('button', { name: 'Công bố kết quả năm 2023' }).click();
    await pub.getByRole('button', { name: 'Xác nhận công bố' }).click();
    await pub.getByText('đã công bố (kết quả đóng băng lúc', { exact: false }).waitFor();
    expect(await pub.getByRole('button', { name: /^Công bố/ }).count()).toBe(0);
    await expect.poll(() => pub.locator('tr[data-unit="pre2025:10"] td').nth(1).textContent()).toBe('0,7010');
    await secretariat.close();
  });
});
