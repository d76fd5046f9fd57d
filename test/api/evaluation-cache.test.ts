import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { logout } from '../../src/app/session/logout.js';
import { addUser } from '../../src/app/users/add-user.js';
import { revokeRole } from '../../src/app/users/grant-role.js';
import type { Db } from '../../src/store/db.js';
import { FAST_SCRYPT } from '../support/auth-fixtures.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// Evaluations answered from the cache (docs/evaluation.md, "Cached answers"): kept while the data
// version stays, computed again after a save, ETag / 304, keyed on the reader's scope, and authorized every time.

const PASSWORD = 'Danh-gia-nhanh-2026!';
const EVALUATION = '/api/v1/plans/PLAN-P/evaluation?period=2024S1';

describe.each(TEST_DB_KINDS)('cached evaluations on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  let viewerOfP: string;
  let viewerOfC2: string;
  let reporter: string;
  let flow = 10; // FLOW at C2 in 2024Q2, raised by each save below
  let flowVersion: number | null = null;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date(), auth: { scrypt: FAST_SCRYPT } };
    await seedEvaluationPlan(db);
    viewerOfP = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'p', role: 'viewer', unit: 'P' })).token;
    viewerOfC2 = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'c2', role: 'viewer', unit: 'C2' })).token;
    reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'r', role: 'reporter', unit: 'P' })).token;
    app = await buildServer({ ctx });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string, token: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  /** Saves FLOW at C2 for 2024Q2 (a new figure each time): the data version is raised. */
  const save = async () => {
    flow += 1;
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      headers: { authorization: `Bearer ${reporter}` },
      payload: { indicator: 'FLOW', unit: 'C2', period: '2024Q2', value: flow, version: flowVersion },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    flowVersion = put.json<{ version: number }>().version;
  };

  const flowActual = (body: { targets: { indicator: string; unit: string; actual: unknown }[] }) =>
    body.targets.find((t) => t.indicator === 'FLOW' && t.unit === 'P')?.actual;

  it('gives the kept answer until a value is saved, then the new figure', async () => {
    const first = await get(EVALUATION, viewerOfP);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('application/json');
    const second = await get(EVALUATION, viewerOfP);
    expect(second.headers['x-answer-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const before = flowActual(first.json()) as number;

    await save();
    const after = await get(EVALUATION, viewerOfP);
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-answer-cache']).toBe('miss');
    const now = flowActual(after.json()) as number;
    expect(now).toBeGreaterThan(before);
    expect((await get(EVALUATION, viewerOfP)).headers['x-answer-cache']).toBe('hit');
  });

  it('answers 304 without a body to a matching If-None-Match, and 200 with a new ETag after a write', async () => {
    const first = await get(EVALUATION, viewerOfP);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await get(EVALUATION, viewerOfP, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get(EVALUATION, viewerOfP, { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);

    await save();
    const changed = await get(EVALUATION, viewerOfP, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(flowActual(changed.json())).toBeGreaterThan(flowActual(first.json()) as number);
  });

  it('never gives a narrower reader what was computed for a wider one', async () => {
    const atC2 = `${EVALUATION}&unit=C2`;
    const wide = await get(atC2, viewerOfP);
    expect(wide.statusCode).toBe(200);
    expect((await get(atC2, viewerOfP)).headers['x-answer-cache']).toBe('hit');
    // The reader of C2 only: its own entry (a miss first), with its own ETag; the wider reader's tag gets a 200.
    const narrow = await get(atC2, viewerOfC2, { 'if-none-match': String(wide.headers.etag) });
    expect(narrow.statusCode).toBe(200);
    expect(narrow.headers['x-answer-cache']).toBe('miss');
    expect(narrow.headers.etag).not.toBe(wide.headers.etag);
    // The plan's own evaluation (at P, kept for the reader of P) is refused to the reader of C2, tag or not.
    const kept = await get(EVALUATION, viewerOfP);
    expect(kept.headers['x-answer-cache']).toBe('hit');
    const tagged: Record<string, string>[] = [{}, { 'if-none-match': String(kept.headers.etag) }];
    for (const headers of tagged) {
      const refused = await get(EVALUATION, viewerOfC2, headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('refuses a revoked session (401) and a revoked grant (403) even though the answer is kept', async () => {
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'leader.p',
      displayName: 'leader.p',
      password: PASSWORD,
      grants: [{ role: 'viewer', unit: 'P' }],
    });
    const signIn = async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { login: 'leader.p', password: PASSWORD },
      });
      expect(res.statusCode, res.body).toBe(200);
      return /^dxm_session=([^;]+);/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
    };
    const token = await signIn();
    const asLeader = (headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url: EVALUATION, headers: { cookie: `dxm_session=${token}`, ...headers } });
    const kept = await asLeader();
    expect(kept.statusCode).toBe(200);
    expect((await asLeader()).headers['x-answer-cache']).toBe('hit');

    await logout(ctx, LOCAL_ADMIN, token);
    expect((await asLeader()).statusCode).toBe(401);
    expect((await asLeader({ 'if-none-match': String(kept.headers.etag) })).statusCode).toBe(401);

    const again = await signIn();
    await revokeRole(ctx, LOCAL_ADMIN, { login: 'leader.p', role: 'viewer', unit: 'P' });
    const refused = await app.inject({
      method: 'GET',
      url: EVALUATION,
      headers: { cookie: `dxm_session=${again}`, 'if-none-match': String(kept.headers.etag) },
    });
    expect(refused.statusCode).toBe(403);
    // The answer is still kept for the readers of P.
    expect((await get(EVALUATION, viewerOfP)).headers['x-answer-cache']).toBe('hit');
  });

  it('keeps a signed-in dashboard the same way, with its ETag', async () => {
    const url = '/api/v1/plans/PLAN-P/dashboard?period=2024S1&lang=en';
    const first = await get(url, viewerOfP);
    expect(first.statusCode).toBe(200);
    const version = first.json<{ freshness: { version: number } }>().freshness.version;
    expect((await get(url, viewerOfP)).headers['x-answer-cache']).toBe('hit');
    const etag = String(first.headers.etag);
    expect((await get(url, viewerOfP, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await get(url, viewerOfC2, { 'if-none-match': etag })).statusCode).toBe(403);
    await save();
    const after = await get(url, viewerOfP, { 'if-none-match': etag });
    expect(after.statusCode).toBe(200);
    expect(after.json<{ freshness: { version: number } }>().freshness.version).toBe(version + 1);
  });

  it('keeps the evaluation across units the same way', async () => {
    const url = '/api/v1/indicators/FLOW/evaluation?plan=PLAN-P&period=2024S1';
    const first = await get(url, viewerOfP);
    expect(first.statusCode).toBe(200);
    expect((await get(url, viewerOfP)).headers['x-answer-cache']).toBe('hit');
    expect((await get(url, viewerOfP, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
    await save();
    const after = await get(url, viewerOfP, { 'if-none-match': String(first.headers.etag) });
    expect(after.statusCode).toBe(200);
    const c2 = (body: { units: { unit: string; actual: unknown }[] }) =>
      body.units.find((u) => u.unit === 'C2')?.actual;
    expect(c2(after.json())).toBeGreaterThan(c2(first.json()) as number);
  });
});
