import { rename, rm, writeFile } from 'node:fs/promises';
import { AppError } from '../../domain/app-error.js';
import type { ReportDocument } from '../../domain/report-document.js';
import { renderDocx } from '../../io/report/render-docx.js';
import { renderHtml } from '../../io/report/render-html.js';
import { renderMarkdown } from '../../io/report/render-markdown.js';
import { renderPdfFromHtml } from '../../io/report/render-pdf.js';
import { renderXlsx } from '../../io/report/render-xlsx.js';
import type { Actor, AppContext } from '../context.js';
import { oneAtATime } from './one-at-a-time.js';
import { buildReport, type BuildReportInput } from './build-report.js';

import { REPORT_FORMATS, type ReportFormat } from './report-formats.js';

export { REPORT_FORMATS, type ReportFormat };

/** A rendered report: the file's bytes, its media type and a file name for it. */
export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

interface FormatEntry {
  contentType: string;
  render: (doc: ReportDocument) => Buffer | Promise<Buffer>;
}

/** The one table from a format to its renderer: the CLI and the API both go through it. */
/** PDFs are printed one at a time: each starts a Chromium, and requests at once queue instead of starting many. */
const printPdf = oneAtATime((html: string) => renderPdfFromHtml(html));

const RENDERERS: Record<ReportFormat, FormatEntry> = {
  md: {
    contentType: 'text/markdown; charset=utf-8',
    render: (doc) => Buffer.from(renderMarkdown(doc), 'utf8'),
  },
  html: { contentType: 'text/html; charset=utf-8', render: (doc) => Buffer.from(renderHtml(doc), 'utf8') },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: async (doc) => Buffer.from(await renderDocx(doc)),
  },
  // Printed from the HTML report by the machine's headless Chromium, started for this report (docs/report.md).
  pdf: {
    contentType: 'application/pdf',
    render: async (doc) => Buffer.from(await printPdf(renderHtml(doc))),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    render: async (doc) => Buffer.from(await renderXlsx(doc)),
  },
};

/** Reads a format a user wrote, or refuses it listing the formats. */
export function readReportFormat(text: string, field = 'format'): ReportFormat {
  const format = REPORT_FORMATS.find((f) => f === text.trim().toLowerCase());
  if (format) return format;
  const list = REPORT_FORMATS.join(', ');
  const message = {
    vi: `Định dạng báo cáo «${text}» không hợp lệ: chọn một trong ${list}.`,
    en: `Report format «${text}» is not valid: choose one of ${list}.`,
  };
  throw new AppError('badInput', message, [{ field, message_vi: message.vi, message_en: message.en }]);
}

function fileNameOf(doc: ReportDocument, input: BuildReportInput, format: ReportFormat): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  const unit = input.unit ? `-${safe(input.unit)}` : '';
  return `bao-cao-${safe(input.plan)}-${safe(input.period)}${unit}${doc.lang === 'en' ? '-en' : ''}.${format}`;
}

/** The meeting report of a plan, period and unit in one format (docs/report.md). */
export async function renderReport(
  ctx: AppContext,
  actor: Actor,
  input: BuildReportInput & { format: string },
): Promise<RenderedReport> {
  const format = readReportFormat(input.format);
  const doc = await buildReport(ctx, actor, input);
  return {
    body: await RENDERERS[format].render(doc),
    contentType: RENDERERS[format].contentType,
    fileName: fileNameOf(doc, input, format),
  };
}

/**
 * Renders a report into a file: written beside it under a temporary name, then renamed over it, so a reader never
 * finds half a report (and a failed render leaves the old file as it was).
 */
export async function writeReportFile(
  ctx: AppContext,
  actor: Actor,
  input: BuildReportInput & { format: string },
  path: string,
): Promise<RenderedReport & { bytes: number }> {
  const rendered = await renderReport(ctx, actor, input);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, rendered.body);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('badInput', {
      vi: `Không ghi được tệp «${path}»: ${reason}`,
      en: `Could not write the file «${path}»: ${reason}`,
    });
  }
  return { ...rendered, bytes: rendered.body.length };
}
