import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { provinceReport } from '../../../test/support/report-document-fixture.js';
import { docxToPdf, missingTools, pdfText } from '../../../test/support/report-tools.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { renderDocx } from './render-docx.js';

/** The DOCX's parts as text (XML) or bytes. */
async function parts(lang: 'vi' | 'en' = 'vi') {
  const files = unzipSync(await renderDocx(provinceReport(lang)));
  const text = (name: string) => {
    const bytes = files[name];
    if (!bytes) throw new Error(`${name} missing from the DOCX`);
    return strFromU8(bytes);
  };
  return { files, text };
}

/** The paragraphs of an XML part, each with its properties and its text. */
function paragraphs(xml: string): { xml: string; text: string }[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    xml: m[1]!,
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

function paragraphWith(xml: string, text: string) {
  const found = paragraphs(xml).find((p) => p.text === text);
  if (!found) throw new Error(`no paragraph "${text}"`);
  return found;
}

const attr = (xml: string, tag: string, name: string) =>
  Number(new RegExp(`<${tag}\\b[^>]*\\b${name}="(\\d+)"`).exec(xml)?.[1]);

const TWIPS_PER_MM = 56.6929;

describe('renderDocx: the Decree 30 layout read back from the XML', () => {
  it('is A4 portrait with margins 20/20/30/15 mm, pages numbered in the top margin from page 2', async () => {
    const { text } = await parts();
    const doc = text('word/document.xml');
    const sect = /<w:sectPr>[\s\S]*<\/w:sectPr>/.exec(doc)![0];
    expect(attr(sect, 'w:pgSz', 'w:w')).toBe(11906);
    expect(attr(sect, 'w:pgSz', 'w:h')).toBe(16838);
    expect(sect).not.toContain('w:orient');
    expect(attr(sect, 'w:pgMar', 'w:top')).toBe(1134);
    expect(attr(sect, 'w:pgMar', 'w:bottom')).toBe(1134);
    expect(attr(sect, 'w:pgMar', 'w:left')).toBe(1701);
    expect(attr(sect, 'w:pgMar', 'w:right')).toBe(850);
    expect(sect).toContain('<w:titlePg/>');
    const rels = text('word/_rels/document.xml.rels');
    const target = (type: string) => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="([^"]+)"`).exec(sect)![1];
      return `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`;
    };
    const defaultHeader = text(target('default'));
    expect(defaultHeader).toMatch(/<w:instrText[^>]*> PAGE <\/w:instrText>/);
    expect(defaultHeader).toContain('<w:jc w:val="center"/>');
    expect(defaultHeader).toContain('<w:sz w:val="28"/>');
    const firstHeader = text(target('first'));
    expect(firstHeader).not.toContain('PAGE');
    expect(paragraphs(firstHeader).map((p) => p.text)).toEqual(['']);
  });

  it('names Times New Roman in every run and in the defaults, body text 14 pt', async () => {
    const { text } = await parts();
    const doc = text('word/document.xml');
    const fonts = [...doc.matchAll(/<w:rFonts ([^>]*)\/>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(100);
    for (const f of fonts)
      expect(f).toMatch(/w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/);
    const styles = text('word/styles.xml');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/);
    expect(styles).toContain('<w:sz w:val="28"/>');
    expect(styles).toContain('w:lang w:val="vi-VN"');
  });

  it('sets the header: national name, motto with its rule, bodies, number and italic place-date', async () => {
    const { text } = await parts();
    const doc = text('word/document.xml');
    const national = paragraphWith(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(national.xml).toContain('<w:b/>');
    expect(national.xml).toContain('<w:sz w:val="24"/>');
    const motto = paragraphWith(doc, 'Độc lập - Tự do - Hạnh phúc');
    expect(motto.xml).toContain('<w:b/>');
    expect(motto.xml).toContain('<w:sz w:val="26"/>');
    // The rule under the motto: the next paragraph, empty, with a bottom border about as long as the motto (≈53 mm).
    const all = paragraphs(doc);
    const afterMotto = all[all.findIndex((p) => p.text === motto.text) + 1]!;
    expect(afterMotto.text).toBe('');
    expect(afterMotto.xml).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    const rightCell = Number(/<w:gridCol w:w="\d+"\/><w:gridCol w:w="(\d+)"\/>/.exec(doc)![1]);
    const lineMm =
      (rightCell - attr(afterMotto.xml, 'w:ind', 'w:left') - attr(afterMotto.xml, 'w:ind', 'w:right')) /
      TWIPS_PER_MM;
    expect(lineMm).toBeGreaterThan(48);
    expect(lineMm).toBeLessThan(58);
    // Header columns ≈ 42% / 58% of the 165 mm text width.
    expect(rightCell / 9355).toBeCloseTo(0.58, 2);
    expect(paragraphWith(doc, 'UBND TỈNH LÀO CAI').xml).not.toContain('<w:b/>');
    const body = paragraphWith(doc, 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ');
    expect(body.xml).toContain('<w:b/>');
    const afterBody = all[all.findIndex((p) => p.text === body.text) + 1]!;
    expect(afterBody.xml).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    expect(paragraphWith(doc, 'Số: 12/BC-BCĐ').xml).toContain('<w:sz w:val="26"/>');
    const date = paragraphWith(doc, 'Lào Cai, ngày 18 tháng 7 năm 2024');
    expect(date.xml).toContain('<w:i/>');
    expect(date.xml).toContain('<w:sz w:val="26"/>');
    // The header tables are borderless.
    expect(/<w:tbl>[\s\S]*?<\/w:tblPr>/.exec(doc)![0]).toContain('<w:top w:val="nil"/>');
  });

  it('sets the title, numbered sections, justified body with a 1 cm first line and 6 pt after, the end mark', async () => {
    const { text, files } = await parts();
    const doc = text('word/document.xml');
    const kind = paragraphWith(doc, 'BÁO CÁO');
    expect(kind.xml).toContain('<w:jc w:val="center"/>');
    expect(kind.xml).toContain('<w:b/>');
    expect(kind.xml).toContain('<w:sz w:val="28"/>');
    expect(paragraphWith(doc, 'I. KẾT QUẢ THỰC HIỆN').xml).toContain('<w:b/>');
    expect(paragraphWith(doc, '1. Kết quả thực hiện các mục tiêu').xml).toContain('<w:b/>');
    expect(paragraphWith(doc, 'a) Các mục tiêu nổi bật').xml).not.toContain('<w:b/>');
    const body = paragraphs(doc).find((p) => p.text.startsWith('6 tháng đầu năm 2024, có 8 mục tiêu'))!;
    expect(body.xml).toContain('<w:jc w:val="both"/>');
    expect(attr(body.xml, 'w:ind', 'w:firstLine')).toBe(567);
    expect(attr(body.xml, 'w:spacing', 'w:after')).toBeGreaterThanOrEqual(120);
    const texts = paragraphs(doc).map((p) => p.text);
    const end = texts.findIndex((t) => t.endsWith('./.'));
    expect(texts[end]).toMatch(/^Tập trung hoàn thành.* năm 2024\.\/\.$/);
    expect(texts.indexOf('Nơi nhận:')).toBeGreaterThan(end);
    const recipientsLabel = paragraphWith(doc, 'Nơi nhận:');
    expect(recipientsLabel.xml).toMatch(/<w:b\/>[\s\S]*<w:i\/>[\s\S]*<w:sz w:val="24"\/>/);
    expect(paragraphWith(doc, '- Lưu: VT, BCĐ.').xml).toContain('<w:sz w:val="22"/>');
    expect(paragraphWith(doc, 'TM. BAN CHỈ ĐẠO').xml).toContain('<w:b/>');
    expect(texts).toContain('Trịnh Xuân Trường');
    // The band chart is a PNG picture with its legend, the targets a ruled table with a repeated header row.
    const png = files['word/media/rIdChart1.png']!;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(doc).toContain('r:embed="rIdChart1"');
    expect(
      texts.some((t) => t.includes('Hoàn\u00A0thành\u00A0và\u00A0vượt\u00A0kế\u00A0hoạch:\u00A08')),
    ).toBe(true);
    expect(doc).toContain('<w:tblHeader/>');
    expect(texts).toContain('Tỷ lệ hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng');
  });

  it('writes an English report in the same layout with English texts', async () => {
    const { text } = await parts('en');
    const doc = text('word/document.xml');
    expect(paragraphWith(doc, 'SOCIALIST REPUBLIC OF VIET NAM').xml).toContain('<w:sz w:val="24"/>');
    expect(paragraphWith(doc, 'Independence - Freedom - Happiness').xml).toContain('<w:b/>');
    expect(paragraphWith(doc, 'Recipients:').xml).toContain('<w:i/>');
    expect(paragraphWith(doc, 'REPORT').xml).toContain('<w:b/>');
    expect(text('word/styles.xml')).toContain('w:lang w:val="en-GB"');
    expect(doc).not.toMatch(/Nơi nhận|Độc lập/);
  });
});

describe('renderDocx: end mark and texts', () => {
  it('puts "./." after a last table, keeps markup characters as text and drops those XML forbids', async () => {
    const doc = provinceReport('vi');
    const table = doc.sections[0]!.sections[0]!.blocks.find((b) => b.kind === 'table')!;
    doc.sections = [
      { key: 'x', number: 'I', title: 'Bảng <số liệu> & "ghi chú"\u0001', blocks: [table], sections: [] },
    ];
    const files = unzipSync(await renderDocx(doc));
    const xml = strFromU8(files['word/document.xml']!);
    const texts = paragraphs(xml).map((p) => p.text);
    expect(texts).toContain('I. BẢNG &lt;SỐ LIỆU&gt; &amp; &quot;GHI CHÚ&quot;');
    expect(xml).not.toContain('\u0001');
    const end = texts.indexOf('./.');
    expect(end).toBeGreaterThan(texts.indexOf('Tỷ lệ dữ liệu mở được công bố'));
    expect(end).toBeLessThan(texts.indexOf('Nơi nhận:'));
  });
});

const missing = missingTools({ soffice: 'libreoffice-writer', pdftotext: 'poppler-utils' });

describe('renderDocx: LibreOffice opens the DOCX', () => {
  it.skipIf(missing !== undefined)(
    `converts to PDF whose text keeps every diacritic${missing ? ` (${missing})` : ''}`,
    async () => {
      const dir = await tempDir('dxmon-docx-');
      const file = path.join(dir, 'bao-cao.docx');
      writeFileSync(file, await renderDocx(provinceReport('vi')));
      const pdf = docxToPdf(file, dir, path.join(dir, 'profile'));
      const text = pdfText(pdf);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('Lào Cai, ngày 18 tháng 7 năm 2024');
      expect(text).toContain('đạt 97%/95%');
      expect(text).toContain('xóa được 4 thôn lõm sóng, toàn tỉnh còn 6 thôn chưa có sóng di động băng rộng');
      expect(text).toContain('./.');
      expect(text).toContain('Nơi nhận:');
      // Page 2 carries its number in the top margin; page 1 none.
      expect(pdfText(pdf, 1)).toMatch(/^ ?UBND TỈNH LÀO CAI/);
      expect(pdfText(pdf, 2)).toMatch(/^ ?2 /);
    },
    180_000,
  );
});
