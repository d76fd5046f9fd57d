import { z } from 'zod';
import { EXPORT_FORMATS, streamValuesExport } from '../../app/export/export-values.js';
import { importWorkbook, SHEET_NAMES } from '../../app/import/import-workbook.js';
import { VALUE_CHANGES_LIMIT } from '../../app/import/value-changes.js';
import { buildEntryTemplate } from '../../app/templates/build-entry-template.js';
import { AppError } from '../../domain/app-error.js';
import type { Api, RegisterRoutes } from '../api-types.js';
import { problemSchema } from '../problem.js';
import { periodText } from '../period-text.js';
import { requestActor } from '../request-actor.js';

/** The media type of an .xlsx workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest upload accepted: 100,000 values as XLSX take about 3 MB, as DHIS2 JSON about 12 MB. */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;

const readErrors = { 400: problemSchema, 403: problemSchema, 404: problemSchema };
const importErrors = { ...readErrors, 413: problemSchema, 423: problemSchema };

const sheetCounts = z.object({
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const importReportSchema = z
  .object({
    dryRun: z.boolean(),
    format: z.enum(['xlsx', 'csv', 'dhis2']),
    sheets: z.object(
      Object.fromEntries(SHEET_NAMES.map((s) => [s, sheetCounts])) as Record<
        (typeof SHEET_NAMES)[number],
        typeof sheetCounts
      >,
    ),
    skippedSheets: z.array(z.string()).meta({
      description:
        'The sheets of the file that are none of the import format, neither by name nor by header row (an instructions sheet), as written',
    }),
    warnings: z.array(
      z.object({
        sheet: z.string(),
        row: z.number().int().nullable(),
        column: z.string().nullable(),
        message_vi: z.string(),
        message_en: z.string(),
      }),
    ),
    changes: z
      .object({
        sheet: z.string().meta({ description: 'The values sheet as the file names it' }),
        total: z.number().int().meta({ description: 'Rows of the values sheet' }),
        items: z.array(
          z.object({
            row: z.number().int(),
            indicator: z.string(),
            unit: z.string(),
            period: z.string(),
            status: z.enum(['added', 'changed', 'unchanged']),
            old: z.number().nullable().meta({ description: 'The stored value; null when none' }),
            new: z.number().nullable().meta({ description: 'The value the file gives' }),
          }),
        ),
      })
      .optional()
      .meta({
        description: `A dry run: the values sheet's rows with the stored value beside the file's, added and changed first, at most ${VALUE_CHANGES_LIMIT} (total counts them all)`,
      }),
  })
  .meta({ id: 'ImportReport' });

const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true: check and report what would change, write nothing' }),
  sheet: z.enum(SHEET_NAMES).optional().meta({
    description:
      'For a text/csv body: the sheet it holds; without it, the sheet is named after `name` (without .csv) and recognised by that name or by its header row (default values)',
  }),
  name: z.string().max(200).optional().meta({ description: 'The file name, shown in messages' }),
});

/** Why an import stops when its client disconnects (logged; nobody is left to read it). */
const CLIENT_LEFT = new AppError('unavailable', {
  vi: 'Người gửi đã ngắt kết nối trước khi nhập xong: việc nhập bị hủy, không có gì được ghi.',
  en: 'The client disconnected before the import ended: the import was cancelled and nothing was written.',
});

const binary = (description: string) => z.string().meta({ description, format: 'binary' });

const CONTENT_TYPES: Record<(typeof EXPORT_FORMATS)[number], { type: string; ext: string }> = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: XLSX_TYPE, ext: 'xlsx' },
  dhis2: { type: 'application/json; charset=utf-8', ext: 'json' },
};

/**
 * The sheet a CSV body holds when `sheet` is not given: the file's name without `.csv` (`exp.csv` → `exp`, then
 * recognised by name or by its header row, as `dxmon import exp.csv` does), else `values`.
 */
