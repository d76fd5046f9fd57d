import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { applyReviewEvent } from '../../src/app/review/apply-review-event.js';
import type { Db } from '../../src/store/db.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import {
  insertIndicator,
  insertPlan,
  loadSmallTree,
  testClock,
  testContext,
} from '../support/auth-fixtures.js';
import { tempDirSync } from '../support/temp-dir.js';

/**
 * The review inbox's figures (docs/auth-review.md): each unit's last submission and how many values its review
 * covers changed since the last approval, and `…/changes`, those values beside their version as approved.
 */
const dataDir = tempDirSync('dxmon-review-changes-');

interface Item {
  unit: string;
  state: string;
  lastSubmittedAt: string | null;
  lastApprovedAt: string | null;
  changedSinceApproval: number;
}

describe('the review inbox: submissions, values changed since the approval, and their diff', () => {
  let opened: OpenedDatabase;
  let db: Db;
  let app: TestServer;
  let ctx: AppContext;
  const clock = testClock('2025-07-01T02:00:00Z');

  beforeAll(async () => {
    opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    db = opened.db;
    await loadSmallTree(db);
    const dx = await insertIndicator(db, 'DX_A', 'Tỷ lệ A');
    await db.query(`UPDATE indicator SET value_type = 'number' WHERE id = $1`, [dx]);
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: dx, unitCode: '15' }]);
    ctx = testContext(db, clock.now);
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await opened?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const put = async (unit: string, period: string, value: number, version: number | null = null) => {
    clock.advanceMinutes(5);
    const res = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'DX_A', unit, period, value, version },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** Submits as the workspace's local administrator (over the API only a reporter submits). */
  const submit = async () => {
    clock.advanceMinutes(5);
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'submit',
      units: ['15'],
    });
  };
  const act = async (event: 'approve' | 'reopen', reason?: string) => {
    clock.advanceMinutes(5);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/plans/KH-15/reviews/2025S1/${event}`,
      payload: { units: ['15'], ...(reason ? { reason } : {}) },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed).toHaveLength(1);
  };
  const province = async (): Promise<Item> => {
    const res = await app.inject({ url: '/api/v1/plans/KH-15/reviews?period=2025S1' });
    expect(res.statusCode, res.body).toBe(200);
    const item = (res.json().units as Item[]).find((u) => u.unit === '15');
    if (!item) throw new Error('unit 15 is not listed');
    return item;
  };
  const changes = async () => {
    const res = await app.inject({ url: '/api/v1/plans/KH-15/reviews/2025S1/15/changes' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('never approved: every covered value counts, none has an approved version', async () => {
    await put('02647', '2025Q1', 10);
    await put('02647', '2025Q3', 99); // outside 2025S1: not covered
    const item = await province();
    expect(item).toMatchObject({
      state: 'open',
      lastSubmittedAt: null,
      lastApprovedAt: null,
      changedSinceApproval: 1,
    });
    const diff = await changes();
    expect(diff.approvedAt).toBeNull();
    expect(diff.changes).toEqual([
      expect.objectContaining({
        indicator: 'DX_A',
        indicatorName: 'Tỷ lệ A',
        unit: '02647',
        period: '2025Q1',
        approved: null,
        current: { value: 10, numerator: null, denominator: null, version: 1 },
      }),
    ]);
  });

  it('a submission is dated; an approval leaves no change to review', async () => {
    await submit();
    const submittedAt = clock.now().toISOString();
    expect(await province()).toMatchObject({ state: 'submitted', lastSubmittedAt: submittedAt });
    await act('approve');
    const approvedAt = clock.now().toISOString();
    expect(await province()).toMatchObject({
      state: 'approved',
      lastSubmittedAt: submittedAt,
      lastApprovedAt: approvedAt,
      changedSinceApproval: 0,
    });
    const diff = await changes();
    expect(diff).toMatchObject({ approvedAt, changes: [] });
    expect(diff.approvedBy).toEqual(expect.any(String));
  });

  it('after reopening, the changed and the new values are listed beside their approved version', async () => {
    const approvedAt = (await province()).lastApprovedAt;
    await act('reopen', 'Sửa số liệu quý 1');
    await put('02647', '2025Q1', 12, 1);
    await put('02648', '2025Q2', 5);
    const item = await province();
    expect(item).toMatchObject({ state: 'open', lastApprovedAt: approvedAt, changedSinceApproval: 2 });
    const diff = await changes();
    expect(diff.approvedAt).toBe(approvedAt);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        unit: '02647',
        period: '2025Q1',
        approved: { value: 10, numerator: null, denominator: null },
        current: { value: 12, numerator: null, denominator: null, version: 2 },
        changedBy: expect.any(String),
        changedAt: expect.any(String),
      }),
      expect.objectContaining({ unit: '02648', period: '2025Q2', approved: null }),
    ]);
  });

  it('counts each commune’s own values, every listed unit in one query', async () => {
    const res = await app.inject({ url: '/api/v1/plans/KH-15/reviews?period=2025S1&level=commune' });
    expect(res.statusCode, res.body).toBe(200);
    const communes = res.json().units as Item[];
    expect(communes.map((u) => [u.unit, u.state, u.changedSinceApproval, u.lastApprovedAt])).toEqual([
      ['02647', 'open', 1, null],
      ['02648', 'open', 1, null],
    ]);
  });

  it('the detail of one review carries the same figures', async () => {
    const res = await app.inject({ url: '/api/v1/plans/KH-15/reviews/2025S1/15' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changedSinceApproval: 2, lastApprovedAt: expect.any(String) });
  });

  it('refuses an unknown unit and a malformed period', async () => {
    expect((await app.inject({ url: '/api/v1/plans/KH-15/reviews/2025S1/99999/changes' })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ url: '/api/v1/plans/KH-15/reviews/2025X9/15/changes' })).statusCode).toBe(400);
  });
});
