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
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;

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
  };
}

function fromValidation(error: unknown): AppError | null {
  if (!hasZodFastifySchemaValidationErrors(error)) return null;
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const details: ProblemDetail[] = error.validation.map((issue) => {
    const field = `${context}${issue.instancePath.replaceAll('/', '.')}`;
    return {
      field,
      message_vi: `Trường «${field}» không hợp lệ: ${issue.message}`,
      message_en: `Field «${field}» is invalid: ${issue.message}`,
    };
  });
  return new AppError('badInput', { vi: 'Yêu cầu không hợp lệ.', en: 'The request is invalid.' }, details);
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
