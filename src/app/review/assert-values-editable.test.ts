import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  insertIndicator,
  insertPlan,
  loadSmallTree,
  testContext,
  unitId,
} from '../../../test/support/auth-fixtures.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { applyReviewEvent } from './apply-review-event.js';
import {
  assertValuesEditable,
  assertValuesEditableBulk,
  findLockedValues,
} from './assert-values-editable.js';

describe.each(TEST_DB_KINDS)('approved values are locked on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let dxA: number;
  let dxB: number;
  let ids: Record<string, number>;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-07-20T00:00:00Z'));
    dxA = await insertIndicator(db, 'DX_A');
    dxB = await insertIndicator(db, 'DX_B');
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: dxA, unitCode: '15' }]);
    ids = {};
    for (const code of ['VN', '15', '02647', '02648', '20194']) ids[code] = await unitId(db, code);
    // The province's first half-year is approved; so is commune 02648's third quarter.
    for (const [unit, period] of [
      ['15', '2025S1'],
      ['02648', '2025Q3'],
    ] as const) {
      await applyReviewEvent(ctx, LOCAL_ADMIN, { plan: 'KH-15', period, event: 'submit', units: [unit] });
      await applyReviewEvent(ctx, LOCAL_ADMIN, { plan: 'KH-15', period, event: 'approve', units: [unit] });
    }
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const id = (code: string): number => ids[code] ?? -1;

  it.each<[string, () => number, string, string, boolean]>([
    ['the approved unit and period itself', () => dxA, '15', '2025S1', true],
    ['a quarter inside the approved half-year', () => dxA, '15', '2025Q2', true],
    ['a month of the next year', () => dxA, '15', '202603', false],
    ['a month of 2025 inside it', () => dxA, '15', '202506', true],
    ['a commune below the approved province', () => dxA, '02647', '2025Q1', true],
    ['the year containing the half-year (not inside it)', () => dxA, '15', '2025', false],
    ['the second half-year', () => dxA, '15', '2025S2', false],
    ['an indicator without a target in the plan', () => dxB, '15', '2025Q1', false],
    ['a unit outside the approved subtree', () => dxA, '20194', '2025Q1', false],
    ['the parent of the approved unit', () => dxA, 'VN', '2025Q1', false],
    [
      'the province, for a commune’s approved quarter (locks go down, not up)',
      () => dxA,
      '15',
      '2025Q3',
      false,
    ],
    ['the commune’s approved quarter', () => dxA, '02648', '202508', true],
    ['a sibling commune in that quarter', () => dxA, '02647', '2025Q3', false],
  ])('%s → locked %s', async (_label, indicator, unit, period, locked) => {
    const value = { indicatorId: indicator(), unitId: id(unit), period };
    if (locked) {
      await expect(assertValuesEditable(db, value)).rejects.toMatchObject({
        code: 'locked',
        message_en: expect.stringContaining('KH-15'),
      });
    } else {
      await expect(assertValuesEditable(db, value)).resolves.toBeUndefined();
    }
  });

  it('checks a batch in one query and names each locked value', async () => {
    const values = [
      { indicatorId: dxA, unitId: id('02647'), period: '2025Q3' },
      { indicatorId: dxA, unitId: id('02647'), period: '2025Q1' },
      { indicatorId: dxB, unitId: id('02647'), period: '2025Q1' },
      { indicatorId: dxA, unitId: id('02648'), period: '2025Q3' },
    ];
    const locked = await findLockedValues(db, values);
    expect(locked.map((l) => [l.index, l.unitCode, l.period])).toEqual([
      [1, '15', '2025S1'],
      [3, '02648', '2025Q3'],
    ]);
    const error = await assertValuesEditableBulk(db, values, (i) => ({ sheet: 'values', row: i + 2 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'locked',
      details: [
        { sheet: 'values', row: 3 },
        { sheet: 'values', row: 5 },
      ],
    });
    await expect(assertValuesEditableBulk(db, [values[0]!, values[2]!])).resolves.toBeUndefined();
  });

  it('unlocks once the review is reopened', async () => {
    const value = { indicatorId: dxA, unitId: id('02647'), period: '2025Q1' };
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'reopen',
      units: ['15'],
      reason: 'Số liệu quý 1 cần sửa',
    });
    await expect(assertValuesEditable(db, value)).resolves.toBeUndefined();
  });
});
