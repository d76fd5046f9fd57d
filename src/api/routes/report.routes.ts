import { z } from 'zod';
import { clearNotes, listNotes, NOTE_MAX_LENGTH, setNote } from '../../app/report/report-notes.js';
import { getReportSettings, setReportSettings } from '../../app/report/report-settings.js';
import { renderReport, REPORT_FORMATS } from '../../app/report/render-report.js';
import { NOTE_SECTIONS } from '../../domain/report-narrative/narrative-input.js';
import type { RegisterRoutes } from '../api-types.js';
import { periodText } from '../period-text.js';
import { problemSchema } from '../problem.js';
import { requestActor } from '../request-actor.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const params = z.object({ code: z.string().min(1).max(100) });
const unitText = z
  .string()
  .min(1)
  .max(140)
  .meta({ description: "The unit the report is of (a commune, a department); the plan's unit by default" });
const sectionSchema = z.enum(NOTE_SECTIONS).meta({ id: 'ReportNoteSection' });
const notesQuery = z.object({ period: periodText('Kỳ báo cáo / report period'), unit: unitText.optional() });

const noteSchema = z
  .object({
    section: sectionSchema,
    text: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ReportNote' });

const settingsFields = {
  issuingBody: z.string().max(300).nullable().meta({ description: 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ by default' }),
  parentBody: z
    .string()
    .max(300)
    .nullable()
    .meta({ description: "UBND + the unit's name for a province, district or commune by default" }),
  number: z.number().int().min(1).max(999_999).nullable().meta({ description: 'Left blank by default' }),
  symbol: z.string().max(300).nullable().meta({ description: 'BC-BCĐ by default' }),
  place: z
    .string()
    .max(300)
    .nullable()
    .meta({ description: "The unit's name without its level word by default" }),
  signer: z.string().max(300).nullable(),
  signerTitle: z.string().max(300).nullable().meta({ description: 'TRƯỞNG BAN by default' }),
};
const settingsSchema = z.object({ plan: z.string(), ...settingsFields }).meta({ id: 'ReportSettings' });

export const reportRoutes: RegisterRoutes = (api, ctx) => {
  api.get(
    '/plans/:code/report',
    {
      schema: {
        tags: ['report'],
        summary: 'Báo cáo sơ kết, tổng kết / The meeting report',
        description:
          "The report of a plan at a period, written from the figures with the secretariat's paragraphs merged in (docs/report.md); each figure links to its trace. Only the units the reader may read are counted.",
        params,
        querystring: z.object({
          period: periodText('Kỳ báo cáo / report period'),
          format: z.enum(REPORT_FORMATS).default('html'),
          lang: z.enum(['vi', 'en']).default('vi'),
          unit: unitText.optional(),
        }),
        response: {
          200: z.string().meta({ description: 'The report file (Markdown, HTML, …)', format: 'binary' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const rendered = await renderReport(ctx, requestActor(request), {
        plan: request.params.code,
        period: request.query.period,
        unit: request.query.unit,
        lang: request.query.lang,
        format: request.query.format,
      });
      const inline = request.query.format === 'html';
      return (
        reply
          .header('content-type', rendered.contentType)
          .header(
            'content-disposition',
            `${inline ? 'inline' : 'attachment'}; filename="${rendered.fileName}"`,
          )
          // Fastify sends a Buffer as is, without the JSON serializer.
          .send(rendered.body as unknown as string)
      );
    },
  );

  api.get(
    '/plans/:code/report/notes',
    {
      schema: {
        tags: ['report'],
        summary: 'Các đoạn văn của Tổ giúp việc / The secretariat’s paragraphs',
        params,
        querystring: notesQuery.extend({ section: sectionSchema.optional() }),
        response: {
          200: z
            .object({ plan: z.string(), period: z.string(), unit: z.string(), notes: z.array(noteSchema) })
            .meta({ id: 'ReportNotes' }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { section, ...scope } = request.query;
      const result = await listNotes(ctx, requestActor(request), { plan: request.params.code, ...scope });
      return section ? { ...result, notes: result.notes.filter((n) => n.section === section) } : result;
    },
  );

  api.put(
    '/plans/:code/report/notes',
    {
      schema: {
        tags: ['report'],
        summary: 'Ghi đoạn văn của một phần / Save a section’s paragraphs',
        description:
          'Replaces the text of one section (paragraphs separated by a blank line); needs plans:manage over the unit. Audited. With `version` (the `updatedAt` read, or null when the section had no text) a text saved or cleared since is refused with 409 naming who changed it and when; nothing is overwritten.',
        params,
        querystring: notesQuery.extend({ section: sectionSchema }),
        body: z.object({
          text: z.string().min(1).max(NOTE_MAX_LENGTH),
          version: z.string().max(40).nullable().optional().meta({
            description:
              'The `updatedAt` of the text read (its version), or null when the section had none; left out, the text replaces whatever is stored',
          }),
        }),
        response: { 200: noteSchema, 409: problemSchema, ...errors },
      },
    },
    async (request) =>
      setNote(ctx, requestActor(request), {
        plan: request.params.code,
        ...request.query,
        text: request.body.text,
        version: request.body.version,
      }),
  );

  api.delete(
    '/plans/:code/report/notes',
    {
      schema: {
        tags: ['report'],
        summary: 'Xóa đoạn văn / Clear the paragraphs',
        description:
          'Clears one section, or every section when none is named; needs plans:manage over the unit. Audited.',
        params,
        querystring: notesQuery.extend({ section: sectionSchema.optional() }),
        response: { 200: z.object({ cleared: z.number().int() }), ...errors },
      },
    },
    async (request) =>
      clearNotes(ctx, requestActor(request), { plan: request.params.code, ...request.query }),
  );

  api.get(
    '/plans/:code/report/settings',
    {
      schema: {
        tags: ['report'],
        summary: 'Thông tin phần đầu báo cáo / The report heading settings',
        description: 'null where unset: the report then uses its default (docs/report.md).',
        params,
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (request) => getReportSettings(ctx, requestActor(request), request.params.code),
  );

  api.put(
    '/plans/:code/report/settings',
    {
      schema: {
        tags: ['report'],
        summary: 'Sửa thông tin phần đầu báo cáo / Change the report heading settings',
        description:
          'A field left out keeps its value; null clears it. Needs plans:manage over the plan’s unit. Audited.',
        params,
        body: z.object(settingsFields).partial(),
        response: { 200: settingsSchema, ...errors },
      },
    },
    async (request) => setReportSettings(ctx, requestActor(request), request.params.code, request.body),
  );
};
