import type { DomainMessage } from './result.js';

/** The small set of error codes use cases raise; api/ and cli/ map each to one HTTP status and exit code. */
export const ERROR_CODES = [
  'badInput',
  'tooLarge',
  'notFound',
  'conflict',
  'staleVersion',
  'locked',
  'unauthenticated',
  'forbidden',
  'dataDirInUse',
  'unavailable',
  'usage',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem inside a refused request or file: where it is and what is wrong, in both languages. */
export interface ProblemDetail {
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  message_vi: string;
  message_en: string;
}

/**
 * Rows of a refused file as they were read, for showing its bad cells in place: a sheet's header row (as written)
 * and, for each row named by a problem, its cells under those headers.
 */
export interface ProblemSheet {
  sheet: string;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/** The one error type of DX Monitor's use cases: a code, a message in Vietnamese and English, details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly message_vi: string;
  readonly message_en: string;
  readonly details: readonly ProblemDetail[];
  /** The refused file's rows that the details name (import refusals only). */
  readonly sheets: readonly ProblemSheet[];

  constructor(
    code: ErrorCode,
    message: { vi: string; en: string },
    details: readonly ProblemDetail[] = [],
    sheets: readonly ProblemSheet[] = [],
  ) {
    super(message.en);
    this.name = 'AppError';
    this.code = code;
    this.message_vi = message.vi;
    this.message_en = message.en;
    this.details = details;
    this.sheets = sheets;
  }

  /** Builds an AppError from a domain message (errors as data become one thrown error at the use-case edge). */
  static fromDomain(
    code: ErrorCode,
    message: DomainMessage,
    details: readonly ProblemDetail[] = [],
  ): AppError {
    return new AppError(code, { vi: message.message_vi, en: message.message_en }, details);
  }

  message_in(lang: 'vi' | 'en'): string {
    return lang === 'vi' ? this.message_vi : this.message_en;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
