import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createIndicator } from '../../src/app/catalogue/create-indicator.js';
import { createPlan } from '../../src/app/plans/create-plan.js';
import { createTarget } from '../../src/app/plans/create-target.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';
import { seedSmallUnitTree } from '../support/values-fixture.js';

describe.each(TEST_DB_KINDS)('a batch of targets over HTTP on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  let secretariat: string;
  let communeSecretariat: string;
  let viewer: string;

  const batch = (targets: unknown[], token?: string) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/plans/LC-2025/targets/batch',
      payload: { targets },
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
  const list = async () =>
    (await app.inject('/api/v1/plans/LC-2025/targets')).json().targets as {
      indicator: string;
      unit: string;
      target: number;
      baseline: number | null;
      note: string | null;
    }[];

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await seedSmallUnitTree(db);
    await createIndicator(ctx, LOCAL_ADMIN, {
      code: 'DVC',
      nameVi: 'Hồ sơ trực tuyến',
      valueType: 'percent',
    });
    await createIndicator(ctx, LOCAL_ADMIN, { code: 'TK', nameVi: 'Tài khoản', valueType: 'count' });
    await createIndicator(ctx, LOCAL_ADMIN, { code: 'VON', nameVi: 'Vốn', valueType: 'money' });
    await createPlan(ctx, LOCAL_ADMIN, {
      code: 'LC-2025',
      name: 'KH',
      unit: '15',
      startYear: 2025,
      endYear: 2025,
    });
    await createTarget(ctx, LOCAL_ADMIN, {
      plan: 'LC-2025',
      indicator: 'DVC',
      unit: '15',
      period: '2025',
      target: 90,
    });
    await createTarget(ctx, LOCAL_ADMIN, {
      plan: 'LC-2025',
      indicator: 'TK',
      unit: '15',
      period: '2025',
      target: 10,
    });
    secretariat = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'vp', role: 'secretariat', unit: '15' }))
      .token;
    communeSecretariat = (
      await createApiToken(ctx, LOCAL_ADMIN, { name: 'vp-xa', role: 'secretariat', unit: '04000' })
    ).token;
    viewer = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'ld', role: 'viewer', unit: '15' })).token;
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('changes two targets and adds one in one request, each audited', async () => {
    const answer = await batch(
      [
        { indicator: 'DVC', unit: '15', period: '2025', target: '95%', note: 'Nghị quyết' },
        {
          indicator: 'TK',
          unit: '15',
          period: '2025',
          target: '1.234.567',
          baseline: 800,
          baselinePeriod: '2024',
        },
        { indicator: 'VON', unit: '15', period: '2025', target: '1.234,5', leadUnit: '04000' },
        { indicator: 'DVC', unit: '04000', period: '2025', target: 90 },
      ],
      secretariat,
    );
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().saved.map((s: { action: string }) => s.action)).toEqual([
      'update',
      'update',
      'create',
      'create',
    ]);
    expect(await list()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ indicator: 'DVC', unit: '15', target: 95, note: 'Nghị quyết' }),
        expect.objectContaining({ indicator: 'TK', target: 1234567, baseline: 800 }),
        expect.objectContaining({ indicator: 'VON', target: 1234.5 }),
      ]),
    );
    const audit = await app.inject('/api/v1/audit?entity=target&key=LC-2025|TK|15|2025');
    expect(
      audit
        .json()
        .entries.map((e: { action: string; actor: string; new: { target: number } }) => [
          e.action,
          e.actor,
          e.new.target,
        ]),
    ).toEqual([
      ['create', expect.any(String), 10],
      ['update', 'token#1:vp', 1234567],
    ]);
    const again = await batch([{ indicator: 'DVC', unit: '15', period: '2025', target: 95 }], secretariat);
    expect(again.json().saved[0].action).toBe('none');
  });

  it('refuses every bad row by its position and field, and writes nothing', async () => {
    const answer = await batch(
      [
        { indicator: 'DVC', unit: '15', period: '2025', target: 50 },
        { indicator: 'DVC', unit: '04000', period: '2025', target: 140 },
        { indicator: 'TK', unit: '15', period: '2025', target: 2.5 },
        { indicator: 'NOPE', unit: '15', period: '2025', target: 1 },
        { indicator: 'DVC', unit: '15', period: '2025', target: 60 },
      ],
      secretariat,
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    const fields = answer.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'targets[1].target',
        'targets[2].target',
        'targets[3].indicator',
        'targets[4].indicator',
      ]),
    );
    expect(answer.json().message_vi).toContain('không có gì được ghi');
    expect((await list()).find((t) => t.indicator === 'DVC' && t.unit === '15')?.target).toBe(95);
  });

  it('needs target for a new row, and plans:manage over the plan and each target', async () => {
    const missing = await batch([{ indicator: 'VON', unit: '04001', period: '2025' }], secretariat);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('targets[0].target');
    const forged = await batch([{ indicator: 'DVC', unit: '15', period: '2025', target: 10 }], viewer);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message_vi).toBeTruthy();
    const below = await batch(
      [{ indicator: 'DVC', unit: '04000', period: '2025', target: 10 }],
      communeSecretariat,
    );
    expect(below.statusCode).toBe(403);
    expect((await list()).find((t) => t.indicator === 'DVC' && t.unit === '15')?.target).toBe(95);
  });
});
