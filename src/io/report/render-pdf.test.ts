import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { missingTools, pdfText } from '../../../test/support/report-tools.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import {
  chromiumPath,
  openPdfPrinter,
  renderPdfFromHtml,
  withEmbeddedFont,
  type PdfPrinter,
} from './render-pdf.js';
import { ReportRenderError, type ReportRenderReason } from './report-render-error.js';

// A small report page of the kind render-html.ts writes: heading table, title, a section, a table, italic and bold.
const HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo</title>
<style>@page{size:A4;margin:20mm 15mm 20mm 30mm} body{font-size:14pt} .c{text-align:center} p{text-align:justify;text-indent:1cm}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:2pt 4pt}</style></head><body>
<div class="c"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br>
<i>Lào Cai, ngày 18 tháng 7 năm 2024</i></div>
<h1 class="c" style="font-size:14pt">BÁO CÁO</h1>
<p><b>I. KẾT QUẢ THỰC HIỆN</b></p>
<p>6 tháng đầu năm 2024, có 8 mục tiêu hoàn thành và vượt kế hoạch giao; Tỷ lệ hồ sơ công việc được xử lý hoàn toàn
trên môi trường mạng đạt <a href="/api/v1/plans/P/trace?indicator=CT01">97%/95%</a>; đã xóa được 4 thôn lõm sóng,
toàn tỉnh còn 6 thôn chưa có sóng di động băng rộng./.</p>
<table><tr><th>Mục tiêu</th><th>Thực hiện</th></tr><tr><td>Tỷ lệ người dân có hồ sơ sức khỏe điện tử</td><td>95%</td></tr></table>
<img src="https://example.org/tracker.png" alt="">
</body></html>`;

/** The ReportRenderError a render is refused with (an AppError the API answers with 503). */
async function renderError(render: Promise<unknown>, reason: ReportRenderReason): Promise<ReportRenderError> {
  const error: unknown = await render.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportRenderError);
  expect(isAppError(error)).toBe(true);
  const e = error as ReportRenderError;
  expect(e.code).toBe('unavailable');
  expect(e.reason).toBe(reason);
  return e;
}

describe('withEmbeddedFont', () => {
  it('puts the font rules first in the head, before the report’s own styles', () => {
    const out = withEmbeddedFont(HTML);
    const fontAt = out.indexOf("@font-face{font-family:'Times New Roman'");
    expect(fontAt).toBeGreaterThan(out.indexOf('<head>'));
    expect(fontAt).toBeLessThan(out.indexOf('@page'));
    expect(out).toContain(
      "font-family:'Liberation Serif';src:url('/.dxmon-fonts/LiberationSerif-BoldItalic.ttf')",
    );
    expect(withEmbeddedFont('<p>x</p>')).toMatch(/^<style>@font-face/);
  });
});

describe('renderPdfFromHtml without Chromium', () => {
  it('says in both languages that Chromium is missing, how to install it and that the HTML prints anywhere', async () => {
    const saved = process.env.DXMON_CHROMIUM;
    process.env.DXMON_CHROMIUM = '/nonexistent/dxmon-test/chromium';
    try {
      expect(chromiumPath()).toBe('/nonexistent/dxmon-test/chromium');
      const e = await renderError(renderPdfFromHtml(HTML), 'chromiumMissing');
      expect(e.message_vi).toContain('/nonexistent/dxmon-test/chromium');
      expect(e.message_vi).toContain('apt-get install chromium');
      expect(e.message_vi).toContain('HTML');
      expect(e.message_en).toContain('Chromium is not installed');
      expect(e.message_en).toContain('apt-get install chromium');
      expect(e.message_en).toContain('printed to PDF from any browser');
    } finally {
      if (saved === undefined) delete process.env.DXMON_CHROMIUM;
      else process.env.DXMON_CHROMIUM = saved;
    }
  });
});

describe('renderPdfFromHtml with a program that is not Chromium', () => {
  it('says Chromium failed to start, in both languages, with the HTML as the way out', async () => {
    const e = await renderError(renderPdfFromHtml(HTML, { executablePath: '/bin/false' }), 'chromiumFailed');
    expect(e.message_vi).toContain('"/bin/false" không chạy được');
    expect(e.message_en).toContain('Chromium "/bin/false" failed');
    expect(e.message_en).toContain('printed to PDF from any browser');
  }, 90_000);
});

const missing = missingTools({
  [chromiumPath()]: 'chromium',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
});

describe.skipIf(missing !== undefined)(
  `renderPdfFromHtml with Chromium${missing ? ` (${missing})` : ''}`,
  () => {
    let printer: PdfPrinter;
    let dir: string;

    beforeAll(async () => {
      printer = await openPdfPrinter();
      dir = await tempDir('dxmon-pdf-');
    }, 90_000);

    afterAll(async () => {
      await printer?.close();
    });

    it('prints A4 with Liberation Serif embedded and every diacritic extractable', async () => {
      const file = path.join(dir, 'bao-cao.pdf');
      writeFileSync(file, await printer.print(HTML));
      const text = pdfText(file);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Lào Cai, ngày 18 tháng 7 năm 2024');
      expect(text).toContain('đạt 97%/95%');
      expect(text).toContain(
        'xóa được 4 thôn lõm sóng, toàn tỉnh còn 6 thôn chưa có sóng di động băng rộng./.',
      );
      expect(text).toContain('Tỷ lệ người dân có hồ sơ sức khỏe điện tử');
      const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
      expect(fonts).toMatch(/LiberationSerif-Bold\s.*\byes\b/);
      expect(fonts).toMatch(/LiberationSerif-Italic\s.*\byes\b/);
      expect(fonts).toMatch(/LiberationSerif\s.*\byes\b/);
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    });

    it('prints many reports with one running Chromium, and through renderPdfFromHtml with it', async () => {
      const first = await printer.print('<p>Báo cáo thứ nhất: Quý II/2024</p>');
      const second = await renderPdfFromHtml('<p>Báo cáo thứ hai: năm 2023</p>', { browser: printer });
      const a = path.join(dir, 'a.pdf');
      const b = path.join(dir, 'b.pdf');
      writeFileSync(a, first);
      writeFileSync(b, second);
      expect(pdfText(a)).toContain('Báo cáo thứ nhất: Quý II/2024');
      expect(pdfText(b)).toContain('Báo cáo thứ hai: năm 2023');
    });

    it('starts and closes its own Chromium for a single report', async () => {
      const file = path.join(dir, 'single.pdf');
      writeFileSync(file, await renderPdfFromHtml('<p>Ban Chỉ đạo chuyển đổi số</p>'));
      expect(pdfText(file)).toContain('Ban Chỉ đạo chuyển đổi số');
    }, 90_000);
  },
);
