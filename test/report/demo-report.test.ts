import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { importWorkbook } from '../../src/app/import/import-workbook.js';
import { buildReport } from '../../src/app/report/build-report.js';
import { renderReport } from '../../src/app/report/render-report.js';
import { clearNotes, listNotes, setNote } from '../../src/app/report/report-notes.js';
import { setReportSettings } from '../../src/app/report/report-settings.js';
import { saveValue } from '../../src/app/values/save-value.js';
import type { Actor } from '../../src/app/context.js';
import { listAuditRows } from '../../src/store/audit.queries.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { refusal } from '../support/app-errors.js';
import { loadOfficialUnits } from '../../src/app/units/load-official-units.js';
import { inlineText, type ReportDocument, type ReportSection } from '../../src/domain/report-document.js';
import { renderMarkdown } from '../../src/io/report/render-markdown.js';
import type { Db } from '../../src/store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';
import { docxToPdf, missingTools, pdfText } from '../support/report-tools.js';
import { tempDirSync } from '../support/temp-dir.js';

// The demo's 2024S1 report (Lào Cai, meeting of 18 July 2024), in Vietnamese and English, against golden files:
// the published sentences with the published figures. UPDATE_GOLDEN=1 rewrites the files after a reviewed change.

const DEMO = fileURLToPath(new URL('../../data/demo/lao-cai-2024', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

function checkGolden(name: string, text: string): void {
  const path = golden(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** The document's whole text, without traces: what a reader reads. */
function plainText(doc: ReportDocument): string {
  const blocks = (s: ReportSection): string[] => [
    s.title,
    ...s.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [inlineText(b.parts)] : b.kind === 'list' ? b.items.map(inlineText) : [],
    ),
    ...s.sections.flatMap(blocks),
  ];
  return [
    ...doc.opening.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : [])),
    ...doc.sections.flatMap(blocks),
  ].join('\n');
}

describe.each(TEST_DB_KINDS)('the demo report of 2024S1 on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let vi: ReportDocument;
  let en: ReportDocument;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T02:00:00Z') };
    await loadOfficialUnits(ctx, 'pre2025');
    await importWorkbook(ctx, LOCAL_ADMIN, { path: DEMO });
    vi = await buildReport(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period: '2024S1' });
    en = await buildReport(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period: '2024S1', lang: 'en' });
  }, 300_000);

  afterAll(async () => {
    await db?.close();
  });

  it('states the published figures in Vietnamese', () => {
    const text = plainText(vi);
    expect(text).toContain(
      '6 tháng đầu năm 2024, trong tổng số 24 mục tiêu của kế hoạch, có 8 mục tiêu hoàn thành và vượt kế hoạch giao; 11 mục tiêu đạt trên 80% kế hoạch giao; 4 mục tiêu đạt 50% - 80% kế hoạch giao; 1 mục tiêu dưới 50% kế hoạch giao.',
    );
  });

  it('matches the golden files', async () => {
    checkGolden('demo-2024S1.vi.golden.md', renderMarkdown(vi));
    checkGolden('demo-2024S1.en.golden.md', renderMarkdown(en));
    const html = await renderReport(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      period: '2024S1',
      format: 'html',
    });
    expect(html.contentType).toBe('text/html; charset=utf-8');
    expect(html.fileName).toBe('bao-cao-LCI-DX-2024-2024S1.html');
  });

  it('writes a commune’s report with --unit: its own villages, “toàn xã”', async () => {
    const doc = await buildReport(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      period: '2024S1',
      unit: 'pre2025:02692',
    });
    const text = plainText(doc);
    expect(doc.heading.placeDate).toMatch(/^[^,]+, ngày 18 tháng 7 năm 2024$/);
    expect(text).toMatch(/tại xã [^ ]/);
    expect(text).toMatch(/toàn xã còn \d+ thôn chưa có hạ tầng/);
    expect(text).not.toContain('toàn tỉnh');
    expect(doc.figures.every((f) => !f.href.includes('unit=pre2025%3A10'))).toBe(true);
  });

  it('refuses a reader the report of a unit outside theirs, and writes a commune reader only the commune', async () => {
    const [row] = await db.query<{ path: string }>(
      "SELECT path FROM unit WHERE set_code = 'pre2025' AND code = '02692'",
    );
    const reader: Actor = {
      kind: 'user',
      name: 'xa-02692',
      grants: [{ role: 'viewer', unitPath: row!.path }],
      source: 'api',
    };
    expect((await refusal(buildReport(ctx, reader, { plan: 'LCI-DX-2024', period: '2024S1' }))).code).toBe(
      'forbidden',
    );
    const own = await buildReport(ctx, reader, {
      plan: 'LCI-DX-2024',
      period: '2024S1',
      unit: 'pre2025:02692',
    });
    expect(plainText(own)).toMatch(/toàn xã còn/);
    expect(
      (
        await refusal(
          setNote(ctx, reader, {
            plan: 'LCI-DX-2024',
            period: '2024S1',
            unit: 'pre2025:02692',
            section: 'assessment',
            text: 'x',
          }),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('keeps the secretariat’s paragraphs, audited, across a regeneration after a corrected value', async () => {
    const scope = { plan: 'LCI-DX-2024', period: '2024S1' };
    await setNote(ctx, LOCAL_ADMIN, {
      ...scope,
      section: 'assessment',
      text: 'Kết quả 6 tháng đầu năm khá toàn diện.\n\nCấp xã còn chậm.',
    });
    await setNote(ctx, LOCAL_ADMIN, {
      ...scope,
      section: 'recommendations',
      text: 'Đề nghị Bộ hỗ trợ hạ tầng vùng cao.',
    });
    await setNote(ctx, LOCAL_ADMIN, {
      ...scope,
      section: 'assessment',
      text: 'Kết quả 6 tháng đầu năm khá toàn diện.\n\nCấp xã, thôn còn chậm.',
    });
    const audit = await listAuditRows(db, 'reportNote', 'LCI-DX-2024|2024S1|pre2025:10|assessment');
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]?.newData).toEqual({
      section: 'assessment',
      text: 'Kết quả 6 tháng đầu năm khá toàn diện.\n\nCấp xã, thôn còn chậm.',
    });

    // A corrected value: the SME share falls from 47 % to 20 %, so one target leaves "exceeded".
    await saveValue(ctx, LOCAL_ADMIN, {
      indicator: 'DX_SME_DIGITAL_PLATFORMS',
      unit: 'pre2025:10',
      period: '2024S1',
      value: 20,
      version: 1,
    });
    const again = await buildReport(ctx, LOCAL_ADMIN, scope);
    const text = plainText(again);
    expect(text).toContain('có 7 mục tiêu hoàn thành và vượt kế hoạch giao');
    expect(again.sections.map((s) => [s.number, s.key])).toEqual([
      ['I', 'results'],
      ['II', 'assessment'],
      ['III', 'recommendations'],
    ]);
    expect(again.sections[1]?.blocks).toEqual([
      { kind: 'paragraph', source: 'secretariat', parts: ['Kết quả 6 tháng đầu năm khá toàn diện.'] },
      { kind: 'paragraph', source: 'secretariat', parts: ['Cấp xã, thôn còn chậm.'] },
    ]);
    expect((await listNotes(ctx, LOCAL_ADMIN, scope)).notes.map((n) => n.section)).toEqual([
      'assessment',
      'recommendations',
    ]);

    expect(await clearNotes(ctx, LOCAL_ADMIN, { ...scope, section: 'recommendations' })).toEqual({
      cleared: 1,
    });
    const cleared = await listAuditRows(db, 'reportNote', 'LCI-DX-2024|2024S1|pre2025:10|recommendations');
    expect(cleared.map((a) => a.action)).toEqual(['create', 'delete']);
    const last = await buildReport(ctx, LOCAL_ADMIN, scope);
    expect(last.sections.map((s) => s.key)).toEqual(['results', 'assessment']);
  });

  it('puts the plan’s settings in the heading and signature', async () => {
    await setReportSettings(ctx, LOCAL_ADMIN, 'LCI-DX-2024', {
      number: 7,
      symbol: 'BC-BCĐCĐS',
      signer: 'Nguyễn Văn A',
    });
    const doc = await buildReport(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period: '2024S1' });
    expect(doc.heading.numberLine).toBe('Số: 07/BC-BCĐCĐS');
    expect(doc.signature.signer).toBe('Nguyễn Văn A');
    const audit = await listAuditRows(db, 'planReportSettings', 'LCI-DX-2024');
    expect(audit).toHaveLength(1);
  });

  describe('through the API', () => {
    let app: TestServer;
    beforeAll(async () => {
      app = await buildTestServer({ ctx });
    });
    afterAll(async () => {
      await app?.close();
    });

    it('answers the report as Markdown and HTML with their types and file names', async () => {
      const md = await app.inject({
        url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=md&lang=en',
      });
      expect(md.statusCode).toBe(200);
      expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
      expect(md.headers['content-disposition']).toBe(
        'attachment; filename="bao-cao-LCI-DX-2024-2024S1-en.md"',
      );
      expect(md.body).toContain('38 tasks');
      const html = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1' });
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(html.body).toContain(
        '<a class="figure" id="F1" title="Tổng số mục tiêu được đánh giá" href="/api/v1/plans/LCI-DX-2024/evaluation?period=2024S1&amp;unit=pre2025%3A10">',
      );
    });

    it('answers DOCX and XLSX, and a PDF without Chromium with 503 saying how to install it', async () => {
      const docx = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=docx' });
      expect(docx.statusCode).toBe(200);
      expect(docx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      const xlsx = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=xlsx' });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      const before = process.env.DXMON_CHROMIUM;
      process.env.DXMON_CHROMIUM = '/nonexistent/chromium';
      try {
        const pdf = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=pdf' });
        expect(pdf.statusCode).toBe(503);
        const body = pdf.json<{ message_vi: string; message_en: string }>();
        expect(body.message_vi).toContain('apt-get install chromium');
        expect(body.message_en).toContain('Chromium is not installed');
      } finally {
        if (before === undefined) delete process.env.DXMON_CHROMIUM;
        else process.env.DXMON_CHROMIUM = before;
      }
      const bad = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=odt' });
      expect(bad.statusCode).toBe(400);
    });

    // The demo report through the real renderers and the tools a reader opens it with (CI installs them).
    const tools = missingTools({
      chromium: 'chromium',
      soffice: 'libreoffice-writer',
      pdftotext: 'poppler-utils',
    });
    it.skipIf(tools !== undefined)(
      `reads back the published figures from the PDF and from the DOCX opened in LibreOffice ${tools ?? ''}`,
      async () => {
        const dir = tempDirSync('dxmon-report-pdf-');
        const published = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '97%/95%'];
        const pdf = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=pdf' });
        expect(pdf.statusCode).toBe(200);
        writeFileSync(`${dir}/r.pdf`, pdf.rawPayload);
        const docx = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=docx' });
        writeFileSync(`${dir}/r.docx`, docx.rawPayload);
        const fromDocx = pdfText(docxToPdf(`${dir}/r.docx`, dir, `${dir}/profile`));
        for (const text of [pdfText(`${dir}/r.pdf`), fromDocx]) {
          for (const phrase of published) expect(text).toContain(phrase);
          // Earlier tests here correct a value, so the count is the report's own: read it, whatever it is.
          expect(text).toMatch(/có \d+ mục tiêu hoàn thành và vượt kế hoạch giao/);
        }
      },
      240_000,
    );

    it('saves, lists and clears the paragraphs', async () => {
      const url = '/api/v1/plans/LCI-DX-2024/report/notes?period=2024S1&section=causes';
      const put = await app.inject({ method: 'PUT', url, payload: { text: 'Thiếu kinh phí.' } });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({
        section: 'causes',
        text: 'Thiếu kinh phí.',
        updatedBy: 'token#1:test-admin',
      });
      const list = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report/notes?period=2024S1' });
      expect(list.json<{ notes: { section: string }[] }>().notes.map((n) => n.section)).toEqual([
        'assessment',
        'causes',
      ]);
      const report = await app.inject({ url: '/api/v1/plans/LCI-DX-2024/report?period=2024S1&format=md' });
      expect(report.body).toContain('## III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\n\nThiếu kinh phí.');
      const del = await app.inject({ method: 'DELETE', url });
      expect(del.json()).toEqual({ cleared: 1 });
    });

    it('shows and changes the heading settings', async () => {
      const put = await app.inject({
        method: 'PUT',
        url: '/api/v1/plans/LCI-DX-2024/report/settings',
        payload: { place: 'Lào Cai', number: null },
      });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({
        plan: 'LCI-DX-2024',
        place: 'Lào Cai',
        number: null,
        signer: 'Nguyễn Văn A',
      });
    });
  });
});
