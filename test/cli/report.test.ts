import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { runCli } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// `dxmon report` and `dxmon report notes` through the built binary (dist/), on the small evaluation plan PLAN-P.

describe('dxmon report (dist)', () => {
  const dataDir = tempDirSync('dxmon-report-');
  const out = (name: string) => join(dataDir, name);
  const dx = (...args: string[]) => runCli(['--data', dataDir, ...args]);

  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test seed' });
    try {
      await seedEvaluationPlan(opened.db);
    } finally {
      await opened.close();
    }
  }, 120_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes the Markdown report with the band counts and the secretariat’s paragraph kept in', async () => {
    writeFileSync(out('assessment.txt'), 'Kết quả bước đầu khả quan.\n\nCần đẩy nhanh ở cấp xã.\n');
    const set = await dx(
      'report',
      'notes',
      'set',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
      '--section',
      'assessment',
      '--file',
      out('assessment.txt'),
    );
    expect([set.code, set.stderr]).toEqual([0, '']);
    expect(set.stdout).toContain('Đã ghi phần assessment.');

    const r = await dx(
      'report',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
      '--format',
      'md',
      '--out',
      out('r.md'),
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    const md = readFileSync(out('r.md'), 'utf8');
    expect(md).toContain('# BÁO CÁO');
    expect(md).toMatch(/có \[2 mục tiêu\]\[F\d+\] hoàn thành và vượt kế hoạch giao/);
    expect(md).toContain('## II. ĐÁNH GIÁ CHUNG\n\nKết quả bước đầu khả quan.\n\nCần đẩy nhanh ở cấp xã.');

    const list = await dx('--json', 'report', 'notes', 'list', '--plan', 'PLAN-P', '--period', '2024S1');
    expect(JSON.parse(list.stdout)).toMatchObject({
      plan: 'PLAN-P',
      unit: 'P',
      notes: [{ section: 'assessment' }],
    });
    const cleared = await dx(
      '--lang',
      'en',
      'report',
      'notes',
      'clear',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
    );
    expect(cleared.stdout).toContain('Cleared 1 section.');
  }, 240_000);

  it('writes English HTML for a unit below the plan’s', async () => {
    const r = await dx(
      '--lang',
      'en',
      'report',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
      '--unit',
      'C1',
      '--format',
      'html',
      '--out',
      out('c1.html'),
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    const html = readFileSync(out('c1.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>REPORT</h1>');
  }, 120_000);

  it('writes the DOCX and XLSX reports, and a PDF without Chromium ends with 1 saying how to install it', async () => {
    const args = (format: string, file: string) => [
      'report',
      '--plan',
      'PLAN-P',
      '--period',
      '2024S1',
      '--format',
      format,
      '--out',
      out(file),
    ];
    for (const [format, file] of [
      ['docx', 'r.docx'],
      ['xlsx', 'r.xlsx'],
    ] as const) {
      const r = await dx(...args(format, file));
      expect([format, r.code, r.stderr]).toEqual([format, 0, '']);
      // Both are zip packages: they start with the local file header "PK".
      expect(readFileSync(out(file)).subarray(0, 2).toString('latin1')).toBe('PK');
    }
    const noChromium = { DXMON_CHROMIUM: out('no-chromium-here') };
    const vi = await runCli(['--data', dataDir, ...args('pdf', 'r.pdf')], noChromium);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('apt-get install chromium');
    expect(vi.stderr).toContain('chưa cài trình duyệt Chromium');
    const en = await runCli(['--data', dataDir, '--lang', 'en', ...args('pdf', 'r.pdf')], noChromium);
    expect(en.stderr).toContain('Chromium is not installed');
    expect(() => readFileSync(out('r.pdf'))).toThrow();
  }, 180_000);

  it('sets and shows the heading settings', async () => {
    const r = await dx(
      '--json',
      'plans',
      'set-report',
      '--plan',
      'PLAN-P',
      '--number',
      '3',
      '--signer',
      'Nguyễn Văn A',
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      plan: 'PLAN-P',
      number: 3,
      signer: 'Nguyễn Văn A',
      place: null,
    });
    const report = await dx('report', '--plan', 'PLAN-P', '--period', '2024S1', '--out', out('s.md'));
    expect(report.code).toBe(0);
    expect(readFileSync(out('s.md'), 'utf8')).toContain('Số: 03/BC-BCĐ');
  }, 120_000);
});
