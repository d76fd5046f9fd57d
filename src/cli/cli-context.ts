import { resolve } from 'node:path';
import { AppError } from '../domain/app-error.js';
import { MAX_YEAR, MIN_YEAR } from '../domain/period.js';
import type { AppContext } from '../app/context.js';
import type { DatabaseTarget, OpenedDatabase } from '../store/open-database.js';

export type Lang = 'vi' | 'en';

/** The options every dxmon command takes (docs/cli.md). */
export interface GlobalOptions {
  data?: string;
  databaseUrl?: string;
  /** A running `dxmon serve` on this machine holding the --data directory: work through it. */
  server?: string;
  /** Act as this user, with their roles, instead of the local administrator (src/cli/cli-actor.ts). */
  as?: string;
  lang: Lang;
  json: boolean;
}

/** Where a command writes: results to stdout, messages to stderr (so --json output stays one document). */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** The database a command works on: --database-url, else DATABASE_URL, else the embedded --data directory. */
export function databaseTarget(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = options.databaseUrl ?? env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  const dataDir = resolve(options.data ?? env.DXMON_DATA ?? './data');
  if (options.server) return { kind: 'server', serverUrl: options.server, dataDir };
  return { kind: 'embedded', dataDir };
}

/**
 * Opens the workspace for one command, runs it, and always closes (releasing the directory lock). Ctrl+C or
 * SIGTERM while it runs does not kill the process in the middle of a write: long work (an import) stops at its next
 * step and rolls back, the database is closed, and the command ends with the reason.
 */
export async function withWorkspace<T>(
  options: GlobalOptions,
  command: string,
  fn: (ctx: AppContext, opened: OpenedDatabase) => Promise<T>,
  open: { migrate?: boolean } = {},
): Promise<T> {
  const stopping = new AbortController();
  const stop = () =>
    stopping.abort(
      new AppError('unavailable', {
        vi: 'Lệnh bị dừng (Ctrl+C): việc đang làm bị hủy, không có gì được ghi.',
        en: 'The command was stopped (Ctrl+C): the work in progress was cancelled and nothing was written.',
      }),
    );
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    // Loaded here: `--help` and usage errors never load the database.
    const { openDatabase } = await import('../store/open-database.js');
    const opened = await openDatabase(databaseTarget(options), { command: `dxmon ${command}`, ...open });
    try {
      const ctx: AppContext = { db: opened.db, now: () => new Date(), stopping: stopping.signal };
      // The embedded database opened here alone: an import a stop interrupted is settled before the command reads.
      if (opened.db.kind === 'pglite' && open.migrate !== false) {
        const { finishInterruptedImports, interruptedImportsNotice } =
          await import('../app/import/interrupted-imports.js');
        const notice = interruptedImportsNotice(await finishInterruptedImports(ctx));
        if (notice) process.stderr.write(`${say(options.lang, notice)}\n`);
      }
      return await fn(ctx, opened);
    } finally {
      await opened.close();
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** Picks the reader's language for a pair of messages. */
export function say(lang: Lang, message: { vi: string; en: string }): string {
  return lang === 'vi' ? message.vi : message.en;
}

/**
 * Prints a warning on stderr, once, in the reader's language (the exit code stays 0): an outlier, or why a
 * result is empty and what to try (the result itself, JSON included, then carries `total: 0` and the `reason`).
 */
export function printWarning(
  output: CliOutput,
  lang: Lang,
  reason: { message_vi: string; message_en: string } | null,
): void {
  if (!reason) return;
  output.stderr(
    `${lang === 'vi' ? 'Cảnh báo' : 'Warning'}: ${lang === 'vi' ? reason.message_vi : reason.message_en}`,
  );
}

export function usageError(message: { vi: string; en: string }): AppError {
  return new AppError('usage', message);
}

/**
 * Reads a whole number given to `option` (digits only, e.g. `--version 3`) from `min` to `max` (no upper bound
 * when `max` is left out); anything else is a usage error (exit code 2) naming the option and the range.
 */
export function parseWholeNumber(text: string, option: string, range: { min: number; max?: number }): number {
  const { min, max } = range;
  const digits = text.trim();
  const n = Number(digits);
  if (/^\d+$/.test(digits) && Number.isSafeInteger(n) && n >= min && (max === undefined || n <= max))
    return n;
  const wanted =
    max !== undefined
      ? { vi: `số nguyên từ ${min} đến ${max}`, en: `a whole number from ${min} to ${max}` }
      : min === 1
        ? { vi: 'số nguyên dương', en: 'a positive whole number' }
        : { vi: `số nguyên ≥ ${min}`, en: `a whole number ≥ ${min}` };
  throw usageError({
    vi: `${option} «${text}» phải là ${wanted.vi}.`,
    en: `${option} «${text}» must be ${wanted.en}.`,
  });
}

/** Reads a year given to `option` (four digits, MIN_YEAR to MAX_YEAR as periods allow); else a usage error. */
export function parseYear(text: string, option: string): number {
  const digits = text.trim();
  const year = Number(digits);
  if (!/^\d{4}$/.test(digits) || year < MIN_YEAR || year > MAX_YEAR) {
    throw usageError({
      vi: `${option} «${text}» phải là một năm từ ${MIN_YEAR} đến ${MAX_YEAR} (ví dụ 2025).`,
      en: `${option} «${text}» must be a year from ${MIN_YEAR} to ${MAX_YEAR} (e.g. 2025).`,
    });
  }
  return year;
}
