/** The formats a report is asked for (docs/report.md); a module of its own, light enough for `dxmon --help`. */
export const REPORT_FORMATS = ['md', 'html', 'docx', 'pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
