import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isAppError, type ErrorCode, type ProblemDetail } from '../domain/app-error.js';

/** The HTTP status for each error code; the one table the API uses (docs/ARCHITECTURE.md, Errors). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  badInput: 400,
  tooLarge: 413,
  usage: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  staleVersion: 409,
  locked: 423,
  dataDirInUse: 503,
  unavailable: 503,
  internal: 500,
};

/** RFC 9457 problem details with the message in both languages and every problem listed. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    message_vi: z.string(),
    message_en: z.string(),
    errors: z
      .array(
        z.object({
          sheet: z.string().optional(),
          row: z.number().int().optional(),
          column: z.string().optional(),
          field: z.string().optional(),
          message_vi: z.string(),
          message_en: z.string(),
        }),
      )
      .optional(),
    sheets: z
      .array(
        z.object({
          sheet: z.string(),
          headers: z.array(z.string()),
          rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
        }),
      )
      .optional()
      .meta({
        description:
          'A refused import: the rows that `errors` name, as read from the file under its header row (at most 200 rows)',
      }),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

/** Why a result is empty (total 0) and what to try, in both languages; null when it is not empty. */
export const emptyReasonSchema = z
  .object({ code: z.string(), message_vi: z.string(), message_en: z.string() })
  .nullable()
  .meta({ id: 'EmptyReason', description: 'Why nothing came out (total 0) and what to try; null otherwise' });

/** The reader's language from Accept-Language: Vietnamese unless English is preferred. */
export function requestLang(request: FastifyRequest): 'vi' | 'en' {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function toProblem(error: AppError, lang: 'vi' | 'en'): Problem {
  const status = HTTP_STATUS[error.code];
  return {
    type: `https://dxmonitor.invalid/problems/${error.code}`,
    title: error.code,
    status,
    detail: error.message_in(lang),
    code: error.code,
    message_vi: error.message_vi,
    message_en: error.message_en,
    ...(error.details.length ? { errors: [...error.details] } : {}),
    ...(error.sheets.length ? { sheets: error.sheets.map((s) => ({ ...s, rows: [...s.rows] })) } : {}),
  };
}

/** JSON types as a reader names them. */
const TYPE_NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  string: { vi: 'một chuỗi', en: 'a string' },
  number: { vi: 'một số', en: 'a number' },
  int: { vi: 'một số nguyên', en: 'a whole number' },
  boolean: { vi: 'true hoặc false', en: 'true or false' },
  object: { vi: 'một đối tượng JSON', en: 'a JSON object' },
  array: { vi: 'một danh sách', en: 'a list' },
  null: { vi: 'null', en: 'null' },
};

const list = (values: unknown): string =>
  Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(', ') : '';

/**
 * What is wrong with a field, in both languages, from a schema check's issue (zod's codes): never the
 * validator's own English sentence in the Vietnamese message.
 */
export function validationIssueText(
  keyword: string,
  params: Readonly<Record<string, unknown>>,
): { vi: string; en: string } {
  const n = (v: unknown): string => String(v);
  switch (keyword) {
    case 'invalid_type': {
      const expected = TYPE_NAMES[String(params.expected)] ?? {
        vi: String(params.expected),
        en: String(params.expected),
      };
      return params.input === undefined
        ? { vi: `thiếu; cần ${expected.vi}`, en: `is missing; ${expected.en} is expected` }
        : { vi: `phải là ${expected.vi}`, en: `must be ${expected.en}` };
    }
    case 'too_small':
      if (params.origin === 'string') {
        return Number(params.minimum) <= 1
          ? { vi: 'không được để trống', en: 'must not be empty' }
          : {
              vi: `phải dài ít nhất ${n(params.minimum)} ký tự`,
              en: `must be at least ${n(params.minimum)} characters long`,
            };
      }
      if (params.origin === 'array' || params.origin === 'set') {
        return {
          vi: `phải có ít nhất ${n(params.minimum)} phần tử`,
          en: `must have at least ${n(params.minimum)} items`,
        };
      }
      return params.inclusive === false
        ? { vi: `phải lớn hơn ${n(params.minimum)}`, en: `must be greater than ${n(params.minimum)}` }
        : { vi: `phải từ ${n(params.minimum)} trở lên`, en: `must be ${n(params.minimum)} or more` };
    case 'too_big':
      if (params.origin === 'string') {
        return {
          vi: `dài quá ${n(params.maximum)} ký tự`,
          en: `is longer than ${n(params.maximum)} characters`,
        };
      }
      if (params.origin === 'array' || params.origin === 'set') {
        return { vi: `có quá ${n(params.maximum)} phần tử`, en: `has more than ${n(params.maximum)} items` };
      }
      return params.inclusive === false
        ? { vi: `phải nhỏ hơn ${n(params.maximum)}`, en: `must be less than ${n(params.maximum)}` }
        : { vi: `không được lớn hơn ${n(params.maximum)}`, en: `must be ${n(params.maximum)} or less` };
    case 'invalid_value':
    case 'invalid_enum_value':
      return {
        vi: `phải là một trong: ${list(params.values)}`,
        en: `must be one of: ${list(params.values)}`,
      };
    case 'invalid_format':
      return params.format === 'regex'
        ? { vi: 'sai định dạng', en: 'is not in the expected form' }
        : { vi: `sai định dạng ${n(params.format)}`, en: `is not a valid ${n(params.format)}` };
    case 'unrecognized_keys':
      return {
        vi: `có trường không được biết: ${list(params.keys)}`,
        en: `has unknown fields: ${list(params.keys)}`,
      };
    case 'not_multiple_of':
      return {
        vi: `phải là bội số của ${n(params.divisor)}`,
        en: `must be a multiple of ${n(params.divisor)}`,
      };
    case 'invalid_union':
      return { vi: 'không khớp với dạng nào được nhận', en: 'matches none of the accepted forms' };
    default:
      return { vi: 'không hợp lệ', en: 'is invalid' };
  }
}

