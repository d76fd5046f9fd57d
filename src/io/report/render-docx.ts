import type { Inline, ReportBlock, ReportDocument, ReportSection } from '../../domain/report-document.js';
import { inlineText } from '../../domain/report-document.js';
import { BAND_COLOURS, drawBandChart } from './band-chart-png.js';
import { allBlocks } from './report-blocks.js';
import { HEADER_DEFAULT_REL, HEADER_FIRST_REL, packageDocx } from './docx-package.js';
import type { RunStyle, TableCell } from './ooxml.js';
import { mm, paragraph, picture, rule, run, table } from './ooxml.js';

// The meeting report as a DOCX in the layout of a báo cáo under Decree 30/2020/NĐ-CP (docs/report.md, "File
// formats"): A4 portrait, margins 20/20/30/15 mm, Times New Roman; the header as a borderless two-cell table
// (parent and issuing body, number and symbol on the left; national name, motto and place-date on the right),
// the title and summary centred with a rule under them, numbered sections, tables, the band chart as a picture,
// the end mark "./.", then the recipients and signature in a second borderless table. Pages are numbered in
// the top margin from page 2.

/** The text width between the margins: 210 − 30 − 15 mm. */
const TEXT_WIDTH = mm(165);
/** Header and signature columns: about 70 and 95 mm, so the national name stays on one line at 12–13 pt. */
const LEFT_COL = Math.round(TEXT_WIDTH * 0.42);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;

/** Sizes in points of each element (the decree's ranges, the defaults of its own example). */
const SIZE = {
  nationalName: 12,
  motto: 13,
  parentBody: 12,
  issuingBody: 12,
  numberLine: 13,
  placeDate: 13,
  kind: 14,
  summary: 14,
  body: 14,
  table: 13,
  caption: 13,
  signature: 14,
  recipientsLabel: 12,
  recipients: 11,
  pageNumber: 14,
} as const;

/** Body paragraphs: justified, first line indented 1 cm, 6 pt after, line spacing 1.15. */
const BODY = { align: 'both', firstLine: mm(10), before: 0, after: 120, line: 276 } as const;

const LABELS = {
  vi: {
    nationalName: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    recipients: 'Nơi nhận:',
  },
  en: {
    nationalName: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    recipients: 'Recipients:',
  },
} as const;

/**
 * The printed width of a line of text, estimated from its length (average Times New Roman advance: 0.57 em
 * for bold capitals, 0.43 em for mixed case: the national name is about 82 mm at 12 pt, the motto 53 mm at
 * 13 pt), in twips.
 */
export function estimatedWidth(text: string, sizePt: number): number {
  const upper = text === text.toUpperCase();
  return Math.round(text.length * sizePt * (upper ? 0.57 : 0.43) * 20);
}

/** A rule under a line of text: as long as the motto, or 40% of a name or summary (the decree: 1/3 to 1/2). */
function ruleUnder(text: string, sizePt: number, space: number, share: number): string {
  const width = Math.min(space, estimatedWidth(text, sizePt));
  return rule(Math.round(width * share), space);
}

function inlineRuns(parts: readonly Inline[], style: RunStyle): string {
  return parts.map((part) => run(typeof part === 'string' ? part : part.text, style)).join('');
}

function heading(doc: ReportDocument): string {
  const h = doc.heading;
  const labels = LABELS[doc.lang];
  const centred = { align: 'center' } as const;
  const left: string[] = [];
  if (h.parentBody) left.push(paragraph(run(h.parentBody.toUpperCase(), { size: SIZE.parentBody }), centred));
  left.push(paragraph(run(h.issuingBody.toUpperCase(), { size: SIZE.issuingBody, bold: true }), centred));
  left.push(ruleUnder(h.issuingBody, SIZE.issuingBody, LEFT_COL, 0.4));
  const right = [
    paragraph(run(labels.nationalName, { size: SIZE.nationalName, bold: true }), centred),
    paragraph(run(labels.motto, { size: SIZE.motto, bold: true }), centred),
    ruleUnder(labels.motto, SIZE.motto, RIGHT_COL, 1),
  ];
  const numberCell = paragraph(run(h.numberLine, { size: SIZE.numberLine }), {
    align: 'center',
    before: 120,
  });
  const dateCell = paragraph(run(h.placeDate, { size: SIZE.placeDate, italic: true }), {
    align: 'center',
    before: 120,
  });
  const head = table(
    [LEFT_COL, RIGHT_COL],
    [
      [{ content: left.join('') }, { content: right.join('') }],
      [{ content: numberCell }, { content: dateCell }],
    ],
    { borders: false },
  );
  const title =
    paragraph(run(h.kind.toUpperCase(), { size: SIZE.kind, bold: true }), { align: 'center', before: 360 }) +
    paragraph(run(h.summary, { size: SIZE.summary, bold: true }), { align: 'center' }) +
    ruleUnder(h.summary, SIZE.summary, TEXT_WIDTH, 0.35) +
    paragraph('', { after: 120 });
  return head + title;
}

