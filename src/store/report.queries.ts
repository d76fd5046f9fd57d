import type { Queryable } from './db.js';

/** One of the secretariat's texts for a report section, as stored. */
export interface ReportNoteRow {
  section: string;
  body: string;
  updatedBy: string | null;
  updatedAt: Date;
}

export interface ReportNoteKey {
  planId: number;
  period: string;
  unitId: number;
}

/** The secretariat's texts of a plan, period and unit, in the report's section order. */
export async function listReportNotes(q: Queryable, key: ReportNoteKey): Promise<ReportNoteRow[]> {
  return q.query<ReportNoteRow>(
    `SELECT section, body, updated_by AS "updatedBy", updated_at AS "updatedAt"
     FROM report_note
     WHERE plan_id = $1 AND period = $2 AND unit_id = $3
     ORDER BY array_position(ARRAY['assessment', 'causes', 'nextTasks', 'recommendations'], section)`,
    [key.planId, key.period, key.unitId],
  );
}

/** Writes a section's text (insert or replace), stamped with who and when. */
export async function upsertReportNote(
  q: Queryable,
  key: ReportNoteKey & { section: string; body: string; updatedBy: string | null; at: Date },
): Promise<void> {
  await q.query(
    `INSERT INTO report_note (plan_id, period, unit_id, section, body, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (plan_id, period, unit_id, section)
     DO UPDATE SET body = EXCLUDED.body, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [key.planId, key.period, key.unitId, key.section, key.body, key.updatedBy, key.at],
  );
}

/** Deletes a section's text, or every section's when `section` is null; the number of rows deleted. */
export async function deleteReportNotes(
  q: Queryable,
  key: ReportNoteKey & { section: string | null },
): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM report_note
       WHERE plan_id = $1 AND period = $2 AND unit_id = $3 AND ($4::text IS NULL OR section = $4)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [key.planId, key.period, key.unitId, key.section],
  );
  return rows[0]?.n ?? 0;
}

/** A plan's settings for the report's heading and signature; null where unset. */
export interface ReportSettingsRow {
  issuingBody: string | null;
  parentBody: string | null;
  number: number | null;
  symbol: string | null;
  place: string | null;
  signer: string | null;
  signerTitle: string | null;
}

export const EMPTY_REPORT_SETTINGS: Readonly<ReportSettingsRow> = Object.freeze({
  issuingBody: null,
  parentBody: null,
  number: null,
  symbol: null,
  place: null,
  signer: null,
  signerTitle: null,
});

/** A plan's report settings, every field null when none was ever set. */
export async function findReportSettings(q: Queryable, planId: number): Promise<ReportSettingsRow> {
  const rows = await q.query<ReportSettingsRow>(
    `SELECT issuing_body AS "issuingBody", parent_body AS "parentBody", doc_number AS "number",
       doc_symbol AS "symbol", place, signer, signer_title AS "signerTitle"
     FROM plan_report_settings WHERE plan_id = $1`,
    [planId],
  );
  return rows[0] ?? { ...EMPTY_REPORT_SETTINGS };
}

/** Writes a plan's report settings (all fields, as given). */
export async function saveReportSettings(
  q: Queryable,
  planId: number,
  s: ReportSettingsRow,
  at: Date,
): Promise<void> {
  await q.query(
    `INSERT INTO plan_report_settings
       (plan_id, issuing_body, parent_body, doc_number, doc_symbol, place, signer, signer_title, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (plan_id) DO UPDATE SET issuing_body = EXCLUDED.issuing_body, parent_body = EXCLUDED.parent_body,
       doc_number = EXCLUDED.doc_number, doc_symbol = EXCLUDED.doc_symbol, place = EXCLUDED.place,
       signer = EXCLUDED.signer, signer_title = EXCLUDED.signer_title, updated_at = EXCLUDED.updated_at`,
    [planId, s.issuingBody, s.parentBody, s.number, s.symbol, s.place, s.signer, s.signerTitle, at],
  );
}

/** A yes/no indicator with values in a period under a unit, which the plan sets no target for: a register. */
export interface ReportRegisterRow {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
}

/**
 * The registers a report speaks of (docs/report.md): yes/no indicators with a value inside the period at a unit in
 * the subtree at `rootPath`, other than the plan's own targets' indicators, in the catalogue's order.
 */
export async function listReportRegisters(
  q: Queryable,
  input: { planId: number; start: string; end: string; rootPath: string },
): Promise<ReportRegisterRow[]> {
  return q.query<ReportRegisterRow>(
    `SELECT i.id, i.code, i.name_vi AS "nameVi", i.name_en AS "nameEn"
     FROM indicator i
     WHERE i.value_type = 'boolean'
       AND NOT EXISTS (SELECT 1 FROM target t WHERE t.plan_id = $1 AND t.indicator_id = i.id)
       AND EXISTS (
         SELECT 1 FROM data_value dv JOIN unit u ON u.id = dv.unit_id
         WHERE dv.indicator_id = i.id AND dv.period_start >= $2::date AND dv.period_end <= $3::date
           AND starts_with(u.path, $4))
     ORDER BY i.id`,
    [input.planId, input.start, input.end, input.rootPath],
  );
}
