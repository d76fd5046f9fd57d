import { AppError } from '../../domain/app-error.js';

/** Why a report could not be rendered: no Chromium, Chromium failing, or no embeddable font. */
export type ReportRenderReason = 'chromiumMissing' | 'chromiumFailed' | 'fontMissing';

/**
 * A report format this machine cannot produce. Its code is `unavailable` (the API answers 503, the CLI exits
 * 1); `reason` tells which tool is missing. The message says how to install it and that the HTML report prints
 * to PDF from any browser.
 */
export class ReportRenderError extends AppError {
  readonly reason: ReportRenderReason;

  constructor(reason: ReportRenderReason, message: { vi: string; en: string }) {
    super('unavailable', message);
    this.name = 'ReportRenderError';
    this.reason = reason;
  }
}

const HTML_HINT = {
  vi: 'Có thể xuất báo cáo dạng HTML (định dạng html) rồi in ra PDF từ bất kỳ trình duyệt nào.',
  en: 'The report can also be written as HTML (format html) and printed to PDF from any browser.',
};

/** No Chromium at `path` (DXMON_CHROMIUM or /usr/bin/chromium). */
export function chromiumMissing(path: string): ReportRenderError {
  return new ReportRenderError('chromiumMissing', {
    vi:
      `Không in được báo cáo ra PDF: máy chủ chưa cài trình duyệt Chromium (không tìm thấy tệp chạy "${path}"). ` +
      `Cài đặt bằng lệnh "apt-get install chromium", hoặc đặt biến môi trường DXMON_CHROMIUM là đường dẫn tới ` +
      `tệp chạy Chromium. ${HTML_HINT.vi}`,
    en:
      `The report cannot be printed to PDF: Chromium is not installed on this server (no executable at "${path}"). ` +
      `Install it with "apt-get install chromium", or set the environment variable DXMON_CHROMIUM to the path of ` +
      `a Chromium executable. ${HTML_HINT.en}`,
  });
}

/** Chromium at `path` would not start or print. */
export function chromiumFailed(path: string, cause: unknown): ReportRenderError {
  const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
  return new ReportRenderError('chromiumFailed', {
    vi: `Không in được báo cáo ra PDF: trình duyệt Chromium "${path}" không chạy được (${detail}). ${HTML_HINT.vi}`,
    en: `The report cannot be printed to PDF: Chromium "${path}" failed (${detail}). ${HTML_HINT.en}`,
  });
}

/** No Liberation Serif font to embed in the PDF. */
export function fontMissing(searched: readonly string[]): ReportRenderError {
  return new ReportRenderError('fontMissing', {
    vi:
      `Không in được báo cáo ra PDF: thiếu phông chữ Liberation Serif (đã tìm trong ${searched.join(', ')}). ` +
      `Cài đặt bằng lệnh "apt-get install fonts-liberation2", hoặc đặt biến môi trường DXMON_REPORT_FONT_DIR là ` +
      `thư mục chứa các tệp LiberationSerif-*.ttf. ${HTML_HINT.vi}`,
    en:
      `The report cannot be printed to PDF: the Liberation Serif font is missing (looked in ${searched.join(', ')}). ` +
      `Install it with "apt-get install fonts-liberation2", or set the environment variable DXMON_REPORT_FONT_DIR ` +
      `to a folder holding the LiberationSerif-*.ttf files. ${HTML_HINT.en}`,
  });
}
