import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  insertIndicator,
  insertPlan,
  loadSmallTree,
  testContext,
  approvePeriod,
} from '../../../test/support/auth-fixtures.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { saveValue } from '../values/save-value.js';
import { applyReviewEvent } from './apply-review-event.js';

describe.each(TEST_DB_KINDS)('saving a value in an approved period on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-07-05T00:00:00Z'));
    const dx = await insertIndicator(db, 'DX_A');
    await db.query(`UPDATE indicator SET value_type = 'number' WHERE id = $1`, [dx]);
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: dx, unitCode: '15' }]);
    await approvePeriod(ctx, 'KH-15', '2025S1', ['15']);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it('is refused with locked, below the approved unit too, and nothing is written', async () => {
    await expect(
      saveValue(ctx, LOCAL_ADMIN, { indicator: 'DX_A', unit: '02647', period: '2025Q2', value: 5 }),
    ).rejects.toMatchObject({ code: 'locked' });
    expect(await db.query('SELECT 1 FROM data_value')).toEqual([]);
  });

  it('is accepted outside the approved period, and inside it once reopened', async () => {
    await saveValue(ctx, LOCAL_ADMIN, { indicator: 'DX_A', unit: '02647', period: '2025Q3', value: 5 });
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'reopen',
      units: ['15'],
      reason: 'Bổ sung số liệu',
    });
    const saved = await saveValue(ctx, LOCAL_ADMIN, {
      indicator: 'DX_A',
      unit: '02647',
      period: '2025Q2',
      value: 6,
    });
    expect(saved.action).toBe('create');
  });
});
