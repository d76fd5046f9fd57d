import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { importWorkbook } from '../../src/app/import/import-workbook.js';
import { loadOfficialUnits } from '../../src/app/units/load-official-units.js';
import { openDatabase } from '../../src/store/open-database.js';
import { workspaceCli } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// The demo workspace (data/demo/lao-cai-2024) through the import and the real commands: `dxmon tasks summary`
// and `dxmon registers change` print the figures of Lào Cai's H1 2024 review (data/demo/README.md).

const DEMO = fileURLToPath(new URL('../../data/demo/lao-cai-2024/', import.meta.url));
const dataDir = tempDirSync('dxmon-demo-tasks-');

const { dxmon, json } = workspaceCli(dataDir);

type UnitSet = { count: number; units: { code: string; name: string; parentCode: string | null }[] };
type Change = {
  from: UnitSet & { period: string };
  to: UnitSet & { period: string };
  closed: UnitSet;
  opened: UnitSet;
};

describe('the demo through dxmon tasks and registers', () => {
  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    try {
      const ctx = { db: opened.db, now: () => new Date('2024-07-18T03:00:00Z') };
      await loadOfficialUnits(ctx, 'pre2025');
      await importWorkbook(ctx, { ...LOCAL_ADMIN, source: 'demo' }, { path: DEMO });
    } finally {
      await opened.close();
    }
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts the 38 Đề án 06 tasks: 1 completed, 31 recurring, 6 in progress', async () => {
    const summary = await json('tasks', 'summary', '--programme', 'DA06', '--at', '2024-07-18');
    expect(summary).toEqual({
      total: 38,
      byStatus: { completed: 1, recurring: 31, inProgress: 6, notStarted: 0, overdue: 0 },
    });
    const text = await dxmon('tasks', 'summary', '--programme', 'DA06', '--at', '2024-07-18');
    expect(text.stdout).toContain(
      'DA06: tổng 38 nhiệm vụ; 1 đã hoàn thành; 31 thực hiện thường xuyên; 6 đang triển khai; 0 quá hạn',
    );
    // At the year's end review every task still in progress past its due date is overdue; recurring ones never.
    const late = await json<{ byStatus: { overdue: number } }>('tasks', 'summary', '--at', '2025-01-15');
    expect(late.byStatus.overdue).toBe(6);
    const list = await json<{ tasks: { code: string; overdue: boolean; leadUnit: { code: string } }[] }>(
      'tasks',
      'list',
      '--programme',
      'DA06',
      '--overdue',
      '--at',
      '2025-01-15',
    );
    expect(list.tasks).toHaveLength(6);
    expect(list.tasks.every((t) => t.overdue && t.leadUnit.code.startsWith('LCI-'))).toBe(true);
  });

  it('gives the seed’s register changes for the old Lào Cai province', async () => {
    const mobile = await json<Change>(
      'registers',
      'change',
      '--indicator',
      'REG_MOBILE_BB',
      '--from',
      '2024Q1',
      '--to',
      '2024Q2',
      '--unit',
      'pre2025:10',
    );
    expect(Object.keys(mobile)).toEqual(['from', 'to', 'closed', 'opened']);
    expect([mobile.from.count, mobile.to.count, mobile.closed.count, mobile.opened.count]).toEqual([
      10, 6, 4, 0,
    ]);
    expect(mobile.from.period).toBe('2024Q1');
    expect(mobile.to.units).toHaveLength(6);
    expect(mobile.to.units[0]!.parentCode).toMatch(/^pre2025:\d{5}$/);
    const text = await dxmon(
      'registers',
      'change',
      '--indicator',
      'REG_MOBILE_BB',
      '--from',
      '2024Q1',
      '--to',
      '2024Q2',
      '--unit',
      'pre2025:10',
    );
    expect(text.stdout).toContain('xóa được 4 thôn, còn 6 thôn');

    const fibre = await json<Change>(
      'registers',
      'change',
      '--indicator',
      'REG_FIBRE',
      '--from',
      '2024Q1',
      '--to',
      '2024Q2',
      '--unit',
      'pre2025:10',
    );
    expect([fibre.from.count, fibre.to.count, fibre.closed.count]).toEqual([200, 56, 144]);

    const lan = await json<{ count: number; units: unknown[] }>(
      'registers',
      'lacking',
      '--indicator',
      'REG_LAN',
      '--period',
      '2024Q2',
      '--unit',
      'pre2025:10',
    );
    expect(lan.count).toBe(29);
    const english = await dxmon(
      '--lang',
      'en',
      'registers',
      'lacking',
      '--indicator',
      'REG_LAN',
      '--period',
      '2024Q2',
      '--unit',
      'pre2025:10',
    );
    expect(english.stdout).toContain('29 of 151 communes still lacking');
  });

  it('writes the entry template for a commune’s villages and refuses a non-yes/no change with exit 1', async () => {
    const out = join(dataDir, 'template.xlsx');
    const written = await json<{ rows: number; units: number; level: string }>(
      'registers',
      'template',
      '--indicator',
      'REG_MOBILE_BB',
      '--indicator',
      'REG_FIBRE',
      '--period',
      '2024Q3',
      '--unit',
      'pre2025:02686',
      '--out',
      out,
    );
    expect(written.level).toBe('village');
    expect(written.rows).toBe(written.units * 2);
    expect(written.units).toBeGreaterThan(0);
    const refused = await dxmon(
      'registers',
      'change',
      '--indicator',
      'REG_CDT_TEAMS',
      '--from',
      '2024Q1',
      '--to',
      '2024Q2',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('REG_CDT_TEAMS');
    const usage = await dxmon('registers', 'change', '--indicator', 'REG_FIBRE');
    expect(usage.code).toBe(2);
  });
});
