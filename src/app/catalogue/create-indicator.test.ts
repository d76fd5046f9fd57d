import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { seedSmallUnitTree, unitRow, userWith } from '../../../test/support/values-fixture.js';
import { refusal } from '../../../test/support/app-errors.js';
import type { Db } from '../../store/db.js';
import { findUnit } from '../../store/units.queries.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { saveValue } from '../values/save-value.js';
import { createIndicator } from './create-indicator.js';
import { createIndicatorGroup } from './create-indicator-group.js';
import { createValidationRule } from './create-validation-rule.js';
import { createWorkspaceUnit } from './create-workspace-unit.js';
import { listIndicatorGroups } from './list-indicator-groups.js';
import { getIndicator, listIndicators } from './list-indicators.js';
import { listValidationRules } from './list-validation-rules.js';
import { updateIndicator } from './update-indicator.js';
import { updateIndicatorGroup } from './update-indicator-group.js';
import { updateValidationRule } from './update-validation-rule.js';
import { updateWorkspaceUnit } from './update-workspace-unit.js';

const admin: Actor = { ...LOCAL_ADMIN, name: 'admin' };

describe.each(TEST_DB_KINDS)('the catalogue on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await seedSmallUnitTree(db);
  }, 120_000);
  afterAll(async () => db.close());

  describe('indicators', () => {
    it('creates an indicator with the defaults of docs/domain.md §4 and audits it', async () => {
      const created = await createIndicator(ctx, admin, {
        code: 'DVC_TT',
        nameVi: ' Tỷ lệ hồ sơ trực tuyến toàn trình ',
        valueType: 'percent',
        measureUnit: '%',
        group: 'digitalGovernment',
      });
      expect(created).toEqual({
        code: 'DVC_TT',
        nameVi: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
        nameEn: null,
        valueType: 'percent',
        measureUnit: '%',
        direction: 'increase',
        timeAggregation: 'last',
        group: 'digitalGovernment',
        description: null,
        min: null,
        max: null,
      });
      const audit = await db.query<{ action: string; new_data: unknown }>(
        `SELECT action, new_data FROM audit_log WHERE entity = 'indicator' AND entity_key = 'DVC_TT'`,
      );
      expect(audit).toEqual([{ action: 'create', new_data: created }]);
    });

    it('creates a custom group for a new group code', async () => {
      await createIndicator(ctx, admin, {
        code: 'THON_FIBER',
        nameVi: 'Thôn có cáp quang',
        valueType: 'boolean',
        direction: 'reach',
        group: 'registers',
      });
      const groups = await listIndicatorGroups(ctx);
      expect(groups.find((g) => g.code === 'registers')).toEqual({
        code: 'registers',
        nameVi: 'registers',
        nameEn: 'registers',
        kind: 'custom',
        sort: 100,
      });
      expect(groups.slice(0, 3).map((g) => g.code)).toEqual([
        'digitalGovernment',
        'digitalEconomy',
        'digitalSociety',
      ]);
    });

    it('refuses a code in use, a code with spaces and an empty name', async () => {
      expect(
        (await refusal(createIndicator(ctx, admin, { code: 'DVC_TT', nameVi: 'x', valueType: 'count' })))
          .code,
      ).toBe('conflict');
      const spaced = await refusal(
        createIndicator(ctx, admin, { code: 'A B', nameVi: 'x', valueType: 'count' }),
      );
      expect(spaced).toMatchObject({ code: 'badInput' });
      expect(spaced.details[0]?.field).toBe('code');
      expect(
        (await refusal(createIndicator(ctx, admin, { code: 'E', nameVi: '  ', valueType: 'count' })))
          .details[0]?.field,
      ).toBe('nameVi');
    });

    it('lists and finds indicators by group, type and text', async () => {
      await createIndicator(ctx, admin, {
        code: 'TK_SO',
        nameVi: 'Số tài khoản thanh toán',
        valueType: 'count',
        group: 'digitalEconomy',
      });
      expect((await listIndicators(ctx)).map((i) => i.code)).toEqual(['DVC_TT', 'THON_FIBER', 'TK_SO']);
      expect((await listIndicators(ctx, { group: 'digitalEconomy' })).map((i) => i.code)).toEqual(['TK_SO']);
      expect((await listIndicators(ctx, { valueType: 'boolean' })).map((i) => i.code)).toEqual([
        'THON_FIBER',
      ]);
      expect((await listIndicators(ctx, { search: 'thanh toán' })).map((i) => i.code)).toEqual(['TK_SO']);
      expect((await getIndicator(ctx, 'TK_SO')).group).toBe('digitalEconomy');
      expect((await refusal(getIndicator(ctx, 'NOPE'))).code).toBe('notFound');
    });

    it('updates an indicator, audits old and new, and writes nothing when nothing changes', async () => {
      const updated = await updateIndicator(ctx, admin, 'TK_SO', {
        nameEn: 'Payment accounts',
        timeAggregation: 'sum',
      });
      expect(updated).toMatchObject({
        nameEn: 'Payment accounts',
        timeAggregation: 'sum',
        valueType: 'count',
      });
      await updateIndicator(ctx, admin, 'TK_SO', { nameEn: 'Payment accounts' });
      const audit = await db.query<{
        action: string;
        old_data: { nameEn: string | null };
        new_data: { nameEn: string };
      }>(
        `SELECT action, old_data, new_data FROM audit_log WHERE entity = 'indicator' AND entity_key = 'TK_SO' ORDER BY id`,
      );
      expect(audit.map((a) => [a.action, a.old_data?.nameEn ?? null, a.new_data.nameEn])).toEqual([
        ['create', null, null],
        ['update', null, 'Payment accounts'],
      ]);
    });

    it('changes a value type only while the indicator has no values', async () => {
      expect((await updateIndicator(ctx, admin, 'TK_SO', { valueType: 'number' })).valueType).toBe('number');
      await saveValue(ctx, admin, { indicator: 'TK_SO', unit: '15', period: '2024', value: 3 });
      const error = await refusal(updateIndicator(ctx, admin, 'TK_SO', { valueType: 'percent' }));
      expect(error.code).toBe('conflict');
      expect(error.message_en).toContain('1 values');
    });

    it('lets only a secretariat or admin over the whole installation change the catalogue', async () => {
      const province = await unitRow(db, '2025', '15');
      for (const actor of [userWith('secretariat', province.path), userWith('reporter', '/')]) {
        const error = await refusal(
          createIndicator(ctx, actor, { code: 'X1', nameVi: 'x', valueType: 'count' }),
        );
        expect(error.code).toBe('forbidden');
      }
      const root = userWith('secretariat', '/');
      expect((await createIndicator(ctx, root, { code: 'X1', nameVi: 'x', valueType: 'count' })).code).toBe(
        'X1',
      );
    });
  });

  describe('indicator groups', () => {
    it('creates, refuses a duplicate, renames and lists groups', async () => {
      const group = await createIndicatorGroup(ctx, admin, { code: 'dean06', nameVi: 'Đề án 06', sort: 20 });
      expect(group).toEqual({
        code: 'dean06',
        nameVi: 'Đề án 06',
        nameEn: 'Đề án 06',
        kind: 'custom',
        sort: 20,
      });
      expect((await refusal(createIndicatorGroup(ctx, admin, { code: 'dean06', nameVi: 'x' }))).code).toBe(
        'conflict',
      );
      expect(await updateIndicatorGroup(ctx, admin, 'dean06', { nameEn: 'Project 06' })).toMatchObject({
        nameEn: 'Project 06',
      });
      expect((await refusal(updateIndicatorGroup(ctx, admin, 'nope', { sort: 1 }))).code).toBe('notFound');
      expect(
        (await listIndicatorGroups(ctx)).some((g) => g.code === 'dean06' && g.nameEn === 'Project 06'),
      ).toBe(true);
    });
  });

  describe('workspace units', () => {
    it('adds an agency under an official province, with its path and province', async () => {
      const unit = await createWorkspaceUnit(ctx, admin, {
        code: 'LCI-STTTT',
        name: 'Sở Thông tin và Truyền thông',
        kind: 'agency',
        parent: '15',
      });
      expect(unit).toMatchObject({
        code: 'LCI-STTTT',
        set: 'workspace',
        level: 'agency',
        kind: 'agency',
        parentCode: '15',
      });
      const row = await findUnit(db, ['workspace'], 'LCI-STTTT');
      const province = await unitRow(db, '2025', '15');
      expect(row?.path.startsWith(province.path)).toBe(true);
      expect(row?.provinceCode).toBe('15');
      const audit = await db.query(
        `SELECT 1 FROM audit_log WHERE entity = 'unit' AND entity_key = 'LCI-STTTT'`,
      );
      expect(audit).toHaveLength(1);
    });

    it('adds a village under a commune and under a pre-2025 commune, and values can be entered for it', async () => {
      await createWorkspaceUnit(ctx, admin, {
        code: 'T-BH-01',
        name: 'Thôn Na Hối',
        kind: 'village',
        parent: '04000',
      });
      await createWorkspaceUnit(ctx, admin, {
        code: 'T-OLD-01',
        name: 'Thôn Cũ',
        kind: 'village',
        parent: 'pre2025:00100',
      });
      const saved = await saveValue(ctx, admin, {
        indicator: 'THON_FIBER',
        unit: 'T-BH-01',
        period: '2024Q2',
        value: 'có',
      });
      expect(saved).toMatchObject({ unit: 'T-BH-01', value: true });
      expect((await findUnit(db, ['workspace'], 'T-OLD-01'))?.provinceCode).toBe('10');
    });

    it('refuses a code that repeats a current official code, clearly, and one already in the workspace', async () => {
      const error = await refusal(
        createWorkspaceUnit(ctx, admin, { code: '04001', name: 'x', kind: 'village', parent: '04000' }),
      );
      expect(error.code).toBe('badInput');
      expect(error.message_vi).toContain('không được trùng mã đơn vị hành chính hiện hành: 04001');
      expect(error.message_en).toContain('may not repeat a current administrative unit code: 04001');
      expect(error.details[0]?.message_en).toContain('LCI-04001');
      expect(
        (
          await refusal(
            createWorkspaceUnit(ctx, admin, { code: 'LCI-STTTT', name: 'x', kind: 'agency', parent: '15' }),
          )
        ).code,
      ).toBe('conflict');
      expect(
        (
          await refusal(
            createWorkspaceUnit(ctx, admin, { code: 'Z1', name: 'x', kind: 'agency', parent: '777' }),
          )
        ).code,
      ).toBe('notFound');
    });

    it('accepts a code that is official only before 2025', async () => {
      const unit = await createWorkspaceUnit(ctx, admin, {
        code: '00100',
        name: 'Ban quản lý',
        kind: 'agency',
        parent: '15',
      });
      expect(unit.code).toBe('00100');
    });

    it('renames and moves a workspace unit, refusing a move under itself', async () => {
      const moved = await updateWorkspaceUnit(ctx, admin, 'T-BH-01', {
        name: 'Thôn Na Hối 1',
        parent: '04001',
      });
      expect(moved).toMatchObject({ name: 'Thôn Na Hối 1', parentCode: '04001' });
      const commune = await unitRow(db, '2025', '04001');
      expect((await findUnit(db, ['workspace'], 'T-BH-01'))?.path.startsWith(commune.path)).toBe(true);
      await createWorkspaceUnit(ctx, admin, {
        code: 'LCI-STTTT-P1',
        name: 'Phòng 1',
        kind: 'agency',
        parent: 'LCI-STTTT',
      });
      expect(
        (await refusal(updateWorkspaceUnit(ctx, admin, 'LCI-STTTT', { parent: 'LCI-STTTT-P1' }))).code,
      ).toBe('badInput');
      expect((await refusal(updateWorkspaceUnit(ctx, admin, '15', { name: 'x' }))).code).toBe('notFound');
    });

    it('needs the admin role over the parent', async () => {
      const commune = await unitRow(db, '2025', '04000');
      const province = await unitRow(db, '2025', '15');
      expect(
        (
          await refusal(
            createWorkspaceUnit(ctx, userWith('admin', commune.path), {
              code: 'Q1',
              name: 'x',
              kind: 'agency',
              parent: '15',
            }),
          )
        ).code,
      ).toBe('forbidden');
      expect(
        (
          await refusal(
            createWorkspaceUnit(ctx, userWith('secretariat', province.path), {
              code: 'Q1',
              name: 'x',
              kind: 'agency',
              parent: '15',
            }),
          )
        ).code,
      ).toBe('forbidden');
      const created = await createWorkspaceUnit(ctx, userWith('admin', province.path), {
        code: 'Q1',
        name: 'x',
        kind: 'agency',
        parent: '15',
      });
      expect(created.code).toBe('Q1');
    });
  });

  describe('validation rules', () => {
    it('stores a rule with the indicators it names and lists it by indicator', async () => {
      const rule = await createValidationRule(ctx, admin, {
        code: 'R1',
        nameVi: 'Quy tắc 1',
        leftSide: '#{X1}',
        operator: '<=',
        rightSide: '#{TK_SO} * 2',
      });
      expect(rule).toMatchObject({
        indicators: ['TK_SO', 'X1'],
        missingValueStrategy: 'skipIfAnyValueMissing',
      });
      expect((await listValidationRules(ctx, { indicator: 'X1' })).map((r) => r.code)).toEqual(['R1']);
      expect(await listValidationRules(ctx, { indicator: 'DVC_TT' })).toEqual([]);
      expect((await listValidationRules(ctx)).map((r) => r.code)).toEqual(['R1']);
    });

    it.each([
      [{ leftSide: '#{X1} +', operator: '<=', rightSide: '#{TK_SO}' }, 'leftSide'],
      [{ leftSide: '#{X1}', operator: '=>', rightSide: '#{TK_SO}' }, 'operator'],
      [{ leftSide: '#{X1}', operator: '<=', rightSide: '#{TK_SO' }, 'rightSide'],
      [{ leftSide: '#{X1}', operator: '<=', rightSide: '#{UNKNOWN}' }, 'indicators'],
    ])('refuses %o naming %s', async (sides, field) => {
      const error = await refusal(createValidationRule(ctx, admin, { code: 'BAD', nameVi: 'x', ...sides }));
      expect(error.code).toBe('badInput');
      expect(error.details[0]?.field).toBe(field);
    });

    it('updates a rule and refuses a duplicate code', async () => {
      const updated = await updateValidationRule(ctx, admin, 'R1', {
        operator: '<',
        missingValueStrategy: 'neverSkip',
      });
      expect(updated).toMatchObject({ operator: '<', missingValueStrategy: 'neverSkip' });
      expect(
        (
          await refusal(
            createValidationRule(ctx, admin, {
              code: 'R1',
              nameVi: 'x',
              leftSide: '1',
              operator: '<',
              rightSide: '2',
            }),
          )
        ).code,
      ).toBe('conflict');
      const audit = await db.query(
        `SELECT action FROM audit_log WHERE entity = 'validationRule' ORDER BY id`,
      );
      expect(audit).toEqual([{ action: 'create' }, { action: 'update' }]);
    });
  });
});
