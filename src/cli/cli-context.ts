import { resolve } from 'node:path';
import { AppError } from '../domain/app-error.js';
import type { AppContext } from '../app/context.js';
import { openDatabase, type DatabaseTarget, type OpenedDatabase } from '../store/open-database.js';

export type Lang = 'vi' | 'en';

/** The options every dxmon command takes (INTERFACES.md, the command line). */
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

/** Opens the workspace for one command, runs it, and always closes (releasing the directory lock). */
export async function withWorkspace<T>(
  options: GlobalOptions,
  command: string,
  fn: (ctx: AppContext, opened: OpenedDatabase) => Promise<T>,
  open: { migrate?: boolean } = {},
): Promise<T> {
  const opened = await openDatabase(databaseTarget(options), { command: `dxmon ${command}`, ...open });
  try {
    return await fn({ db: opened.db, now: () => new Date() }, opened);
  } finally {
    await opened.close();
  }
}

/** Picks the reader's language for a pair of messages. */
export function say(lang: Lang, message: { vi: string; en: string }): string {
  return lang === 'vi' ? message.vi : message.en;
}

export function usageError(message: { vi: string; en: string }): AppError {
  return new AppError('usage', message);
}
