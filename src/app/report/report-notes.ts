import type { ReportNote, ReportNotes } from '../../contract/report.js';
import { AppError } from '../../domain/app-error.js';
import { NOTE_SECTIONS, type NoteSection } from '../../domain/report-narrative/narrative-input.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import { formatVietnamTime } from '../../domain/vietnam-time.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  deleteReportNotes,
  listReportNotes,
  upsertReportNote,
  type ReportNoteRow,
} from '../../store/report.queries.js';
import { auditEntry } from '../audit-entry.js';
import { authorize, authorizeWrite, rowUnit } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { resolveReportScope, type ReportScope } from './report-scope.js';

/** The longest text a section may hold (characters). */
export const NOTE_MAX_LENGTH = 20_000;

export interface ReportNotesInput {
  plan: string;
  period: string;
  /** The unit the report is of; the plan's unit when absent. */
  unit?: string | undefined;
}

const SECTION_NAMES: Record<NoteSection, { vi: string; en: string }> = {
  assessment: { vi: 'đánh giá chung', en: 'overall assessment' },
  causes: { vi: 'tồn tại, nguyên nhân', en: 'shortcomings and causes' },
  nextTasks: { vi: 'nhiệm vụ thời gian tới', en: 'tasks for the next period' },
  recommendations: { vi: 'kiến nghị, đề xuất', en: 'recommendations' },
};

/** Reads a section name a user wrote, or refuses it listing the sections. */
export function readNoteSection(text: string, field = 'section'): NoteSection {
  const found = NOTE_SECTIONS.find((s) => s === text.trim());
  if (found) return found;
  const list = NOTE_SECTIONS.join(', ');
  const message = {
    vi: `Phần «${text}» không hợp lệ: chọn một trong ${list}.`,
    en: `Section «${text}» is not valid: choose one of ${list}.`,
  };
  throw new AppError('badInput', message, [{ field, message_vi: message.vi, message_en: message.en }]);
}

function noteKey(scope: ReportScope, section?: NoteSection): string {
  const unit = formatUnitRef(scope.unit);
  return `${scope.plan.code}|${scope.period.id}|${unit}${section ? `|${section}` : ''}`;
}

