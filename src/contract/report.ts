import type { NoteSection } from '../domain/report-narrative/narrative-input.js';

// The meeting report's stored parts as the API and `dxmon report notes` / `dxmon plans set-report` answer them
// (docs/report.md): the secretariat's paragraphs and the plan's heading settings. The report itself is a file.

/** One of the secretariat's texts as the API and CLI show it. */
export interface ReportNote {
  section: NoteSection;
  text: string;
  updatedBy: string | null;
  /** When it was last saved (ISO 8601); also its version: send it back to save over exactly this text. */
  updatedAt: string;
}

/** The secretariat's texts of a report: its plan, period and unit, and one text per section written. */
export interface ReportNotes {
  plan: string;
  period: string;
  unit: string;
  notes: ReportNote[];
}

/** A plan's report settings as the API and CLI show them: null where unset (the report uses its default). */
export interface ReportSettingsView {
  plan: string;
  issuingBody: string | null;
  parentBody: string | null;
  number: number | null;
  symbol: string | null;
  place: string | null;
  signer: string | null;
  signerTitle: string | null;
}
