import type { Lang } from './cli-context.js';

/**
 * commander's own usage errors (unknown option or command, missing argument, a value not among the choices…)
 * in the reader's language: commander writes them in English; in Vietnamese each is rewritten, naming the same
 * option, argument or value. A message not recognised is left as commander wrote it.
 */
const VIETNAMESE: readonly [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown option '([^']*)'/, (flag) => `Lỗi: không có tùy chọn «${flag}»`],
  [/^error: unknown command '([^']*)'/, (name) => `Lỗi: không có lệnh «${name}»`],
  [/^error: missing required argument '([^']*)'/, (name) => `Lỗi: thiếu tham số bắt buộc «${name}»`],
  [/^error: option '([^']*)' argument missing/, (flags) => `Lỗi: tùy chọn «${flags}» thiếu giá trị`],
  [/^error: required option '([^']*)' not specified/, (flags) => `Lỗi: thiếu tùy chọn bắt buộc «${flags}»`],
  [
    /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (name, expected, got) =>
      `Lỗi: thừa tham số${name ? ` cho lệnh «${name}»` : ''}: cần ${expected}, nhận được ${got}.`,
  ],
  [
    /^error: option '([^']*)' argument '([^']*)' is invalid\./,
    (flags, value) => `Lỗi: giá trị «${value}» của tùy chọn «${flags}» không hợp lệ.`,
  ],
  [
    /^error: option '([^']*)' value '([^']*)' from env '([^']*)' is invalid\./,
    (flags, value, env) =>
      `Lỗi: giá trị «${value}» của biến môi trường ${env} (tùy chọn «${flags}») không hợp lệ.`,
  ],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\./,
    (value, name) => `Lỗi: giá trị «${value}» của tham số «${name}» không hợp lệ.`,
  ],
  [/Allowed choices are (.*)\./, (choices) => `Các giá trị được phép: ${choices}.`],
  [/\(Did you mean one of (.*)\?\)/, (names) => `(Có phải ý bạn là một trong ${names}?)`],
  [/\(Did you mean (.*)\?\)/, (name) => `(Có phải ý bạn là ${name}?)`],
];

export function translateUsageError(message: string, lang: Lang): string {
  if (lang !== 'vi') return message;
  let text = message;
  for (const [pattern, say] of VIETNAMESE) {
    text = text.replace(pattern, (...match: string[]) => say(...match.slice(1, -2).map((g) => g ?? '')));
  }
  return text;
}

/**
 * The language of the command line before commander reads it (its usage errors come before the options are
 * parsed): `--lang vi|en` or `--lang=…` among the arguments, else DXMON_LANG, else Vietnamese.
 */
export function languageOf(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined;
    if (value === 'en' || value === 'vi') return value;
  }
  return env.DXMON_LANG === 'en' ? 'en' : 'vi';
}
