import { formatNumber } from '../domain/format-number.js';
import type { Lang } from './cli-context.js';

/** Words in both languages. */
export interface Said {
  vi: string;
  en: string;
}

/** Where and how progress is shown; the defaults are the process's stderr and clock. */
export interface ProgressOptions {
  lang: Lang;
  /** What the work is, e.g. «Nhập tệp» / "Import". */
  title: Said;
  /** A terminal (bar redrawn in place) or a log (a line now and then). Default: whether stderr is a TTY. */
  tty?: boolean;
  write?: (text: string) => void;
  now?: () => number;
  /** Nothing is shown for work done sooner than this (default 2 s): quick work stays quiet. */
  quietMs?: number;
  /** A log gets a line at most this often for the same step (default 5 s); a new step is written at once. */
  logEveryMs?: number;
}

/** What is being done: the step, and how far it is when that is known (`done` of `total` `unit`). */
export interface ProgressState {
  step: Said;
  done?: number;
  total?: number;
  unit?: Said;
}

export interface Progress {
  update(state: ProgressState): void;
  /** Ends the bar's line (a terminal) or writes the last line (a log), if anything was shown. */
  finish(): void;
}

const WIDTH = 30;

/**
 * Progress of long work (an import, loading official units, preparing a workspace) on stderr: work that ends within
 * `quietMs` shows nothing; after that a terminal shows a bar redrawn in place, a log (not a TTY) gets a line when the
 * step changes and every `logEveryMs`. DXMON_PROGRESS=0 in the environment turns it off.
 */
export function startProgress(options: ProgressOptions): Progress {
  const tty = options.tty ?? process.stderr.isTTY === true;
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const now = options.now ?? (() => Date.now());
  const quietMs = options.quietMs ?? 2000;
  const logEveryMs = options.logEveryMs ?? 5000;
  const off = process.env.DXMON_PROGRESS === '0';
  const started = now();
  const { lang } = options;
  let last: ProgressState | null = null;
  let shown = false;
  let lastLine = { at: 0, step: '' };
  /** Whether the last state has not been written to the log yet. */
  let pending = false;

  const text = (state: ProgressState): string => {
    const seconds = `${formatNumber((now() - started) / 1000, lang, 0)} s`;
    const known = state.total !== undefined && state.done !== undefined;
    const share = known ? (state.total === 0 ? 1 : Math.min(1, state.done! / state.total!)) : null;
    const count = known
      ? ` ${formatNumber(state.done!, lang, 0)}/${formatNumber(state.total!, lang, 0)}${state.unit ? ` ${state.unit[lang]}` : ''}`
      : '';
    const head = `${options.title[lang]}: ${state.step[lang]}${count}`;
    if (!tty) return `${head}${share === null ? '' : ` (${Math.round(share * 100)}%)`}, ${seconds}`;
    const filled = share === null ? 0 : Math.round(share * WIDTH);
    const bar =
      share === null ? '' : `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)} ${Math.round(share * 100)}% `;
    return `${bar}${head} — ${seconds}`;
  };

  const draw = (state: ProgressState, force: boolean) => {
    if (off || now() - started < quietMs) return;
    if (tty) {
      write(`\r${text(state)}\x1b[K`);
      shown = true;
      return;
    }
    const step = state.step[lang];
    if (force || step !== lastLine.step || now() - lastLine.at >= logEveryMs) {
      write(`${text(state)}\n`);
      lastLine = { at: now(), step };
      shown = true;
      pending = false;
    }
  };

  // Work that does not report for a while (one long transaction) still shows its time going by.
  const timer = setInterval(() => last && draw(last, false), tty ? 500 : 1000);
  timer.unref();

  return {
    update(state) {
      last = state;
      pending = true;
      draw(state, false);
    },
    finish() {
      clearInterval(timer);
      if (!last) return;
      if (shown && tty) {
        draw(last, true);
        write('\n');
      } else if (shown && pending) draw(last, true);
    },
  };
}