function fromValidation(error: unknown): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const details: ProblemDetail[] = error.validation.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const field = [context, ...path].join('.');
    const what = validationIssueText(issue.keyword, issue.params);
    return {
      field,
      message_vi: `Trường «${field}» ${what.vi}.`,
      message_en: `Field «${field}» ${what.en}.`,
    };
  });
  const first = details[0];
  return new AppError(
    'badInput',
    {
      vi: first ? `Yêu cầu không hợp lệ: ${first.message_vi}` : 'Yêu cầu không hợp lệ.',
      en: first ? `The request is invalid: ${first.message_en}` : 'The request is invalid.',
    },
    details,
  );
}

/** Bytes as people read them in each language: `1.048.576` and `1,048,576`, with the MiB when whole. */
function byteCount(bytes: number): { vi: string; en: string } {
  const mib = bytes / (1024 * 1024);
  const suffix = Number.isInteger(mib) ? ` (${mib} MiB)` : '';
  return {
    vi: `${bytes.toLocaleString('vi-VN')} byte${suffix}`,
    en: `${bytes.toLocaleString('en-US')} bytes${suffix}`,
  };
}

/** A body larger than the route accepts (Fastify's FST_ERR_CTP_BODY_TOO_LARGE): 413 naming the limit. */
function tooLarge(request: FastifyRequest): AppError {
  const limit = byteCount(request.routeOptions.bodyLimit);
  return new AppError(
    'tooLarge',
    {
      vi: `Thân yêu cầu vượt quá giới hạn ${limit.vi} cho yêu cầu này.`,
      en: `The request body is larger than this route's limit of ${limit.en}.`,
    },
    [
      {
        field: 'body',
        message_vi: `Tối đa ${limit.vi}.`,
        message_en: `At most ${limit.en}.`,
      },
    ],
  );
}

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22) that a value sent by the client causes, with what each means.
 * The request checks (schemas, the text check of input-guard.ts) stop such values first; this is the backstop, so
 * that one slipping through is a 400 rather than a 500.
 */
const DATA_EXCEPTIONS: Readonly<Record<string, { vi: string; en: string }>> = {
  '22001': { vi: 'một chuỗi dài quá mức cho phép', en: 'a text is longer than allowed' },
  '22003': { vi: 'một số vượt ngoài giới hạn', en: 'a number is out of range' },
  '22007': { vi: 'một ngày giờ sai định dạng', en: 'a date or time is malformed' },
  '22008': { vi: 'một ngày giờ vượt ngoài giới hạn', en: 'a date or time is out of range' },
  '22021': {
    vi: 'một chuỗi chứa ký tự không hợp lệ (ví dụ NUL)',
    en: 'a text holds an invalid character (such as NUL)',
  },
  '22P02': { vi: 'một giá trị sai định dạng', en: 'a value is malformed' },
  '22P05': {
    vi: 'một chuỗi chứa ký tự không chuyển mã được',
    en: 'a text holds a character that cannot be converted',
  },
};

/** A PostgreSQL (pg or PGlite) data exception caused by a value of the request, as a 400; else null. */
function fromDatabase(error: unknown): AppError | null {
  if (error === null || typeof error !== 'object') return null;
  const { code, severity, message } = error as { code?: unknown; severity?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof severity !== 'string') return null;
  const reason = DATA_EXCEPTIONS[code];
  if (!reason) return null;
  const said = typeof message === 'string' ? ` (${message})` : '';
  return new AppError('badInput', {
    vi: `Cơ sở dữ liệu không nhận một giá trị của yêu cầu: ${reason.vi}${said}. Hãy kiểm tra các trường đã gửi.`,
    en: `The database refused a value of the request: ${reason.en}${said}. Check the fields sent.`,
  });
}

/** Turns any error into a problem+json reply; unexpected errors are logged and hidden. */
export async function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  let appError = isAppError(error) ? error : fromValidation(error);
  if (!appError) {
    appError = fromDatabase(error);
    // Logged: a value that reaches the database this way is one a request check should have named.
    if (appError) request.log.warn(error);
  }
  if (!appError) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) {
      appError = tooLarge(request);
    } else if (status && status >= 400 && status < 500) {
      appError = new AppError(status === 404 ? 'notFound' : 'badInput', {
        vi: `Yêu cầu không hợp lệ: ${(error as Error).message}`,
        en: `Bad request: ${(error as Error).message}`,
      });
    } else {
      request.log.error(error);
      appError = new AppError('internal', { vi: 'Lỗi máy chủ nội bộ.', en: 'Internal server error.' });
    }
  }
  const problem = toProblem(appError, requestLang(request));
  await reply.status(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}
