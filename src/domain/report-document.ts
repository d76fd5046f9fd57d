import type { Band } from './band.js';
import type { Lang } from './format-number.js';

/**
 * The meeting report as a document model, independent of any file format: the narrative writes it from the
 * figures, and each renderer (Markdown, HTML, DOCX, PDF, XLSX) lays it out. Every text is already in the
 * report's language; every figure that comes from the data carries its trace.
 */

/** Where a figure comes from: the API path that explains it and the data behind it (for the XLSX trace sheet). */
export interface FigureTrace {
  /** A stable id within the report (`F1`, `F2`, …), shown in the trace sheet and used as the HTML anchor. */
  id: string;
  /** The API path that explains the figure (e.g. `/api/v1/plans/P/trace?indicator=…&period=…&unit=…`). */
  href: string;
  /** What the figure counts or measures, in the report's language. */
  what: string;
  /** The values behind it: indicator, unit and period codes with their names and the numbers used. */
  sources: FigureSource[];
}

/** One value a figure was computed from. */
export interface FigureSource {
  indicator?: { code: string; name: string };
  unit: { code: string; name: string };
  period: string;
  /** The value as used, formatted for the report's language; absent where the figure counts rows (tasks, villages). */
  value?: string;
  /** A target's planned value, where the source is a target. */
  target?: string;
}

/** A run of text: plain, or a figure with its trace. */
export type Inline = string | { text: string; trace: FigureTrace };

/** A paragraph of running text; `source` tells whether the narrative wrote it or the secretariat did. */
export interface ReportParagraph {
  kind: 'paragraph';
  source: 'generated' | 'secretariat';
  parts: Inline[];
}

/** A list item (`- …;`), for targets, tasks or units named one by one. */
export interface ReportList {
  kind: 'list';
  items: Inline[][];
}

/** A table: a caption, column headings and rows of cells. */
export interface ReportTable {
  kind: 'table';
  caption: string;
  columns: string[];
  rows: Inline[][];
}

/** The chart of targets by band (drawn as an image in DOCX and PDF, as a table in Markdown). */
export interface BandChart {
  kind: 'bandChart';
  caption: string;
  bars: { band: Band; label: string; count: number }[];
}

export type ReportBlock = ReportParagraph | ReportList | ReportTable | BandChart;

/** A numbered section: `I.`, `II.` … at the top level, `1.`, `2.` below. */
export interface ReportSection {
  /** A stable key (`results`, `targets`, `tasks`, `registers`, `index`, `assessment`, `nextTasks`, …). */
  key: string;
  /** The number as printed (`I`, `II`, `1`, `2`). */
  number: string;
  title: string;
  blocks: ReportBlock[];
  sections: ReportSection[];
}

/** The header and footer of an administrative report: who issues it, its number, place and date, who signs. */
export interface ReportHeading {
  /** The issuing body's parent body, as printed (`UBND TỈNH LÀO CAI`); absent where none is set. */
  parentBody?: string;
  /** The issuing body (`BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ`). */
  issuingBody: string;
  /** The number and symbol (`Số: 12/BC-BCĐ`, or `Số:      /BC-BCĐ` where the number is left blank). */
  numberLine: string;
  /** The place and date line (`Lào Cai, ngày 18 tháng 7 năm 2024`). */
  placeDate: string;
  /** The document kind (`BÁO CÁO` / `REPORT`). */
  kind: string;
  /** The summary line under the kind (trích yếu). */
  summary: string;
}

/** The signature block and the list of recipients. */
export interface ReportSignature {
  /** Lines above the signature, upper case (`TM. BAN CHỈ ĐẠO`, `TRƯỞNG BAN`). */
  authority: string[];
  /** The signer's name; absent where none is set. */
  signer?: string;
  /** The recipients, one per line, the last being the archive line (`Lưu: VT, …`). */
  recipients: string[];
}

export interface ReportDocument {
  lang: Lang;
  heading: ReportHeading;
  /** The opening paragraph(s) before the first numbered section. */
  opening: ReportBlock[];
  sections: ReportSection[];
  signature: ReportSignature;
  /** Every traced figure in the order it appears: the XLSX trace sheet's rows. */
  figures: FigureTrace[];
}

/** The text of a run of inlines, without their traces. */
export function inlineText(parts: readonly Inline[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part.text)).join('');
}
