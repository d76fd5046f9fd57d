import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { AppError, isAppError } from '../domain/app-error.js';
import { processOutput, say, type CliOutput, type GlobalOptions, type Lang } from './cli-context.js';
import { COMMANDS } from './commands/index.js';
import { EXIT_CODES } from './exit-codes.js';
import { languageOf, translateUsageError } from './usage-errors.js';

/** What a command's action gets: the global options, where to write, and a way to print its result. */
export interface CommandRuntime {
  output: CliOutput;
  globals(): GlobalOptions;
  /** Prints the result: the JSON document with --json, else the human text. */
  print(result: unknown, text: (lang: Lang) => string): void;
}

export type RegisterCommand = (program: Command, runtime: CommandRuntime) => void;

function printError(output: CliOutput, lang: Lang, json: boolean, error: AppError): void {
  output.stderr(`${lang === 'vi' ? 'Lỗi' : 'Error'}: ${error.message_in(lang)}`);
  for (const detail of error.details.slice(0, 200)) {
    // A detail that only repeats the headline (one bad field) is not printed a second time.
    if (error.details.length === 1 && detail.message_vi === error.message_vi) continue;
    const where = [
      detail.sheet,
      detail.row !== undefined ? `${lang === 'vi' ? 'dòng' : 'row'} ${detail.row}` : undefined,
      detail.column ?? detail.field,
    ]
      .filter(Boolean)
      .join(', ');
    output.stderr(`  - ${where ? `${where}: ` : ''}${lang === 'vi' ? detail.message_vi : detail.message_en}`);
  }
  if (error.details.length > 200) output.stderr(`  … (+${error.details.length - 200})`);
  if (json) {
    output.stdout(
      JSON.stringify({
        error: {
          code: error.code,
          message_vi: error.message_vi,
          message_en: error.message_en,
          details: error.details,
        },
      }),
    );
  }
}

/** The package's version (package.json), the same from src/ (tests) and dist/ (built). */
export const DXMON_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Builds the dxmon program (exported so tests can list its commands). */
export function buildProgram(
  output: CliOutput,
  lang: Lang = 'vi',
): { program: Command; runtime: CommandRuntime } {
  const program = new Command('dxmon');
  program
    .description('DX Monitor — theo dõi chuyển đổi số / digital-transformation monitoring')
    .addHelpText('after', '\nPhiên bản / version: dxmon -V, dxmon --version')
    .addOption(
      new Option('--data <dir>', 'thư mục cơ sở dữ liệu nhúng / embedded database directory (./data)'),
    )
    .addOption(new Option('--database-url <url>', 'PostgreSQL server (or DATABASE_URL)'))
    .addOption(
      new Option(
        '--server <url>',
        'làm việc qua dxmon serve đang giữ thư mục dữ liệu / work through the running server',
      ),
    )
    .addOption(
      new Option(
        '--as <login>',
        'thực hiện với quyền của người dùng này / act as this user, with their roles',
      ),
    )
    .addOption(
      new Option('--lang <lang>', 'ngôn ngữ / language')
        .choices(['vi', 'en'])
        .env('DXMON_LANG')
        .default('vi'),
    )
    .option('--json', 'một tài liệu JSON trên stdout / one JSON document on stdout', false)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: output.stdout,
      writeErr: output.stderr,
      // commander's own usage errors come before --lang is read: in the language of the arguments or DXMON_LANG.
      outputError: (message, write) => write(translateUsageError(message, lang)),
    });

  const runtime: CommandRuntime = {
    output,
    globals: () => {
      const o = program.opts<{
        data?: string;
        databaseUrl?: string;
        server?: string;
        as?: string;
        lang: Lang;
        json: boolean;
      }>();
      return {
        data: o.data,
        databaseUrl: o.databaseUrl,
        server: o.server,
        as: o.as,
        lang: o.lang,
        json: o.json,
      };
    },
    print(result, text) {
      const { json, lang } = runtime.globals();
      output.stdout(json ? JSON.stringify(result) : text(lang));
    },
  };
  for (const register of COMMANDS) register(program, runtime);
  return { program, runtime };
}

/** Runs dxmon with the given arguments and returns its exit code (0 ok, 1 refused, 2 usage). */
export async function main(argv: string[], output: CliOutput = processOutput): Promise<number> {
  const { program, runtime } = buildProgram(output, languageOf(argv));
  if (asksVersion(argv)) {
    output.stdout(DXMON_VERSION);
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return 0;
      return 2;
    }
    const { lang, json } = safeGlobals(runtime);
    if (isAppError(error)) {
      printError(output, lang, json, error);
      return EXIT_CODES[error.code];
    }
    const internal = new AppError('internal', {
      vi: `Lỗi không mong đợi: ${(error as Error).message}`,
      en: `Unexpected error: ${(error as Error).message}`,
    });
    printError(output, lang, json, internal);
    if (process.env.DXMON_DEBUG) output.stderr(String((error as Error).stack));
    return 1;
  }
}

/** The global options that take a value (their value is never a command). */
const GLOBAL_VALUE_OPTIONS = new Set(['--data', '--database-url', '--server', '--as', '--lang']);

/**
 * Whether `-V` or `--version` comes before the command: `dxmon --version`. Not a commander option, because
 * commander would then take it after the command too, where `--version <n>` is a command's own option
 * (`values set`, `tasks update`, `index show`).
 */
function asksVersion(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-V' || arg === '--version') return true;
    if (!arg.startsWith('-')) return false;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
  }
  return false;
}

function safeGlobals(runtime: CommandRuntime): { lang: Lang; json: boolean } {
  try {
    const { lang, json } = runtime.globals();
    return { lang, json };
  } catch {
    return { lang: 'vi', json: false };
  }
}

export { say };
