import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.js';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  insertIndicator,
  insertPlan,
  loadSmallTree,
  testContext,
} from '../../../test/support/auth-fixtures.js';
import type { Grant } from '../auth/scope.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { applyReviewEvent } from './apply-review-event.js';
import { getReview, listReviewStatus } from './list-review-status.js';

function actor(name: string, grants: Grant[]): Actor {
  return { kind: 'user', name, grants, source: 'web' };
}

describe.each(TEST_DB_KINDS)('review and approval on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let path: (code: string) => string;
  let reporter: Actor;
  let otherReporter: Actor;
  let secretariat: Actor;
  let viewer: Actor;
  const now = new Date('2025-04-10T03:00:00Z');

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => now);
    const dx = await insertIndicator(db, 'DX_A');
    await insertPlan(db, 'KH-15', '15', [
      { indicatorId: dx, unitCode: '15' },
      { indicatorId: dx, unitCode: '02647' },
    ]);
    const paths = new Map(
      (await db.query<{ code: string; path: string }>('SELECT code, path FROM unit')).map((r) => [
        r.code,
        r.path,
      ]),
    );
    path = (code) => paths.get(code) ?? 'missing';
    reporter = actor('reporter.02647', [{ role: 'reporter', unitPath: path('02647') }]);
    otherReporter = actor('reporter.02648', [{ role: 'reporter', unitPath: path('02648') }]);
    secretariat = actor('secretariat.15', [{ role: 'secretariat', unitPath: path('15') }]);
    viewer = actor('viewer.15', [{ role: 'viewer', unitPath: path('15') }]);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const event = (
    a: Actor,
    type: 'submit' | 'return' | 'approve' | 'reopen',
    units: string[],
    reason?: string,
  ) => applyReviewEvent(ctx, a, { plan: 'KH-15', period: '2025Q1', event: type, units, reason });

  it('lists the units holding a target, or every unit of a level, as open before anything happens', async () => {
    const status = await listReviewStatus(ctx, secretariat, { plan: 'KH-15', period: '2025Q1' });
    expect(status.units.map((u) => [u.unit, u.state])).toEqual([
      ['02647', 'open'],
      ['15', 'open'],
    ]);
    const communes = await listReviewStatus(ctx, secretariat, {
      plan: 'KH-15',
      period: '2025Q1',
      level: 'commune',
    });
    expect(communes.units.map((u) => u.unit)).toEqual(['02647', '02648']);
    expect(communes.counts).toEqual({ open: 2, submitted: 0, approved: 0, returned: 0 });
  });

  it.each<[string, () => Actor, 'submit' | 'approve', string]>([
    ['a viewer cannot submit', () => viewer, 'submit', 'forbidden'],
    ['a reporter cannot submit another unit', () => otherReporter, 'submit', 'forbidden'],
    ['a reporter cannot approve', () => reporter, 'approve', 'forbidden'],
    ['the secretariat cannot submit for a unit', () => secretariat, 'submit', 'forbidden'],
  ])('%s', async (_label, who, type, code) => {
    await expect(event(who(), type, ['02647'])).rejects.toMatchObject({ code });
  });

  it('walks submit → return (with a reason) → submit → approve → reopen (with a reason), keeping the history', async () => {
    expect((await event(reporter, 'submit', ['02647'])).changed).toEqual([
      { unit: '02647', from: 'open', to: 'submitted' },
    ]);
    await expect(event(secretariat, 'return', ['02647'])).rejects.toMatchObject({ code: 'badInput' });
    await event(secretariat, 'return', ['02647'], 'Thiếu số liệu tháng 3');
    const returned = await listReviewStatus(ctx, viewer, { plan: 'KH-15', period: '2025Q1' });
    expect(returned.units.find((u) => u.unit === '02647')).toMatchObject({
      state: 'returned',
      reason: 'Thiếu số liệu tháng 3',
      updatedBy: 'secretariat.15',
    });
    await event(reporter, 'submit', ['02647']);
    await event(secretariat, 'approve', ['02647']);
    await expect(event(secretariat, 'approve', ['02647'])).rejects.toMatchObject({ code: 'locked' });
    await expect(event(reporter, 'submit', ['02647'])).rejects.toMatchObject({ code: 'locked' });
    await expect(event(secretariat, 'return', ['02647'], 'x')).rejects.toMatchObject({ code: 'locked' });
    await expect(event(secretariat, 'reopen', ['02647'], '  ')).rejects.toMatchObject({ code: 'badInput' });
    await event(secretariat, 'reopen', ['02647'], 'Sửa số liệu theo báo cáo mới');
    const detail = await getReview(ctx, viewer, { plan: 'KH-15', period: '2025Q1', unit: '02647' });
    expect(detail.state).toBe('open');
    expect(detail.history.map((h) => [h.event, h.from, h.to, h.actor])).toEqual([
      ['submit', 'open', 'submitted', 'reporter.02647'],
      ['return', 'submitted', 'returned', 'secretariat.15'],
      ['submit', 'returned', 'submitted', 'reporter.02647'],
      ['approve', 'submitted', 'approved', 'secretariat.15'],
      ['reopen', 'approved', 'open', 'secretariat.15'],
    ]);
    const audit = await db.query<{ action: string; key: string }>(
      `SELECT action, entity_key AS key FROM audit_log WHERE entity = 'review' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['submit', 'return', 'submit', 'approve', 'reopen']);
    expect(audit[0]?.key).toBe('KH-15|02647|2025Q1');
  });

  it('in bulk, skips and lists the units whose state does not allow the event', async () => {
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025Q2',
      event: 'submit',
      units: ['02647'],
    });
    const result = await applyReviewEvent(ctx, secretariat, {
      plan: 'KH-15',
      period: '2025Q2',
      event: 'approve',
      under: '15',
      level: 'commune',
    });
    expect(result.changed).toEqual([{ unit: '02647', from: 'submitted', to: 'approved' }]);
    expect(result.skipped).toMatchObject([{ unit: '02648', state: 'open', code: 'invalidTransition' }]);
  });

  it('refuses a whole bulk call when one unit is out of the actor’s scope, changing nothing', async () => {
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025Q3',
      event: 'submit',
      units: ['02647', '02648'],
    });
    const communeSecretariat = actor('secretariat.02647', [{ role: 'secretariat', unitPath: path('02647') }]);
    await expect(
      applyReviewEvent(ctx, communeSecretariat, {
        plan: 'KH-15',
        period: '2025Q3',
        event: 'approve',
        units: ['02647', '02648'],
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const status = await listReviewStatus(ctx, secretariat, {
      plan: 'KH-15',
      period: '2025Q3',
      level: 'commune',
    });
    expect(status.counts).toMatchObject({ submitted: 2, approved: 0 });
  });

  it.each<[string, Partial<Parameters<typeof applyReviewEvent>[2]>, string]>([
    ['a unit outside the plan', { units: ['20194'] }, 'badInput'],
    ['an unknown unit', { units: ['99999'] }, 'notFound'],
    ['a bad period', { units: ['02647'], period: '2025Q5' }, 'badInput'],
    ['an unknown plan', { units: ['02647'], plan: 'NONE' }, 'notFound'],
    ['both units and under', { units: ['02647'], under: '15' }, 'badInput'],
    ['neither units nor under', {}, 'badInput'],
    ['returning a unit that is open', { units: ['02648'], event: 'return', reason: 'x' }, 'conflict'],
  ])('refuses %s', async (_label, input, code) => {
    await expect(
      applyReviewEvent(ctx, LOCAL_ADMIN, { plan: 'KH-15', period: '2025Q4', event: 'submit', ...input }),
    ).rejects.toMatchObject({ code });
  });

  it('shows a viewer only the units in their scope', async () => {
    const commune = actor('viewer.02648', [{ role: 'viewer', unitPath: path('02648') }]);
    const status = await listReviewStatus(ctx, commune, {
      plan: 'KH-15',
      period: '2025Q1',
      level: 'commune',
    });
    expect(status.units.map((u) => u.unit)).toEqual(['02648']);
    await expect(
      getReview(ctx, commune, { plan: 'KH-15', period: '2025Q1', unit: '02647' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
