import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

function harness(tty: boolean) {
  let clock = 0;
  const written: string[] = [];
  const progress = startProgress({
    lang: 'vi',
    title: { vi: 'Nhập tệp', en: 'Import' },
    tty,
    write: (text) => written.push(text),
    now: () => clock,
  });
  return { progress, written, at: (ms: number) => (clock = ms) };
}

const writing = { vi: 'đang ghi', en: 'writing' };
const rows = { vi: 'dòng', en: 'rows' };

describe('progress of long work', () => {
  it('shows nothing for work done within two seconds', () => {
    const { progress, written, at } = harness(true);
    at(1500);
    progress.update({ step: writing, done: 5, total: 10, unit: rows });
    progress.finish();
    expect(written).toEqual([]);
  });

  it('redraws a bar in place on a terminal, numbers in the reader’s locale, and ends its line', () => {
    const { progress, written, at } = harness(true);
    at(2500);
    progress.update({ step: writing, done: 5000, total: 10000, unit: rows });
    progress.finish();
    expect(written[0]).toBe(
      `\r${'█'.repeat(15)}${'░'.repeat(15)} 50% Nhập tệp: đang ghi 5.000/10.000 dòng — 3 s\x1b[K`,
    );
    expect(written.at(-1)).toBe('\n');
  });

  it('writes a line in a log when the step changes, and for the same step only every five seconds', () => {
    const { progress, written, at } = harness(false);
    at(2000);
    progress.update({ step: writing, done: 1, total: 4, unit: rows });
    at(3000);
    progress.update({ step: writing, done: 2, total: 4, unit: rows });
    at(7500);
    progress.update({ step: writing, done: 3, total: 4, unit: rows });
    at(8000);
    progress.update({ step: { vi: 'xong', en: 'done' }, done: 4, total: 4, unit: rows });
    progress.finish();
    expect(written).toEqual([
      'Nhập tệp: đang ghi 1/4 dòng (25%), 2 s\n',
      'Nhập tệp: đang ghi 3/4 dòng (75%), 8 s\n',
      'Nhập tệp: xong 4/4 dòng (100%), 8 s\n',
    ]);
  });

  it('writes the last state to a log at the end when it was not written yet', () => {
    const { progress, written, at } = harness(false);
    at(2000);
    progress.update({ step: writing, done: 1, total: 4, unit: rows });
    at(3000);
    progress.update({ step: writing, done: 2, total: 4, unit: rows });
    progress.finish();
    expect(written).toEqual([
      'Nhập tệp: đang ghi 1/4 dòng (25%), 2 s\n',
      'Nhập tệp: đang ghi 2/4 dòng (50%), 3 s\n',
    ]);
  });
});
