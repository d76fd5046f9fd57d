import ExcelJS from 'exceljs';
import { inlineText } from '../../domain/report-document.js';
import type {
  BandChart,
  FigureTrace,
  Inline,
  ReportDocument,
  ReportTable,
} from '../../domain/report-document.js';
import { neutraliseFormula } from '../csv.js';
import { allBlocks } from './report-blocks.js';

// The meeting report's figures as a workbook: one sheet per table of the report (the targets by band and any
// other), the band chart's counts as a table, and a sheet tracing every figure of the report to the values it
// came from (one row per source: indicator, unit, period, value, target) with the API path that explains it.
// Every text cell is written as text and neutralised against formulas as the CSV exports are (csv.ts): a name
// beginning with `=` stays a name. Headings are in the report's language.

const LABELS = {
  vi: {
    chartSheet: 'Biểu đồ',
    traceSheet: 'Nguồn số liệu',
    bandColumns: ['Mức đạt', 'Số mục tiêu'],
    trace: [
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
    ],
  },
  en: {
    chartSheet: 'Chart',
    traceSheet: 'Figure sources',
    bandColumns: ['Band', 'Targets'],
    trace: [
      'Figure',
      'Shown as',
      'What',
      'Indicator code',
      'Indicator',
      'Unit code',
      'Unit',
      'Period',
      'Value',
      'Target',
      'Trace',
    ],
  },
} as const;

/** A cell's value: a number as a number, a text neutralised against formulas. */
const cellValue = (value: string | number): string | number =>
  typeof value === 'number' ? value : neutraliseFormula(value);

/** A sheet name Excel accepts (≤ 31 characters, none of `[]:*?/\`), unique in the workbook. */
function sheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet';
  let name = clean.slice(0, 31);
  for (let n = 2; taken.has(name.toLowerCase()); n++)
    name = `${clean.slice(0, 31 - ` (${n})`.length)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

/** The tables and band charts of the report, in order. */
function tablesOf(doc: ReportDocument): (ReportTable | BandChart)[] {
  return allBlocks(doc).filter(
    (b): b is ReportTable | BandChart => b.kind === 'table' || b.kind === 'bandChart',
  );
}

/** Writes a caption row, a bold header row (frozen with it) and the rows; widths fit the texts. */
function writeTable(
  sheet: ExcelJS.Worksheet,
  caption: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
) {
  sheet.addRow([cellValue(caption)]).font = { bold: true, size: 13 };
  const header = sheet.addRow(columns.map(cellValue));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rows) sheet.addRow(row.map(cellValue));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  columns.forEach((col, c) => {
    const longest = Math.max(col.length, ...rows.map((row) => String(row[c] ?? '').length));
    sheet.getColumn(c + 1).width = Math.min(70, Math.max(8, longest + 2));
    sheet.getColumn(c + 1).alignment = { vertical: 'top', wrapText: longest > 70 };
  });
}

/** One row per source of each figure (a figure without sources gets one row of its own). */
function traceRows(figures: readonly FigureTrace[], shown: ReadonlyMap<string, string>): string[][] {
  return figures.flatMap((figure) => {
    const sources = figure.sources.length > 0 ? figure.sources : [undefined];
    return sources.map((source) => [
      figure.id,
      shown.get(figure.id) ?? '',
      figure.what,
      source?.indicator?.code ?? '',
      source?.indicator?.name ?? '',
      source?.unit.code ?? '',
      source?.unit.name ?? '',
      source?.period ?? '',
      source?.value ?? '',
      source?.target ?? '',
      figure.href,
    ]);
  });
}

/** The text each figure is shown as in the report (its first appearance), by id. */
function shownTexts(doc: ReportDocument): Map<string, string> {
  const shown = new Map<string, string>();
  const take = (parts: readonly Inline[]) => {
    for (const part of parts) {
      if (typeof part !== 'string' && !shown.has(part.trace.id)) shown.set(part.trace.id, part.text);
    }
  };
  for (const b of allBlocks(doc)) {
    if (b.kind === 'paragraph') take(b.parts);
    else if (b.kind === 'list') b.items.forEach(take);
    else if (b.kind === 'table') b.rows.forEach(take);
  }
  return shown;
}

/** The report's tables and figure trace as an XLSX workbook. */
export async function renderXlsx(doc: ReportDocument): Promise<Uint8Array> {
  const labels = LABELS[doc.lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'DX Monitor';
  workbook.title = `${doc.heading.kind} ${doc.heading.summary}`;
  const taken = new Set<string>();
  tablesOf(doc).forEach((block, i) => {
    if (block.kind === 'table') {
      const sheet = workbook.addWorksheet(sheetName(block.caption.split('.')[0] || `${i + 1}`, taken));
      writeTable(
        sheet,
        block.caption,
        block.columns,
        block.rows.map((row) => row.map((cell) => inlineText([cell]))),
      );
    } else {
      const sheet = workbook.addWorksheet(sheetName(labels.chartSheet, taken));
      writeTable(
        sheet,
        block.caption,
        labels.bandColumns,
        block.bars.map((bar) => [bar.label, bar.count]),
      );
    }
  });
  const trace = workbook.addWorksheet(sheetName(labels.traceSheet, taken));
  const caption = `${labels.traceSheet}: ${doc.heading.kind} ${doc.heading.summary}`;
  writeTable(trace, caption, labels.trace, traceRows(doc.figures, shownTexts(doc)));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
