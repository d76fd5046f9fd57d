import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { seedSmallUnitTree, unitRow, userWith } from '../../../test/support/values-fixture.js';
import { refusal } from '../../../test/support/app-errors.js';
import type { Db } from '../../store/db.js';
import { createIndicator } from '../catalogue/create-indicator.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { saveValue } from '../values/save-value.js';
import { listValues } from '../values/list-values.js';
import { createPlan } from './create-plan.js';
import { createTarget } from './create-target.js';
import { getPlan, listPlans } from './list-plans.js';
import { listTargets } from './list-targets.js';
import { updatePlan } from './update-plan.js';
import { updateTarget } from './update-target.js';

const admin: Actor = { ...LOCAL_ADMIN, name: 'admin' };

describe.each(TEST_DB_KINDS)('plans and targets on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await seedSmallUnitTree(db);
    await createIndicator(ctx, admin, { code: 'DVC', nameVi: 'Hồ sơ trực tuyến', valueType: 'percent' });
    await createIndicator(ctx, admin, {
      code: 'KH',
      nameVi: 'Ban hành kế hoạch',
      valueType: 'boolean',
      direction: 'reach',
    });
    await createIndicator(ctx, admin, { code: 'CAP', nameVi: 'Hộ có cáp quang', valueType: 'ratio' });
    await createIndicator(ctx, admin, { code: 'TEAMS', nameVi: 'Tổ công nghệ số', valueType: 'count' });
  }, 120_000);
  afterAll(async () => db.close());

  describe('plans', () => {
    it('creates a plan of a unit over a span and audits it', async () => {
      const plan = await createPlan(ctx, admin, {
        code: 'LCI-2024',
        name: 'Kế hoạch CĐS năm 2024',
        unit: 'pre2025:10',
        startYear: 2024,
        endYear: 2024,
      });
      expect(plan).toEqual({
        code: 'LCI-2024',
        name: 'Kế hoạch CĐS năm 2024',
        unit: 'pre2025:10',
        unitName: 'Tỉnh Lào Cai',
        startYear: 2024,
        endYear: 2024,
        bands: null,
        targetCount: 0,
      });
      const audit = await db.query(
        `SELECT province_code FROM audit_log WHERE entity = 'plan' AND entity_key = 'LCI-2024'`,
      );
      expect(audit).toEqual([{ province_code: '10' }]);
    });

    it.each([
      [{ startYear: 2026, endYear: 2025 }, 'endYear'],
      [{ startYear: 1800, endYear: 2025 }, 'startYear'],
      [{ startYear: 2021, endYear: 2025, bands: { exceeded: 0.8, over80: 0.9, from50to80: 0.5 } }, 'bands'],
    ])('refuses %o naming %s', async (fields, field) => {
      const error = await refusal(createPlan(ctx, admin, { code: 'BAD', name: 'x', unit: '15', ...fields }));
      expect(error.code).toBe('badInput');
      expect(error.details[0]?.field).toBe(field);
    });

    it('refuses a duplicate code and an unknown unit', async () => {
      expect(
        (
          await refusal(
            createPlan(ctx, admin, {
              code: 'LCI-2024',
              name: 'x',
              unit: '15',
              startYear: 2024,
              endYear: 2024,
            }),
          )
        ).code,
      ).toBe('conflict');
      expect(
        (
          await refusal(
            createPlan(ctx, admin, { code: 'P9', name: 'x', unit: '999', startYear: 2024, endYear: 2024 }),
          )
        ).code,
      ).toBe('notFound');
    });

    it('updates a plan with its own bands', async () => {
      const updated = await updatePlan(ctx, admin, 'LCI-2024', {
        endYear: 2025,
        bands: { exceeded: 1, over80: 0.8, from50to80: 0.5 },
      });
      expect(updated).toMatchObject({ endYear: 2025, bands: { exceeded: 1, over80: 0.8, from50to80: 0.5 } });
      expect((await getPlan(ctx, admin, 'LCI-2024')).endYear).toBe(2025);
    });

    it('lets a secretariat manage plans of its own subtree only, and lists plans by read scope', async () => {
      const province = await unitRow(db, '2025', '15');
      const secretariat = userWith('secretariat', province.path);
      const mine = await createPlan(ctx, secretariat, {
        code: 'LC-2026',
        name: 'x',
        unit: '15',
        startYear: 2026,
        endYear: 2030,
      });
      expect(mine.code).toBe('LC-2026');
      expect(
        (
          await refusal(
            createPlan(ctx, secretariat, {
              code: 'HN',
              name: 'x',
              unit: '01',
              startYear: 2026,
              endYear: 2026,
            }),
          )
        ).code,
      ).toBe('forbidden');
      expect(
        (
          await refusal(
            createPlan(ctx, userWith('reporter', province.path), {
              code: 'R',
              name: 'x',
              unit: '15',
              startYear: 2026,
              endYear: 2026,
            }),
          )
        ).code,
      ).toBe('forbidden');
      expect((await listPlans(ctx, secretariat)).map((p) => p.code)).toEqual(['LC-2026']);
      expect((await listPlans(ctx, admin)).map((p) => p.code)).toEqual(['LC-2026', 'LCI-2024']);
      expect((await refusal(getPlan(ctx, secretariat, 'LCI-2024'))).code).toBe('forbidden');
    });
  });

  describe('targets', () => {
    it('adds a target with baseline and lead unit, as the indicator’s type reads it', async () => {
      const target = await createTarget(ctx, admin, {
        plan: 'LCI-2024',
        indicator: 'DVC',
        unit: 'pre2025:10',
        period: '2024',
        target: '95%',
        baseline: '80,5',
        baselinePeriod: '2023',
        leadUnit: 'pre2025:00100',
        note: 'Nghị quyết',
      });
      expect(target).toEqual({
        plan: 'LCI-2024',
        indicator: 'DVC',
        indicatorName: 'Hồ sơ trực tuyến',
        valueType: 'percent',
        unit: 'pre2025:10',
        unitName: 'Tỉnh Lào Cai',
        period: '2024',
        target: 95,
        baseline: 80.5,
        baselinePeriod: '2023',
        leadUnit: 'pre2025:00100',
        note: 'Nghị quyết',
      });
    });

    it('stores a boolean milestone as 1/0 and shows it as true/false; a ratio target as a percentage', async () => {
      const milestone = await createTarget(ctx, admin, {
        plan: 'LCI-2024',
        indicator: 'KH',
        unit: 'pre2025:10',
        period: '2024',
        target: 'có',
      });
      expect(milestone.target).toBe(true);
      const [row] = await db.query<{ target: number }>(
        `SELECT t.target FROM target t JOIN indicator i ON i.id = t.indicator_id WHERE i.code = 'KH'`,
      );
      expect(row?.target).toBe(1);
      const share = await createTarget(ctx, admin, {
        plan: 'LCI-2024',
        indicator: 'CAP',
        unit: 'pre2025:10',
        period: '2024',
        target: 80,
      });
      expect(share.target).toBe(80);
    });

    it.each([
      [{ indicator: 'DVC', target: 120 }, 'target'],
      [{ indicator: 'TEAMS', target: 2.5 }, 'target'],
      [{ indicator: 'KH', target: 'maybe' }, 'target'],
      [{ indicator: 'TEAMS', target: 5, baseline: -1 }, 'baseline'],
      [{ indicator: 'TEAMS', target: 5, baseline: 1, baselinePeriod: '2024' }, 'baselinePeriod'],
      [{ indicator: 'TEAMS', target: 5, period: '2024q1' }, 'period'],
    ])('refuses %o naming %s', async (fields, field) => {
      const error = await refusal(
        createTarget(ctx, admin, { plan: 'LCI-2024', unit: 'pre2025:10', period: '2024', ...fields }),
      );
      expect(error.code).toBe('badInput');
      expect(error.details[0]?.field).toBe(field);
    });

    it('refuses a baseline period without a baseline and a duplicate target', async () => {
      expect(
        (
          await refusal(
            createTarget(ctx, admin, {
              plan: 'LCI-2024',
              indicator: 'TEAMS',
              unit: 'pre2025:10',
              period: '2024',
              target: 5,
              baselinePeriod: '2023',
            }),
          )
        ).code,
      ).toBe('badInput');
      expect(
        (
          await refusal(
            createTarget(ctx, admin, {
              plan: 'LCI-2024',
              indicator: 'DVC',
              unit: 'pre2025:10',
              period: '2024',
              target: 90,
            }),
          )
        ).code,
      ).toBe('conflict');
    });

    it('updates a target and audits old and new under the target’s key', async () => {
      const updated = await updateTarget(ctx, admin, {
        plan: 'LCI-2024',
        indicator: 'DVC',
        unit: 'pre2025:10',
        period: '2024',
        target: 97,
        leadUnit: null,
      });
      expect(updated).toMatchObject({ target: 97, baseline: 80.5, leadUnit: null });
      const audit = await db.query<{
        action: string;
        old_data: { target: number } | null;
        new_data: { target: number };
      }>(
        `SELECT action, old_data, new_data FROM audit_log WHERE entity = 'target' AND entity_key = 'LCI-2024|DVC|pre2025:10|2024' ORDER BY id`,
      );
      expect(audit.map((a) => [a.action, a.old_data?.target ?? null, a.new_data.target])).toEqual([
        ['create', null, 95],
        ['update', 95, 97],
      ]);
      expect(
        (
          await refusal(
            updateTarget(ctx, admin, {
              plan: 'LCI-2024',
              indicator: 'DVC',
              unit: 'pre2025:10',
              period: '2025',
              target: 1,
            }),
          )
        ).code,
      ).toBe('notFound');
    });

    it('lists a plan’s targets, by indicator, and counts them on the plan', async () => {
      expect((await listTargets(ctx, admin, { plan: 'LCI-2024' })).map((t) => t.indicator)).toEqual([
        'CAP',
        'DVC',
        'KH',
      ]);
      expect(
        (await listTargets(ctx, admin, { plan: 'LCI-2024', indicator: 'KH' })).map((t) => t.target),
      ).toEqual([true]);
      expect((await getPlan(ctx, admin, 'LCI-2024')).targetCount).toBe(3);
    });

    it('needs plans:manage over the plan’s unit', async () => {
      const commune = await unitRow(db, 'pre2025', '00100');
      const error = await refusal(
        createTarget(ctx, userWith('secretariat', commune.path), {
          plan: 'LCI-2024',
          indicator: 'TEAMS',
          unit: 'pre2025:00100',
          period: '2024',
          target: 3,
        }),
      );
      expect(error.code).toBe('forbidden');
    });

    it('lists values of a plan: its indicators, for units under its unit', async () => {
      await saveValue(ctx, admin, { indicator: 'DVC', unit: 'pre2025:00100', period: '2024', value: 90 });
      await saveValue(ctx, admin, { indicator: 'DVC', unit: '04000', period: '2024', value: 91 });
      await saveValue(ctx, admin, { indicator: 'TEAMS', unit: 'pre2025:00100', period: '2024', value: 4 });
      const values = await listValues(ctx, admin, { plan: 'LCI-2024' });
      expect(values.map((v) => `${v.indicator}@${v.unit}`)).toEqual(['DVC@pre2025:00100']);
    });
  });
});
