import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

/** The machine's Chromium (never a downloaded one): DXMON_CHROMIUM, else /usr/bin/chromium. */
export const CHROMIUM = process.env.DXMON_CHROMIUM || '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null when they can. */
export const chromiumMissing: string | null = existsSync(CHROMIUM)
  ? null
  : `Chromium is not installed at ${CHROMIUM} (apt-get install chromium, or set DXMON_CHROMIUM)`;

/** A running `dxmon serve --demo` on a new embedded workspace, and one browser for the test file. */
export interface WebFixture {
  /** The server's address, e.g. http://localhost:41234. */
  url: string;
  /** The server's data directory, for `dxmon --server URL --data DIR …` commands beside it. */
  dataDir: string;
  browser: Browser;
  /** What the server wrote on stderr so far (the demo accounts, the readiness). */
  stderr: () => string;
  /**
   * A new browser context (own cookies and storage) at 1366×768 unless told otherwise, for the server's address. It
   * asks for reduced motion unless told `'no-preference'`: menus and pop-ups then open and close at once, so a step
   * never waits on an animation that a busy machine runs late.
   */
  newContext: (
    viewport?: { width: number; height: number },
    motion?: 'reduce' | 'no-preference',
  ) => Promise<BrowserContext>;
}

/**
 * Browser tests on a real server (docs/web.md, "Browser tests"): `dxmon serve --demo` on port 0 over a new embedded
 * workspace (seeded from the ready-made demo workspace), and one Chromium for the file. Without Chromium the
 * tests are reported skipped with the reason, never passed.
 */
export function describeWeb(name: string, body: (fixture: () => WebFixture) => void): void {
  if (chromiumMissing) {
    describe(name, () => {
      it(`is skipped: ${chromiumMissing}`, (context) => {
        // Printed as well as noted, so that the reason shows in the run's output whatever the reporter.
        console.warn(`browser tests skipped: ${chromiumMissing}`);
        context.skip(chromiumMissing ?? undefined);
      });
    });
    return;
  }
  // A browser test waits for pages, sign-ins (scrypt) and a server on a machine that may be busy.
  describe(name, { timeout: 120_000 }, () => {
    let fixture: WebFixture | null = null;
    let child: ChildProcess | null = null;
    beforeAll(async () => {
      const dataDir = tempDirSync('dxmon-web-');
      const server = await startServer(['--data', dataDir, '--demo'], {});
      child = server.child;
      await waitReady(server.url, 300_000);
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        chromiumSandbox: false,
        args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      fixture = {
        url: server.url,
        dataDir,
        browser,
        stderr: server.stderr,
        newContext: async (viewport = { width: 1366, height: 768 }, motion = 'reduce') => {
          const context = await browser.newContext({
            baseURL: server.url,
            viewport,
            reducedMotion: motion,
            locale: 'vi-VN',
            timezoneId: 'Asia/Ho_Chi_Minh',
          });
          // Shorter than the test's own timeout, so a failure names the step that waited.
          context.setDefaultTimeout(10_000);
          return context;
        },
      };
    }, 360_000);
    afterAll(async () => {
      await fixture?.browser.close();
      if (child) await stopServer(child);
    });
    body(() => {
      if (!fixture) throw new Error('the web fixture did not start');
      return fixture;
    });
  });
}

/** Signs in through the sign-in page with a login and password, and waits for the page it leads to. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel(/^(Tên đăng nhập|Login)$/).fill(login);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/**
 * Picks the option titled `option` in the antd select whose combobox is `select`. On a busy machine a click on an
 * option can be lost while the list is still opening (it lands on the form behind it, or the list closes under it), so
 * the choice counts only once the select shows it (or, for a select that acts and shows no choice, once `done` holds),
 * and is made again, at most four times, until it does.
 */
export async function chooseOption(
  select: Locator,
  option: string,
  done?: () => Promise<boolean>,
): Promise<void> {
  const page = select.page();
  const field = select.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const list = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 4; attempt++) {
    if ((await list.count()) === 0) await select.click();
    await list
      .locator('.ant-select-item-option')
      .and(page.getByTitle(option, { exact: true }))
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    const chosen = await expect
      .poll(async () => (done ? done() : ((await field.textContent()) ?? '').includes(option)), {
        timeout: 5_000,
      })
      .toBe(true)
      .then(() => true)
      .catch(() => false);
    if (chosen) return;
  }
  if (done) expect(await done(), `the choice of «${option}» took effect`).toBe(true);
  else expect(await field.textContent(), `the select shows «${option}»`).toContain(option);
}

const requireFromHere = createRequire(import.meta.url);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core on the page as it is (injected from the npm package, not fetched) and fails on any serious or
 * critical violation, naming the rule and the elements.
 */
export async function expectNoSeriousAxeViolations(page: Page, what: string): Promise<void> {
  // Panels and dialogs slide and fade in: judged half-drawn, their text has a contrast it never keeps. Wait until
  // every finite animation has ended (a spinner's endless one is left alone).
  await expect
    .poll(
      () =>
        page.evaluate(
          `document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getTiming().iterations !== Infinity).length`,
        ),
      { timeout: 10_000 },
    )
    .toBe(0);
  const source = (requireFromHere('axe-core') as { source: string }).source;
  await page.evaluate(source);
  // Run in the page: written as text so that this Node file needs no DOM types.
  const violations = (await page.evaluate(`(async () => {
    const result = await window.axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  })()`)) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    ),
    `axe on ${what}`,
  ).toEqual([]);
}