function csvSheetName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const sheet = base.replace(/\.csv$/i, '').trim();
  return sheet === '' ? 'values' : sheet;
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function routes(api: Api, ctx: Parameters<RegisterRoutes>[1]): Promise<void> {
  // Raw bodies for this scope only: an .xlsx workbook, one CSV sheet, and a DHIS2 dataValueSet, which the DHIS2
  // reader parses itself (with its own located errors) rather than Fastify first and again after re-serialising.
  api.addContentTypeParser(
    [XLSX_TYPE, 'application/octet-stream', 'text/csv', 'application/json'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_request, body, done) => done(null, body),
  );

  api.post(
    '/imports',
    {
      bodyLimit: UPLOAD_LIMIT,
      config: { background: true },
      schema: {
        tags: ['imports'],
        summary: 'Nhập tệp số liệu / Import a workbook, a CSV sheet or a DHIS2 dataValueSet',
        description: `The import format of docs/import.md, all or nothing. Send the file as the raw body: \`Content-Type: ${XLSX_TYPE}\` for a workbook, \`text/csv\` with \`?sheet=values\` (or another sheet) for one CSV sheet, \`application/json\` for a DHIS2 dataValueSet. An invalid file is refused whole with every bad cell listed ({sheet, row, column, message_vi, message_en}) and nothing written.`,
        querystring: importQuery,
        response: { 200: importReportSchema, ...importErrors },
      },
    },
    async (request, reply) => {
      const actor = requestActor(request);
      const type = mediaType(request.headers['content-type']);
      const dryRun = request.query.dryRun === 'true';
      const name = request.query.name ?? 'upload';
      const body: unknown = request.body;
      let input: Parameters<typeof importWorkbook>[2];
      if (Buffer.isBuffer(body) && type === 'application/json') {
        input = { buffer: body, format: 'dhis2', name, dryRun };
      } else if (Buffer.isBuffer(body) && type === 'text/csv') {
        input = {
          buffer: body,
          format: 'csv',
          sheet: request.query.sheet ?? csvSheetName(request.query.name),
          name,
          dryRun,
        };
      } else if (Buffer.isBuffer(body)) {
        input = { buffer: body, format: 'xlsx', name, dryRun };
      } else {
        throw new AppError('badInput', {
          vi: `Gửi tệp làm thân yêu cầu với Content-Type ${XLSX_TYPE}, text/csv hoặc application/json.`,
          en: `Send the file as the request body with Content-Type ${XLSX_TYPE}, text/csv or application/json.`,
        });
      }
      // A client that goes away before its answer stops the import: nothing is written, nobody waits behind it.
      // Its connection ends (a client does not half-close an HTTP/1.1 request it still awaits an answer to).
      const left = new AbortController();
      const socket = request.raw.socket;
      const onGone = () => {
        if (!reply.raw.writableFinished) left.abort(CLIENT_LEFT);
      };
      socket.once('end', onGone);
      socket.once('close', onGone);
      // It may have gone already, while its body was being read.
      if (socket.destroyed || socket.readableEnded) left.abort(CLIENT_LEFT);
      try {
        return await importWorkbook(ctx, { ...actor, source: 'import' }, { ...input, signal: left.signal });
      } finally {
        socket.off('end', onGone);
        socket.off('close', onGone);
      }
    },
  );

  api.get(
    '/plans/:code/template',
    {
      schema: {
        tags: ['imports'],
        summary: 'Mẫu nhập số liệu / The XLSX entry template of a plan for a unit and period',
        description:
          'One row per target the unit reports (or every unit under `under`), the stored values filled in; importing it back is lossless.',
        params: z.object({ code: z.string().min(1).max(100) }),
        querystring: z.object({
          period: periodText('Reporting period'),
          unit: z
            .string()
            .min(1)
            .max(140)
            .optional()
            .meta({ description: 'The reporting unit: 15, pre2025:10' }),
          under: z.string().min(1).max(140).optional().meta({ description: 'Every unit under this one' }),
        }),
        response: { 200: binary('The XLSX workbook'), ...readErrors },
      },
    },
    async (request, reply) => {
      const built = await buildEntryTemplate(ctx, requestActor(request), {
        plan: request.params.code,
        ...request.query,
      });
      return (
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', `attachment; filename="${built.fileName}"`)
          // Fastify sends a Buffer as is, without the JSON serializer.
          .send(built.bytes as unknown as string)
      );
    },
  );

  api.get(
    '/values/export',
    {
      schema: {
        tags: ['imports'],
        summary: 'Xuất số liệu / Export values as CSV, XLSX or a DHIS2 dataValueSet',
        description:
          'Streams every value the caller may read, or those of a plan, inside a period, under a unit. CSV and XLSX start with the values sheet columns, so an export imports back as is.',
        querystring: z.object({
          format: z.enum(EXPORT_FORMATS).default('csv'),
          plan: z.string().min(1).max(100).optional(),
          period: periodText().optional(),
          unit: z.string().min(1).max(140).optional(),
        }),
        response: { 200: binary('The export file'), ...readErrors },
      },
    },
    async (request, reply) => {
      const { format, ...filter } = request.query;
      const out = await streamValuesExport(ctx, requestActor(request), { ...filter, format }, (error) =>
        request.log.error(error),
      );
      const { type, ext } = CONTENT_TYPES[format];
      // Fastify streams a stream as is, without the JSON serializer.
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="values.${ext}"`)
        .send(out as unknown as string);
    },
  );
}

/** Import, entry templates and export of values (docs/import.md). */
export const importsRoutes: RegisterRoutes = async (api, ctx) => {
  await api.register(async (scoped) => routes(scoped as Api, ctx));
};