/** Renders the blocks in order; `endMark` is the block the report's content ends with (it gets "./."). */
class BodyWriter {
  readonly images = new Map<string, Uint8Array>();
  private readonly out: string[] = [];

  constructor(private readonly endMark: ReportBlock | undefined) {}

  xml(): string {
    if (this.endMark === undefined) this.out.push(paragraph(run('./.'), BODY));
    return this.out.join('');
  }

  section(section: ReportSection, depth: number): void {
    const title =
      depth === 0
        ? run(`${section.number}. ${section.title.toUpperCase()}`, { bold: true })
        : depth === 1
          ? run(`${section.number}. ${section.title}`, { bold: true })
          : run(`${section.number}) ${section.title}`, depth === 2 ? {} : { italic: true });
    this.out.push(paragraph(title, { ...BODY, before: depth === 0 ? 120 : 0, keepNext: true }));
    for (const block of section.blocks) this.block(block);
    for (const child of section.sections) this.section(child, depth + 1);
  }

  block(block: ReportBlock): void {
    const last = block === this.endMark;
    // The end mark closes the last sentence: "… năm 2024./." (its own "./." after a text without a full stop).
    const mark = (parts: readonly Inline[]) =>
      last ? run(inlineText(parts).trimEnd().endsWith('.') ? '/.' : './.') : '';
    switch (block.kind) {
      case 'paragraph':
        this.out.push(paragraph(inlineRuns(block.parts, {}) + mark(block.parts), BODY));
        return;
      case 'list':
        block.items.forEach((item, i) => {
          const tail = i === block.items.length - 1 ? mark(item) : '';
          this.out.push(paragraph(run('- ') + inlineRuns(item, {}) + tail, BODY));
        });
        return;
      case 'table':
        this.table(block);
        break;
      case 'bandChart':
        this.chart(block);
        break;
    }
    if (last) this.out.push(paragraph(run('./.'), BODY));
  }

  private table(block: Extract<ReportBlock, { kind: 'table' }>): void {
    const style = { size: SIZE.table };
    this.out.push(
      paragraph(run(block.caption, { size: SIZE.caption, bold: true }), {
        align: 'center',
        before: 120,
        after: 60,
        keepNext: true,
      }),
    );
    const widths = columnWidths(block.columns, block.rows);
    const cellPara = (xml: string, c: number) =>
      paragraph(xml, {
        align: c === 1 && block.columns.length > 2 ? 'left' : 'center',
        before: 20,
        after: 20,
      });
    const rows: TableCell[][] = [
      block.columns.map((col) => ({
        content: paragraph(run(col, { ...style, bold: true }), { align: 'center', before: 20, after: 20 }),
        fill: 'F2F2F2',
      })),
      ...block.rows.map((row) => row.map((cell, c) => ({ content: cellPara(inlineRuns([cell], style), c) }))),
    ];
    this.out.push(table(widths, rows, { borders: true, headerRow: true, cellMargin: 80 }));
    this.out.push(paragraph('', { after: 120 }));
  }

  private chart(block: Extract<ReportBlock, { kind: 'bandChart' }>): void {
    const id = `rIdChart${this.images.size + 1}`;
    this.images.set(id, drawBandChart(block));
    this.out.push(
      paragraph(picture(id, this.images.size, block.caption, 150, 60), {
        align: 'center',
        before: 120,
        keepNext: true,
      }),
    );
    const legend = block.bars
      .map((bar, i) =>
        [
          run(i === 0 ? '■\u00A0' : '    ■\u00A0', { size: SIZE.caption, colour: BAND_COLOURS[bar.band] }),
          // No-break spaces inside an entry: the legend wraps between entries only.
          run(`${bar.label}: ${bar.count}`.replaceAll(' ', '\u00A0'), { size: SIZE.caption }),
        ].join(''),
      )
      .join('');
    this.out.push(paragraph(legend, { align: 'center', before: 60, keepNext: true }));
    this.out.push(
      paragraph(run(block.caption, { size: SIZE.caption, bold: true }), {
        align: 'center',
        before: 60,
        after: 120,
      }),
    );
  }
}