function toNote(row: ReportNoteRow): ReportNote {
  return {
    section: row.section as NoteSection,
    text: row.body,
    updatedBy: row.updatedBy,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

function refuseWrite(actor: Actor, scope: ReportScope): void {
  authorizeWrite(actor, 'plans:manage', {
    row: {
      vi: `đoạn văn của báo cáo kế hoạch «${scope.plan.code}» tại đơn vị ${formatUnitRef(scope.unit)}`,
      en: `the report paragraphs of plan «${scope.plan.code}» at unit ${formatUnitRef(scope.unit)}`,
    },
    current: [rowUnit(scope.unit, 'unit')],
  });
}

/** The secretariat's texts of a plan's report at a period and unit (read over the unit needed). */
export async function listNotes(
  ctx: AppContext,
  actor: Actor,
  input: ReportNotesInput,
): Promise<ReportNotes> {
  const scope = await resolveReportScope(ctx.db, input);
  authorize(actor, 'read', scope.unit.path, formatUnitRef(scope.unit));
  const rows = await listReportNotes(ctx.db, {
    planId: scope.plan.id,
    period: scope.period.id,
    unitId: scope.unit.id,
  });
  return {
    plan: scope.plan.code,
    period: scope.period.id,
    unit: formatUnitRef(scope.unit),
    notes: rows.map(toNote),
  };
}

/**
 * Refuses a save made over a text that changed since it was read: `version` is the `updatedAt` the writer read, or
 * null when the section had no text then (undefined: the writer saves whatever is stored).
 */
function refuseStale(
  section: NoteSection,
  version: string | null | undefined,
  before: { updatedBy: string | null; updatedAt: Date } | null,
): void {
  if (version === undefined) return;
  const current = before ? before.updatedAt.toISOString() : null;
  const read = version === null ? null : new Date(version);
  if (read !== null && Number.isNaN(read.getTime())) {
    const message = {
      vi: `Phiên bản «${version}» không phải là một thời điểm (gửi lại updatedAt đã đọc, hoặc null khi phần chưa có nội dung).`,
      en: `Version «${version}» is not a time (send back the updatedAt you read, or null when the section had no text).`,
    };
    throw new AppError('badInput', message, [
      { field: 'version', message_vi: message.vi, message_en: message.en },
    ]);
  }
  if ((read === null ? null : read.toISOString()) === current) return;
  const name = SECTION_NAMES[section];
  const message = before
    ? {
        vi: `Phần ${name.vi} đã được ${before.updatedBy ?? 'người khác'} sửa lúc ${formatVietnamTime(before.updatedAt)}, sau khi bạn mở; xem nội dung mới rồi lưu lại.`,
        en: `The ${name.en} section was changed by ${before.updatedBy ?? 'someone else'} at ${formatVietnamTime(before.updatedAt)}, after you opened it; read the newer text, then save again.`,
      }
    : {
        vi: `Phần ${name.vi} đã bị xóa sau khi bạn mở; lưu lại nếu vẫn muốn ghi nội dung của bạn.`,
        en: `The ${name.en} section was cleared after you opened it; save again to keep your text.`,
      };
  throw new AppError('staleVersion', message, [
    { field: 'version', message_vi: message.vi, message_en: message.en },
  ]);
}

/**
 * Saves the secretariat's text of one section (docs/report.md): plans:manage over the report's unit, audited with
 * the text before and after, in one transaction. Empty text is refused (clear the section instead); with
 * `version` (the `updatedAt` read, null for a section without text), a text changed since is refused (409).
 */
export async function setNote(
  ctx: AppContext,
  actor: Actor,
  input: ReportNotesInput & { section: string; text: string; version?: string | null | undefined },
): Promise<ReportNote> {
  const section = readNoteSection(input.section);
  const text = input.text.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0 || text.length > NOTE_MAX_LENGTH) {
    const message = {
      vi: `Nội dung phần ${SECTION_NAMES[section].vi} phải có từ 1 đến ${NOTE_MAX_LENGTH.toLocaleString('vi-VN')} ký tự (nhận được ${text.length.toLocaleString('vi-VN')}); để xóa, dùng lệnh xóa.`,
      en: `The text of the ${SECTION_NAMES[section].en} section must have 1 to ${NOTE_MAX_LENGTH.toLocaleString('en-US')} characters (got ${text.length.toLocaleString('en-US')}); to remove it, clear the section.`,
    };
    throw new AppError('badInput', message, [
      { field: 'text', message_vi: message.vi, message_en: message.en },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const scope = await resolveReportScope(tx, input);
    refuseWrite(actor, scope);
    const key = { planId: scope.plan.id, period: scope.period.id, unitId: scope.unit.id };
    const before = (await listReportNotes(tx, key)).find((r) => r.section === section) ?? null;
    refuseStale(section, input.version, before);
    const at = ctx.now();
    await upsertReportNote(tx, { ...key, section, body: text, updatedBy: actor.name, at });
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: before ? 'update' : 'create',
        entity: 'reportNote',
        entityKey: noteKey(scope, section),
        provinceCode: scope.unit.provinceCode,
        oldData: before ? { section, text: before.body } : null,
        newData: { section, text },
        at,
      }),
    ]);
    return { section, text, updatedBy: actor.name, updatedAt: at.toISOString() };
  });
}

/** Clears one section's text, or every section's when none is named; audited. The number of sections cleared. */
export async function clearNotes(
  ctx: AppContext,
  actor: Actor,
  input: ReportNotesInput & { section?: string | undefined },
): Promise<{ cleared: number }> {
  const section = input.section === undefined ? null : readNoteSection(input.section);
  return ctx.db.transaction(async (tx) => {
    const scope = await resolveReportScope(tx, input);
    refuseWrite(actor, scope);
    const key = { planId: scope.plan.id, period: scope.period.id, unitId: scope.unit.id };
    const before = (await listReportNotes(tx, key)).filter((r) => section === null || r.section === section);
    const cleared = await deleteReportNotes(tx, { ...key, section });
    const at = ctx.now();
    await insertAuditRows(
      tx,
      before.map((row) =>
        auditEntry(ctx, actor, {
          action: 'delete',
          entity: 'reportNote',
          entityKey: noteKey(scope, row.section as NoteSection),
          provinceCode: scope.unit.provinceCode,
          oldData: { section: row.section, text: row.body },
          newData: null,
          at,
        }),
      ),
    );
    return { cleared };
  });
}
