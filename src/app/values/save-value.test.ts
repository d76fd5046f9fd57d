import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { seedSmallUnitTree, unitRow, userWith } from '../../../test/support/values-fixture.js';
import { refusal } from '../../../test/support/app-errors.js';
import type { ValueType } from '../../domain/aggregate.js';
import type { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import type { ValueInput } from '../../domain/validate-value.js';
import { createIndicator } from '../catalogue/create-indicator.js';
import { createValidationRule } from '../catalogue/create-validation-rule.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { checkRulesForCells, checkRulesForValues } from './check-rules-for-values.js';
import { getValue } from './get-value.js';
import { listValueHistory } from './list-value-history.js';
import { listValues } from './list-values.js';
import { saveValue } from './save-value.js';

const NOW = new Date('2025-03-01T08:00:00Z');
const admin: Actor = { ...LOCAL_ADMIN, name: 'admin' };

describe.each(TEST_DB_KINDS)('saving values on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let clock = NOW.getTime();

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date((clock += 1000)) };
    await seedSmallUnitTree(db);
    const types: ValueType[] = ['percent', 'count', 'number', 'money', 'boolean', 'ratio'];
    for (const valueType of types) {
      await createIndicator(ctx, admin, { code: `T_${valueType}`, nameVi: `Kiểu ${valueType}`, valueType });
    }
    for (const code of ['R_A', 'R_B', 'R_X', 'R_Y', 'R_TOTAL']) {
      await createIndicator(ctx, admin, { code, nameVi: code, valueType: 'count' });
    }
  }, 120_000);
  afterAll(async () => db.close());

  describe('checks each value type', () => {
    let period = 1950;
    const nextPeriod = () => String(period++);

    it.each<
      [
        ValueType,
        { value?: ValueInput; numerator?: ValueInput; denominator?: ValueInput },
        number,
        number | null,
      ]
    >([
      ['percent', { value: 0 }, 0, null],
      ['percent', { value: 100 }, 100, null],
      ['percent', { value: '36,8' }, 36.8, null],
      ['percent', { value: '97%' }, 97, null],
      ['count', { value: 0 }, 0, null],
      ['count', { value: '10.851.000' }, 10_851_000, null],
      ['number', { value: -2.5 }, -2.5, null],
      ['money', { value: '1.234.567' }, 1_234_567, null],
      ['boolean', { value: true }, 1, null],
      ['boolean', { value: false }, 0, null],
      ['boolean', { value: '1' }, 1, null],
      ['boolean', { value: '0' }, 0, null],
      ['boolean', { value: 'có' }, 1, null],
      ['boolean', { value: 'không' }, 0, null],
      ['boolean', { value: 'Khong' }, 0, null],
      ['ratio', { numerator: 1, denominator: 4 }, 25, 1],
      ['ratio', { numerator: 4, denominator: 4 }, 100, 4],
      ['ratio', { numerator: '3', denominator: '4', value: '75' }, 75, 3],
    ])('accepts a %s value %o and stores %s', async (valueType, parts, stored, numerator) => {
      const p = nextPeriod();
      const saved = await saveValue(ctx, admin, {
        indicator: `T_${valueType}`,
        unit: '04000',
        period: p,
        ...parts,
        version: null,
      });
      expect(saved).toMatchObject({ action: 'create', version: 1, numerator });
      const [row] = await db.query<{ value: number }>(
        `SELECT v.value FROM data_value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = $1 AND v.period = $2`,
        [`T_${valueType}`, p],
      );
      expect(row?.value).toBe(stored);
      expect(saved.value).toBe(valueType === 'boolean' ? stored === 1 : stored);
    });

    it.each<
      [ValueType, { value?: ValueInput; numerator?: ValueInput; denominator?: ValueInput }, string, string]
    >([
      ['percent', { value: 100.5 }, 'outOfRange', 'value'],
      ['percent', { value: -1 }, 'outOfRange', 'value'],
      ['percent', { value: 'abc' }, 'badNumber', 'value'],
      ['percent', {}, 'missing', 'value'],
      ['count', { value: -1 }, 'negative', 'value'],
      ['count', { value: 2.5 }, 'notWhole', 'value'],
      ['count', { value: '10.851' }, 'badNumber', 'value'],
      ['money', { value: -5 }, 'negative', 'value'],
      ['boolean', { value: 'maybe' }, 'badBoolean', 'value'],
      ['boolean', { value: 2 }, 'badBoolean', 'value'],
      ['ratio', { numerator: 5, denominator: 4 }, 'numeratorAboveDenominator', 'numerator'],
      ['ratio', { numerator: 1, denominator: 0 }, 'zeroDenominator', 'denominator'],
      ['ratio', { numerator: 1 }, 'missing', 'denominator'],
      ['ratio', { numerator: 1, denominator: 4, value: 30 }, 'ratioMismatch', 'value'],
      ['count', { value: 3, numerator: 1 }, 'notRatio', 'numerator'],
    ])('refuses a %s value %o (%s on %s) and writes nothing', async (valueType, parts, _code, field) => {
      const p = nextPeriod();
      const error = await refusal(
        saveValue(ctx, admin, {
          indicator: `T_${valueType}`,
          unit: '04000',
          period: p,
          ...parts,
          version: null,
        }),
      );
      expect(error.code).toBe('badInput');
      expect(error.message_vi).not.toBe('');
      expect(error.message_en).not.toBe('');
      expect(error.details.map((d) => d.field)).toContain(field);
      const rows = await db.query('SELECT 1 FROM data_value WHERE period = $1', [p]);
      expect(rows).toHaveLength(0);
    });

    it('refuses a bad period, an unknown indicator and an unknown unit, naming them', async () => {
      expect(
        (
          await refusal(
            saveValue(ctx, admin, { indicator: 'T_count', unit: '04000', period: '2024q1', value: 1 }),
          )
        ).code,
      ).toBe('badInput');
      const noIndicator = await refusal(
        saveValue(ctx, admin, { indicator: 'NOPE', unit: '04000', period: '2024', value: 1 }),
      );
      expect(noIndicator).toMatchObject({ code: 'notFound' });
      expect(noIndicator.message_en).toContain('NOPE');
      const noUnit = await refusal(
        saveValue(ctx, admin, { indicator: 'T_count', unit: '99999', period: '2024', value: 1 }),
      );
      expect(noUnit).toMatchObject({ code: 'notFound' });
      expect(noUnit.message_vi).toContain('99999');
    });
  });

  describe('stores the period, the province and the audit row', () => {
    it('fills the period columns from the period id and the province from the unit', async () => {
      await saveValue(ctx, admin, { indicator: 'T_count', unit: '04001', period: '2024Q2', value: 7 });
      await saveValue(ctx, admin, {
        indicator: 'T_count',
        unit: 'pre2025:00100',
        period: '2024S1',
        value: 3,
      });
      const rows = await db.query<Record<string, unknown>>(
        `SELECT u.code, v.period_type, v.period_start, v.period_end, v.province_code, v.source, v.created_by
         FROM data_value v JOIN unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id
         WHERE i.code = 'T_count' AND v.period IN ('2024Q2', '2024S1') ORDER BY v.period`,
      );
      expect(rows).toEqual([
        {
          code: '04001',
          period_type: 'quarter',
          period_start: '2024-04-01',
          period_end: '2024-06-30',
          province_code: '15',
          source: 'cli',
          created_by: 'admin',
        },
        {
          code: '00100',
          period_type: 'half',
          period_start: '2024-01-01',
          period_end: '2024-06-30',
          province_code: '10',
          source: 'cli',
          created_by: 'admin',
        },
      ]);
    });

    it('writes one audit row per change with old and new, who and where from; none for a save that changes nothing', async () => {
      const api: Actor = { ...LOCAL_ADMIN, name: 'lan', source: 'api' };
      await saveValue(ctx, api, {
        indicator: 'T_ratio',
        unit: '04001',
        period: '2024',
        numerator: 1,
        denominator: 2,
        comment: 'đầu',
      });
      await saveValue(ctx, api, {
        indicator: 'T_ratio',
        unit: '04001',
        period: '2024',
        numerator: 3,
        denominator: 4,
        version: 1,
      });
      const same = await saveValue(ctx, api, {
        indicator: 'T_ratio',
        unit: '04001',
        period: '2024',
        numerator: 3,
        denominator: 4,
        version: 2,
      });
      expect(same).toMatchObject({ action: 'none', version: 2 });
      const audit = await db.query<Record<string, unknown>>(
        `SELECT actor, source, action, entity, entity_key, province_code, old_data, new_data
         FROM audit_log WHERE entity = 'value' AND entity_key = 'T_ratio|04001|2024' ORDER BY id`,
      );
      expect(audit).toEqual([
        {
          actor: 'lan',
          source: 'api',
          action: 'create',
          entity: 'value',
          entity_key: 'T_ratio|04001|2024',
          province_code: '15',
          old_data: null,
          new_data: { value: 50, numerator: 1, denominator: 2, comment: 'đầu', version: 1 },
        },
        {
          actor: 'lan',
          source: 'api',
          action: 'update',
          entity: 'value',
          entity_key: 'T_ratio|04001|2024',
          province_code: '15',
          old_data: { value: 50, numerator: 1, denominator: 2, comment: 'đầu', version: 1 },
          new_data: { value: 75, numerator: 3, denominator: 4, comment: null, version: 2 },
        },
      ]);
      const history = await listValueHistory(ctx, admin, {
        indicator: 'T_ratio',
        unit: '04001',
        period: '2024',
      });
      expect(
        history.changes.map((c) => [c.action, c.old?.value ?? null, c.new?.value, c.new?.version]),
      ).toEqual([
        ['create', null, 50, 1],
        ['update', 50, 75, 2],
      ]);
    });

    it('names a pre-2025 unit with its set in the audit key', async () => {
      const rows = await db.query(
        `SELECT 1 FROM audit_log WHERE entity_key = 'T_count|pre2025:00100|2024S1'`,
      );
      expect(rows).toHaveLength(1);
    });
  });

  describe('optimistic concurrency', () => {
    const key = { indicator: 'T_number', unit: '04000', period: '2023' };

    it('refuses a second "new" value, naming the current version, who and when', async () => {
      await saveValue(ctx, { ...admin, name: 'hoa' }, { ...key, value: 1, version: null });
      const error = await refusal(
        saveValue(ctx, { ...admin, name: 'minh' }, { ...key, value: 2, version: null }),
      );
      expect(error.code).toBe('staleVersion');
      expect(error.message_en).toContain('current version 1');
      expect(error.message_en).toContain('hoa');
      expect(error.message_vi).toContain('phiên bản hiện tại 1');
      // When, in Vietnam's time zone (21:05 05/12/2026), not an ISO timestamp.
      expect(error.message_en).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
      expect(error.message_en).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
      expect(await getValue(ctx, admin, key)).toMatchObject({ value: 1, version: 1, updatedBy: 'hoa' });
    });

    it('lets the first of two editors of version 1 win and refuses the second, keeping the first’s value', async () => {
      const first = await saveValue(ctx, { ...admin, name: 'hoa' }, { ...key, value: 10, version: 1 });
      expect(first).toMatchObject({ action: 'update', version: 2 });
      const error = await refusal(
        saveValue(ctx, { ...admin, name: 'minh' }, { ...key, value: 20, version: 1 }),
      );
      expect(error.code).toBe('staleVersion');
      expect(error.message_en).toContain('current version 2');
      expect(error.message_en).toContain('you were editing version 1');
      expect(await getValue(ctx, admin, key)).toMatchObject({ value: 10, version: 2 });
    });

    it('refuses an edit of a version that never existed or a value that does not exist', async () => {
      expect((await refusal(saveValue(ctx, admin, { ...key, value: 5, version: 7 }))).code).toBe(
        'staleVersion',
      );
      const missing = await refusal(saveValue(ctx, admin, { ...key, period: '2019', value: 5, version: 1 }));
      expect(missing.code).toBe('staleVersion');
      expect(missing.message_en).toContain('no longer exists');
    });

    it('lets exactly one of two truly concurrent saves of the same version win', async () => {
      const current = await getValue(ctx, admin, key);
      const version = current?.version ?? 0;
      const results = await Promise.allSettled([
        saveValue(ctx, { ...admin, name: 'a' }, { ...key, value: 101, version }),
        saveValue(ctx, { ...admin, name: 'b' }, { ...key, value: 202, version }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'staleVersion' });
      const after = await getValue(ctx, admin, key);
      expect(after?.version).toBe(version + 1);
      expect([101, 202]).toContain(after?.value);
    });

    it('lets exactly one of two truly concurrent creations win', async () => {
      const fresh = { ...key, period: '2022' };
      const results = await Promise.allSettled([
        saveValue(ctx, admin, { ...fresh, value: 1, version: null }),
        saveValue(ctx, admin, { ...fresh, value: 2, version: null }),
        saveValue(ctx, admin, { ...fresh, value: 3, version: null }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.map((r) => (r.reason as AppError).code)).toEqual(['staleVersion', 'staleVersion']);
      const audit = await db.query(`SELECT 1 FROM audit_log WHERE entity_key = 'T_number|04000|2022'`);
      expect(audit).toHaveLength(1);
    });
  });

  describe('validation rules', () => {
    beforeAll(async () => {
      await createValidationRule(ctx, admin, {
        code: 'A_LE_B',
        nameVi: 'Đã cấp không vượt đã đăng ký',
        nameEn: 'Issued at most registered',
        leftSide: '#{R_A}',
        operator: '<=',
        rightSide: '#{R_B}',
      });
      await createValidationRule(ctx, admin, {
        code: 'SUM',
        nameVi: 'Tổng',
        leftSide: '#{R_X} + #{R_Y}',
        operator: '==',
        rightSide: '#{R_TOTAL}',
      });
    });

    it('skips a rule while a value it names is missing', async () => {
      const saved = await saveValue(ctx, admin, {
        indicator: 'R_A',
        unit: '04000',
        period: '2024',
        value: 12,
      });
      expect(saved.version).toBe(1);
    });

    it('refuses a value that breaks a rule with both sides’ values, and writes nothing', async () => {
      const error = await refusal(
        saveValue(ctx, admin, { indicator: 'R_B', unit: '04000', period: '2024', value: 10 }),
      );
      expect(error.code).toBe('badInput');
      expect(error.message_vi).toContain('A_LE_B');
      expect(error.message_vi).toContain('#{R_A} = 12');
      expect(error.message_vi).toContain('#{R_B} = 10');
      expect(error.message_en).toContain(
        'the left side #{R_A} = 12 must be at most the right side #{R_B} = 10',
      );
      expect(error.details[0]?.field).toBe('rule:A_LE_B');
      expect(await getValue(ctx, admin, { indicator: 'R_B', unit: '04000', period: '2024' })).toBeNull();
      expect(await db.query(`SELECT 1 FROM audit_log WHERE entity_key = 'R_B|04000|2024'`)).toHaveLength(0);
    });

    it('accepts a value that keeps the rule, then refuses a change of the other side that breaks it', async () => {
      await saveValue(ctx, admin, { indicator: 'R_B', unit: '04000', period: '2024', value: 12 });
      const error = await refusal(
        saveValue(ctx, admin, { indicator: 'R_A', unit: '04000', period: '2024', value: 13, version: 1 }),
      );
      expect(error.message_en).toContain('#{R_A} = 13');
      expect(await getValue(ctx, admin, { indicator: 'R_A', unit: '04000', period: '2024' })).toMatchObject({
        value: 12,
        version: 1,
      });
    });

    it('checks a rule only within one unit and period', async () => {
      await saveValue(ctx, admin, { indicator: 'R_B', unit: '04001', period: '2024', value: 1 });
      await saveValue(ctx, admin, { indicator: 'R_B', unit: '04000', period: '2025', value: 1 });
    });

    it('checks sums over several indicators', async () => {
      await saveValue(ctx, admin, { indicator: 'R_X', unit: '04000', period: '2024', value: 2 });
      await saveValue(ctx, admin, { indicator: 'R_Y', unit: '04000', period: '2024', value: 3 });
      const error = await refusal(
        saveValue(ctx, admin, { indicator: 'R_TOTAL', unit: '04000', period: '2024', value: 6 }),
      );
      expect(error.message_en).toContain('#{R_X} + #{R_Y} = 5');
      await saveValue(ctx, admin, { indicator: 'R_TOTAL', unit: '04000', period: '2024', value: 5 });
    });

    it('reports every violation of values written in bulk, for the import', async () => {
      const unit = await unitRow(db, '2025', '04001');
      const [a] = await db.query<{ id: number }>(`SELECT id FROM indicator WHERE code = 'R_A'`);
      // What an import writes in its transaction before checking: A = 5 > B = 1 at 04001, 2024.
      await db.query(
        `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
         VALUES ($1, $2, '2024', 'year', '2024-01-01', '2024-12-31', 5, 'import')`,
        [a!.id, unit.id],
      );
      const violations = await checkRulesForValues(db, unit.id, '2024', ['R_A']);
      expect(violations).toEqual([
        expect.objectContaining({ rule: 'A_LE_B', unit: '04001', period: '2024', left: 5, right: 1 }),
      ]);
      expect(violations[0]?.message_vi).toMatch(/^Đơn vị 04001, kỳ 2024: /);
      const other = await unitRow(db, '2025', '04000');
      expect(
        await checkRulesForCells(db, [
          { unitId: unit.id, period: '2024', indicatorCode: 'R_B' },
          { unitId: other.id, period: '2024', indicatorCode: 'R_B' },
        ]),
      ).toHaveLength(1);
      expect(await checkRulesForValues(db, unit.id, '2023', ['R_A'])).toEqual([]);
    });
  });

  describe('authorisation', () => {
    it('lets a reporter enter values in their subtree and refuses one outside it', async () => {
      const commune = await unitRow(db, '2025', '04000');
      const reporter = userWith('reporter', commune.path, 'reporter-bac-ha');
      const saved = await saveValue(ctx, reporter, {
        indicator: 'T_money',
        unit: '04000',
        period: '2030',
        value: 5,
      });
      expect(saved.updatedBy).toBe('reporter-bac-ha');
      const error = await refusal(
        saveValue(ctx, reporter, { indicator: 'T_money', unit: '04001', period: '2030', value: 5 }),
      );
      expect(error.code).toBe('forbidden');
      expect(error.message_en).toContain('04001');
      const province = await unitRow(db, '2025', '15');
      const above = await refusal(
        saveValue(ctx, reporter, { indicator: 'T_money', unit: '15', period: '2030', value: 5 }),
      );
      expect(above.code).toBe('forbidden');
      expect(province.path).not.toBe(commune.path);
      const viewer = userWith('viewer', province.path);
      expect(
        (
          await refusal(
            saveValue(ctx, viewer, { indicator: 'T_money', unit: '04000', period: '2031', value: 5 }),
          )
        ).code,
      ).toBe('forbidden');
    });

    it('lists only values of units the reader may read, and filters by indicator, unit subtree and period', async () => {
      const hanoi = await unitRow(db, '2025', '00001');
      await saveValue(ctx, admin, { indicator: 'T_money', unit: '00001', period: '2030', value: 9 });
      const reader = userWith('viewer', hanoi.path);
      const seen = await listValues(ctx, reader, {});
      expect(seen.map((v) => v.unit)).toEqual(['00001']);
      const all = await listValues(ctx, admin, { indicator: 'T_money', period: '2030' });
      expect(all.map((v) => v.unit)).toEqual(['00001', '04000']);
      const laoCai = await listValues(ctx, admin, { indicator: 'T_money', unit: '15', period: '2030' });
      expect(laoCai.map((v) => v.unit)).toEqual(['04000']);
      expect(
        (await refusal(getValue(ctx, reader, { indicator: 'T_money', unit: '04000', period: '2030' }))).code,
      ).toBe('forbidden');
    });
  });
});