/**
 * Column widths in twips across the text width: each column at least as wide as its longest word, the rest of
 * the width shared by how much more each column's longest text would need.
 */
function columnWidths(columns: readonly string[], rows: readonly Inline[][]): number[] {
  // Average advance 0.55 em; a word's own width is reckoned at 0.65 em (bold headings, wide capitals).
  const charTwips = SIZE.table * 0.55 * 20;
  const wordTwips = SIZE.table * 0.65 * 20;
  const padding = 2 * 80 + 60;
  const texts = columns.map((col, c) => [col, ...rows.map((row) => inlineText([row[c] ?? '']))]);
  const least = texts.map((column) => {
    const word = Math.max(...column.flatMap((t) => t.split(/\s+/).map((w) => w.length)));
    return Math.round(word * wordTwips + padding);
  });
  const wish = texts.map((column, c) =>
    Math.max(0, Math.max(...column.map((t) => t.length)) * charTwips + padding - least[c]!),
  );
  const spare = Math.max(0, TEXT_WIDTH - least.reduce((a, b) => a + b, 0));
  const wishes = wish.reduce((a, b) => a + b, 0);
  const widths = least.map((w, c) =>
    Math.floor(w + (wishes > 0 ? (spare * wish[c]!) / wishes : spare / least.length)),
  );
  const total = widths.reduce((a, b) => a + b, 0);
  // Too many columns to fit their longest words: shrink them all alike to the text width.
  const scaled = total > TEXT_WIDTH ? widths.map((w) => Math.floor((w * TEXT_WIDTH) / total)) : widths;
  scaled[scaled.length - 1]! += TEXT_WIDTH - scaled.reduce((a, b) => a + b, 0);
  return scaled;
}

function signature(doc: ReportDocument): string {
  const s = doc.signature;
  const left = [
    paragraph(run(LABELS[doc.lang].recipients, { size: SIZE.recipientsLabel, bold: true, italic: true })),
    ...s.recipients.map((line) => paragraph(run(`- ${line}`, { size: SIZE.recipients }))),
  ];
  const right = s.authority.map((line) =>
    paragraph(run(line.toUpperCase(), { size: SIZE.signature, bold: true }), { align: 'center' }),
  );
  // About 28 mm for the signature and the seal, then the signer's name.
  right.push(
    paragraph(run(s.signer ?? '', { size: SIZE.signature, bold: true }), { align: 'center', before: mm(28) }),
  );
  return (
    paragraph('', { after: 120 }) +
    table([LEFT_COL, RIGHT_COL], [[{ content: left.join('') }, { content: right.join('') }]], {
      borders: false,
    }) +
    // Word wants the body to end with a paragraph, not a table.
    paragraph('', { line: 20, exactLine: true, markSize: 1 })
  );
}

const SECTION_PROPERTIES =
  `<w:sectPr><w:headerReference w:type="default" r:id="${HEADER_DEFAULT_REL}"/>` +
  `<w:headerReference w:type="first" r:id="${HEADER_FIRST_REL}"/>` +
  `<w:pgSz w:w="11906" w:h="16838"/>` +
  `<w:pgMar w:top="${mm(20)}" w:right="${mm(15)}" w:bottom="${mm(20)}" w:left="${mm(30)}" w:header="${mm(10)}" w:footer="${mm(10)}" w:gutter="0"/>` +
  `<w:titlePg/></w:sectPr>`;

/** The report as a DOCX file (Decree 30 layout), in the report's language. */
export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  const writer = new BodyWriter(allBlocks(doc).at(-1));
  for (const block of doc.opening) writer.block(block);
  for (const section of doc.sections) writer.section(section, 0);
  const body = heading(doc) + writer.xml() + signature(doc) + SECTION_PROPERTIES;
  return Promise.resolve(
    packageDocx({
      lang: doc.lang,
      title: `${doc.heading.kind} ${doc.heading.summary}`,
      body,
      images: writer.images,
      pageNumberSize: SIZE.pageNumber,
      bodySize: SIZE.body,
    }),
  );
}
