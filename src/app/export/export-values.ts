// Exporting values (docs/import.md `dxmon export values`, `GET /api/v1/values/export`): the values matching a
// plan, a period and a unit subtree, streamed from the database page by page as ExportValueRow, and written
// as CSV, XLSX or a DHIS2 dataValueSet — each of which `dxmon import` reads back as is.
import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { AppError } from '../../domain/app-error.js';
import type { ValueType } from '../../domain/aggregate.js';
import { parsePeriod, periodEnd, periodStart } from '../../domain/period.js';
import { formatUnitRef } from '../../domain/unit-ref.js';
import type { ExportValueRow } from '../../io/export-values.js';
import { writeValuesCsv, writeValuesDhis2, writeValuesXlsx } from '../../io/export-values.js';
import { findPlan } from '../../store/catalogue.queries.js';
import type { Queryable } from '../../store/db.js';
import {
  exportValuePage,
  type ExportValueDbRow,
  type ExportValueFilter,
} from '../../store/value-export.queries.js';
import type { Actor, AppContext } from '../context.js';
import { readScope } from '../read-scope.js';
import { resolveUnit } from '../units/list-units.js';

import type { ExportFormat } from './export-formats.js';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats.js';

/** Which values to export: all, or those of a plan, inside a period, under a unit. */
export interface ExportValuesInput {
  plan?: string;
  period?: string;
  unit?: string;
}

/** Values read per query while an export streams: memory stays flat however many values are exported. */
const PAGE = 5000;

/** A stored value as an export writes it: a boolean as true/false, a unit as users write it (docs/domain.md §2, §4). */
export function toExportRow(r: ExportValueDbRow): ExportValueRow {
  const valueType = r.valueType as ValueType;
  return {
    indicatorCode: r.indicatorCode,
    unitCode: formatUnitRef({ set: r.unitSet, code: r.unitCode }),
    period: r.period,
    value: valueType === 'boolean' && r.value !== null ? r.value !== 0 : r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    comment: r.comment,
    indicatorName: r.indicatorName,
    unitName: r.unitName,
    valueType,
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
    source: r.source,
  };
}

async function* pages(q: Queryable, filter: ExportValueFilter): AsyncGenerator<ExportValueRow> {
  let after = 0;
  for (;;) {
    const rows = await exportValuePage(q, filter, after, PAGE);
    for (const r of rows) yield toExportRow(r);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = last.id;
  }
}

/**
 * The values an actor may read that match a plan (its indicators, under its unit), a period (the period and
 * the shorter ones inside it) and a unit subtree, as export rows streamed page by page (docs/import.md).
 * Unknown codes are refused before the first row.
 */
export async function exportValues(
  ctx: AppContext,
  actor: Actor,
  input: ExportValuesInput,
): Promise<AsyncIterable<ExportValueRow>> {
  const filter: ExportValueFilter = {};
  const scope = readScope(actor);
  if (scope) filter.scopePaths = scope;
  if (input.plan) {
    const plan = await findPlan(ctx.db, input.plan);
    if (!plan) {
      throw new AppError('notFound', {
        vi: `Không có kế hoạch mã «${input.plan}».`,
        en: `No plan «${input.plan}».`,
      });
    }
    filter.planId = plan.id;
  }
  if (input.period) {
    const p = parsePeriod(input.period);
    if (!p.ok) throw AppError.fromDomain('badInput', p.error, [{ field: 'period', ...p.error }]);
    filter.periodStart = periodStart(p.value);
    filter.periodEnd = periodEnd(p.value);
  }
  if (input.unit) filter.unitPath = (await resolveUnit(ctx.db, input.unit, 'unit')).path;
  return pages(ctx.db, filter);
}

/**
 * Writes the values matching `input` in a format — CSV, XLSX or DHIS2 JSON — to a stream (or, for XLSX, a
 * file path too) and resolves to the number of values written (docs/import.md `dxmon export values`).
 */
export async function writeValuesExport(
  ctx: AppContext,
  actor: Actor,
  input: ExportValuesInput & { format: ExportFormat },
  out: Writable | string,
): Promise<number> {
  const rows = await exportValues(ctx, actor, input);
  if (input.format === 'xlsx') return writeValuesXlsx(rows, out);
  const stream = typeof out === 'string' ? createWriteStream(out) : out;
  return input.format === 'csv' ? writeValuesCsv(rows, stream) : writeValuesDhis2(rows, stream);
}

/**
 * The values matching `input` as a stream of the export file (`GET /api/v1/values/export`). Unknown codes are
 * refused before the stream is returned, so a caller can still answer with an error; a failure while writing
 * is passed to `onError` and ends the stream with it.
 */
export async function streamValuesExport(
  ctx: AppContext,
  actor: Actor,
  input: ExportValuesInput & { format: ExportFormat },
  onError: (error: Error) => void = () => {},
): Promise<Readable> {
  const rows = await exportValues(ctx, actor, input);
  const out = new PassThrough();
  const write =
    input.format === 'xlsx'
      ? writeValuesXlsx(rows, out)
      : input.format === 'csv'
        ? writeValuesCsv(rows, out)
        : writeValuesDhis2(rows, out);
  write.catch((cause: unknown) => {
    const error = cause instanceof Error ? cause : new Error(String(cause));
    onError(error);
    out.destroy(error);
  });
  return out;
}
