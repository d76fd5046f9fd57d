import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../domain/report-document.js';
import { provinceReport } from '../../../test/support/report-document-fixture.js';
import { renderXlsx } from './render-xlsx.js';

async function read(doc: ReportDocument): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await renderXlsx(doc)) as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as arrays of cell values (1-based columns made 0-based). */
function rows(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('renderXlsx', () => {
  it('traces every figure of the report, one row per source, with its indicator, unit, period, value and target', async () => {
    const doc = provinceReport('vi');
    expect(doc.figures.length).toBeGreaterThanOrEqual(40);
    const workbook = await read(doc);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Bảng 1', 'Biểu đồ', 'Nguồn số liệu']);
    const trace = rows(workbook.getWorksheet('Nguồn số liệu')!);
    expect(trace[0]![0]).toMatch(/^Nguồn số liệu: BÁO CÁO Kết quả/);
    expect(trace[1]).toEqual([
      'Mã số liệu',
      'Số liệu',
      'Nội dung',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Mã đơn vị',
      'Đơn vị',
      'Kỳ',
      'Giá trị',
      'Kế hoạch',
      'Đường dẫn giải trình',
    ]);
    const body = trace.slice(2);
    const expected = doc.figures.flatMap((f) =>
      (f.sources.length > 0 ? f.sources : [undefined]).map(() => f.id),
    );
    expect(body.map((r) => r[0])).toEqual(expected);
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(doc.figures.map((f) => f.id)));
    // Each source of each figure, in order.
    let i = 0;
    for (const figure of doc.figures) {
      for (const source of figure.sources) {
        const row = body[i++]!;
        expect(row[2]).toBe(figure.what);
        expect(row[3]).toBe(source.indicator?.code ?? '');
        expect(row[4]).toBe(source.indicator?.name ?? '');
        expect(row[5]).toBe(source.unit.code);
        expect(row[6]).toBe(source.unit.name);
        expect(row[7]).toBe(source.period);
        expect(row[8]).toBe(source.value ?? '');
        expect(row[9]).toBe(source.target ?? '');
        expect(row[10]).toBe(figure.href);
      }
    }
    // The figure as the report shows it: the 97%/95% highlight, the 8 targets met (eight sources).
    const highlight = body.find((r) => r[1] === '97%/95%')!;
    expect(highlight.slice(3, 10)).toEqual([
      'CT01',
      'Tỷ lệ hồ sơ công việc được xử lý hoàn toàn trên môi trường mạng',
      '10',
      'Tỉnh Lào Cai',
      '2024S1',
      '97%',
      '95%',
    ]);
    expect(body.filter((r) => r[0] === 'F1')).toHaveLength(8);
    expect(body.find((r) => r[0] === 'F1')![1]).toBe('8');
  });

  it('writes each table, and the band counts as numbers', async () => {
    const workbook = await read(provinceReport('en'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Table 1', 'Chart', 'Figure sources']);
    const table = rows(workbook.getWorksheet('Table 1')!);
    expect(table[0]).toEqual(['Table 1. Targets by band']);
    expect(table[1]).toEqual(['No.', 'Target', 'Planned', 'Actual', 'Band']);
    expect(table).toHaveLength(2 + 24);
    expect(table[2]).toEqual(['1', 'Work files handled fully online', '95%', '97%', 'Met or exceeded']);
    const chart = rows(workbook.getWorksheet('Chart')!);
    expect(chart.slice(2)).toEqual([
      ['Met or exceeded', 8],
      ['Over 80%', 11],
      ['50%–80%', 4],
      ['Below 50%', 1],
    ]);
  });

  it('writes texts that look like formulas as text, and gives clashing sheet names a number', async () => {
    const doc = provinceReport('vi');
    const table = doc.sections[0]!.sections[0]!.blocks.find((b) => b.kind === 'table')!;
    doc.opening.push({
      ...table,
      caption: 'Bảng 1. Bản sao',
      rows: [['=HYPERLINK("http://x")', '-5', '@cmd', '+1', 'x']],
    });
    doc.figures[0]!.what = '=cmd|/C calc';
    const workbook = await read(doc);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Bảng 1',
      'Bảng 1 (2)',
      'Biểu đồ',
      'Nguồn số liệu',
    ]);
    const copy = rows(workbook.getWorksheet('Bảng 1')!);
    expect(copy[2]).toEqual([`'=HYPERLINK("http://x")`, "'-5", "'@cmd", "'+1", 'x']);
    workbook
      .getWorksheet('Bảng 1')!
      .eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const trace = rows(workbook.getWorksheet('Nguồn số liệu')!);
    expect(trace[2]![2]).toBe("'=cmd|/C calc");
  });
});
