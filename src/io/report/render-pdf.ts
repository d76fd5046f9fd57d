import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { chromiumFailed, chromiumMissing, fontMissing } from './report-render-error.js';

// The report's HTML printed to PDF by headless Chromium, driven through playwright-core. No browser is ever
// downloaded: the Chromium of the machine is launched (DXMON_CHROMIUM, else /usr/bin/chromium) with a fresh
// profile, and where there is none the caller gets a ReportRenderError saying how to install it.
//
// The page is served from a private origin that exists only inside this browser: every request the page makes
// is answered here — the report itself, and the Liberation Serif font files (metric-compatible with Times New
// Roman, complete for Vietnamese), declared as both `Times New Roman` and `Liberation Serif` — and any other is
// refused, so printing never touches the network. Chromium embeds the font in the PDF, whose text is
// extractable with every diacritic.

const ORIGIN = 'https://report.dxmon.invalid';
const FONT_PATH = '/.dxmon-fonts/';

/** Where Liberation Serif is looked for (Debian's fonts-liberation2, then fonts-liberation). */
function fontDirs(): string[] {
  const own = process.env.DXMON_REPORT_FONT_DIR;
  return [
    ...(own ? [own] : []),
    '/usr/share/fonts/truetype/liberation2',
    '/usr/share/fonts/truetype/liberation',
  ];
}

const FACES = [
  { file: 'LiberationSerif-Regular.ttf', weight: 400, style: 'normal' },
  { file: 'LiberationSerif-Bold.ttf', weight: 700, style: 'normal' },
  { file: 'LiberationSerif-Italic.ttf', weight: 400, style: 'italic' },
  { file: 'LiberationSerif-BoldItalic.ttf', weight: 700, style: 'italic' },
] as const;

/** The four Liberation Serif faces, read once per printer. */
async function loadFonts(): Promise<Map<string, Buffer>> {
  const dirs = fontDirs();
  const dir = dirs.find((d) => FACES.every((face) => existsSync(path.join(d, face.file))));
  if (dir === undefined) throw fontMissing(dirs);
  const fonts = new Map<string, Buffer>();
  for (const face of FACES) fonts.set(face.file, await readFile(path.join(dir, face.file)));
  return fonts;
}

/** The @font-face rules, first in the page's head so the report's own styles come after them. */
const FONT_CSS =
  '<style>' +
  ['Times New Roman', 'Liberation Serif']
    .flatMap((family) =>
      FACES.map(
        (face) =>
          `@font-face{font-family:'${family}';src:url('${FONT_PATH}${face.file}') format('truetype');` +
          `font-weight:${face.weight};font-style:${face.style}}`,
      ),
    )
    .join('') +
  ":root{font-family:'Times New Roman','Liberation Serif',serif}</style>";

/** The HTML with the font rules inserted at the start of its head (or of the document, without one). */
export function withEmbeddedFont(html: string): string {
  const head = /<head\b[^>]*>/i.exec(html);
  if (head)
    return html.slice(0, head.index + head[0].length) + FONT_CSS + html.slice(head.index + head[0].length);
  return FONT_CSS + html;
}

/** The Chromium executable: DXMON_CHROMIUM, else /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.DXMON_CHROMIUM || '/usr/bin/chromium';
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** One running Chromium that prints any number of reports, one page each; close it when done. */
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts Chromium (fresh profile in a temp folder, removed on close) and returns a printer. */
export async function openPdfPrinter(options: { executablePath?: string } = {}): Promise<PdfPrinter> {
  const executablePath = options.executablePath ?? chromiumPath();
  if (!existsSync(executablePath)) throw chromiumMissing(executablePath);
  const fonts = await loadFonts();
  const profile = await mkdtemp(path.join(tmpdir(), 'dxmon-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
      offline: false,
      timeout: 60_000,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw chromiumFailed(executablePath, error);
  }
  let closed = false;
  return {
    async print(html: string): Promise<Uint8Array> {
      if (closed) throw new Error('the PDF printer is closed');
      const page = await context.newPage();
      try {
        const body = withEmbeddedFont(html);
        await page.route('**/*', async (route) => {
          const url = new URL(route.request().url());
          const font =
            url.origin === ORIGIN && url.pathname.startsWith(FONT_PATH)
              ? fonts.get(url.pathname.slice(FONT_PATH.length))
              : undefined;
          if (url.origin === ORIGIN && url.pathname === '/report.html') {
            await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
          } else if (font) {
            await route.fulfill({ status: 200, contentType: 'font/ttf', body: font });
          } else {
            await route.abort('blockedbyclient');
          }
        });
        await page.goto(`${ORIGIN}/report.html`, { waitUntil: 'load' });
        // The report's fonts loaded before printing (a string: this code is compiled without the DOM's types).
        await page.evaluate('document.fonts.ready.then(() => true)');
        const pdf = await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          margin: { top: '20mm', bottom: '20mm', left: '30mm', right: '15mm' },
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (error) {
        throw chromiumFailed(executablePath, error);
      } finally {
        await page.close().catch(() => undefined);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * The HTML printed to PDF (A4, Liberation Serif embedded). With `browser`, that running printer prints it;
 * otherwise Chromium is started for this one report and closed after it.
 */
export async function renderPdfFromHtml(
  html: string,
  options: { browser?: PdfPrinter; executablePath?: string } = {},
): Promise<Uint8Array> {
  if (options.browser) return options.browser.print(html);
  const printer = await openPdfPrinter({ executablePath: options.executablePath });
  try {
    return await printer.print(html);
  } finally {
    await printer.close();
  }
}
