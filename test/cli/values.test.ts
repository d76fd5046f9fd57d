import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { seedSmallUnitTree } from '../support/values-fixture.js';
import { workspaceCli } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// dxmon indicators / plans / targets / values, in process through main() on an embedded directory.

const dataDir = tempDirSync('dxmon-values-');

const { dxmon, json } = workspaceCli(dataDir);

describe('dxmon indicators, plans, targets and values', () => {
  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    await seedSmallUnitTree(opened.db);
    await opened.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds and lists indicators', async () => {
    const added = await dxmon(
      'indicators',
      'add',
      '--code',
      'DVC',
      '--name-vi',
      'Hồ sơ trực tuyến',
      '--value-type',
      'percent',
      '--unit',
      '%',
    );
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toContain('Đã thêm chỉ tiêu DVC');
    await dxmon(
      'indicators',
      'add',
      '--code',
      'CAP',
      '--name-vi',
      'Hộ có cáp quang',
      '--value-type',
      'ratio',
      '--name-en',
      'Fibre',
    );
    await dxmon(
      'indicators',
      'add',
      '--code',
      'TK',
      '--name-vi',
      'Tài khoản',
      '--value-type',
      'count',
      '--group',
      'digitalEconomy',
    );
    const list = await json<{ code: string; valueType: string }[]>('indicators', 'list');
    expect(list.map((i) => [i.code, i.valueType])).toEqual([
      ['CAP', 'ratio'],
      ['DVC', 'percent'],
      ['TK', 'count'],
    ]);
    const english = await dxmon('--lang', 'en', 'indicators', 'list', '--group', 'digitalEconomy');
    expect(english.stdout).toContain('1 indicators');
  });

  it('refuses a bad value type as a usage error (exit 2) and a duplicate as a refusal (exit 1)', async () => {
    expect(
      (await dxmon('indicators', 'add', '--code', 'X', '--name-vi', 'x', '--value-type', 'percentage')).code,
    ).toBe(2);
    const duplicate = await dxmon(
      'indicators',
      'add',
      '--code',
      'DVC',
      '--name-vi',
      'x',
      '--value-type',
      'count',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('Lỗi: Chỉ tiêu «DVC» đã có');
  });

  it('adds plans and targets and lists them', async () => {
    const plan = await dxmon(
      'plans',
      'add',
      '--code',
      'LC-2025',
      '--name',
      'Kế hoạch 2025',
      '--unit',
      '15',
      '--start-year',
      '2025',
    );
    expect(plan.stdout).toContain('Đã thêm kế hoạch LC-2025 của Tỉnh Lào Cai (2025–2025)');
    const target = await dxmon(
      'targets',
      'add',
      '--plan',
      'LC-2025',
      '--indicator',
      'DVC',
      '--unit',
      '15',
      '--period',
      '2025',
      '--target',
      '95',
      '--baseline',
      '80,5',
      '--baseline-period',
      '2024',
      '--lead-unit',
      '04000',
    );
    expect(target.code).toBe(0);
    const targets = await json<{ indicator: string; target: number; baseline: number; leadUnit: string }[]>(
      'targets',
      'list',
      '--plan',
      'LC-2025',
    );
    expect(targets).toEqual([
      expect.objectContaining({ indicator: 'DVC', target: 95, baseline: 80.5, leadUnit: '04000' }),
    ]);
    const human = await dxmon('targets', 'list', '--plan', 'LC-2025');
    expect(human.stdout).toContain('95 (cơ sở 80,5 2024)');
    const plans = await json<{ code: string; targetCount: number }[]>('plans', 'list');
    expect(plans).toEqual([expect.objectContaining({ code: 'LC-2025', targetCount: 1 })]);
    expect(
      (await dxmon('plans', 'add', '--code', 'P', '--name', 'x', '--unit', '15', '--start-year', 'abc')).code,
    ).toBe(2);
  });

  it('sets a value, reads it back with its version, and edits it with --version', async () => {
    const set = await dxmon(
      'values',
      'set',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
      '--value',
      '36,8',
    );
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toContain('Đã lưu DVC · 04000 · 2025Q1: 36,8 — phiên bản 1.');
    const got = await json<{ value: number; version: number; source: string }>(
      'values',
      'get',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
    );
    expect(got).toMatchObject({ value: 36.8, version: 1, source: 'cli' });
    const edited = await json<{ value: number; version: number; action: string }>(
      'values',
      'set',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
      '--value',
      '40',
      '--version',
      '1',
    );
    expect(edited).toMatchObject({ value: 40, version: 2, action: 'update' });
    const english = await dxmon(
      '--lang',
      'en',
      'values',
      'get',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
    );
    expect(english.stdout).toContain('DVC · 04000 (Xã Bắc Hà) · 2025Q1: 40');
    expect(english.stdout).toContain('Version 2, changed by local-admin');
  });

  it('refuses a stale version with exit 1 naming the current version, and --json gives the error document', async () => {
    const stale = await dxmon(
      '--lang',
      'en',
      'values',
      'set',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
      '--value',
      '41',
      '--version',
      '1',
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('current version 2');
    expect(stale.stdout).toBe('');
    const again = await dxmon(
      '--json',
      'values',
      'set',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
      '--value',
      '41',
    );
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ error: { code: 'staleVersion' } });
    expect(
      (
        await dxmon(
          'values',
          'set',
          '--indicator',
          'DVC',
          '--unit',
          '04000',
          '--period',
          '2025',
          '--value',
          '1',
          '--version',
          'x',
        )
      ).code,
    ).toBe(2);
  });

  it('takes a ratio as numerator and denominator, and refuses a bad value with its message', async () => {
    const ratio = await dxmon(
      'values',
      'set',
      '--indicator',
      'CAP',
      '--unit',
      '04000',
      '--period',
      '2025',
      '--numerator',
      '30',
      '--denominator',
      '120',
    );
    expect(ratio.stdout).toContain('25% (30/120)');
    const bad = await dxmon(
      '--lang',
      'en',
      'values',
      'set',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2024',
      '--value',
      '120',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must be 0 to 100');
  });

  it('lists values and shows a value’s history', async () => {
    const list = await json<{ indicator: string; unit: string }[]>('values', 'list', '--unit', '15');
    expect(list.map((v) => `${v.indicator}@${v.unit}`)).toEqual(['CAP@04000', 'DVC@04000']);
    const history = await json<{ changes: { action: string; new: { value: number } }[] }>(
      'values',
      'history',
      '--indicator',
      'DVC',
      '--unit',
      '04000',
      '--period',
      '2025Q1',
    );
    expect(history.changes.map((c) => [c.action, c.new.value])).toEqual([
      ['create', 36.8],
      ['update', 40],
    ]);
    const none = await dxmon('values', 'get', '--indicator', 'DVC', '--unit', '04001', '--period', '2025Q1');
    expect(none).toMatchObject({ code: 0 });
    expect(none.stdout).toContain('Chưa có số liệu');
  });
});
