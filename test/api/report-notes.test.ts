import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { ReportNote, ReportNotes } from '../../src/contract/report.js';
import type { Db } from '../../src/store/db.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// The secretariat's paragraphs saved with their version (docs/report.md): a save over a text that changed or was
// cleared since it was read is refused with 409 naming who changed it and when, and nothing is overwritten.

interface Problem {
  message_vi: string;
  message_en: string;
  errors: { field: string; message_vi: string }[];
}

describe.each(TEST_DB_KINDS)('report notes API on %s', (kind) => {
  let db: Db;
  let app: Api;
  const tokens: Record<string, string> = {};
  const NOTES = '/api/v1/plans/PLAN-P/report/notes?period=2024S1';
  const ASSESSMENT = `${NOTES}&section=assessment`;

  beforeAll(async () => {
    db = await createTestDb(kind);
    // Every save at its own time: the time saved is the text's version.
    let tick = Date.parse('2024-07-18T03:00:00Z');
    const ctx: AppContext = { db, now: () => new Date((tick += 1000)) };
    await seedEvaluationPlan(db);
    for (const [name, role] of [
      ['lan', 'secretariat'],
      ['minh', 'secretariat'],
      ['viewer', 'viewer'],
    ] as const) {
      tokens[name] = (await createApiToken(ctx, LOCAL_ADMIN, { name, role, unit: 'P' })).token;
    }
    app = await buildServer({ ctx });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const put = (who: string, payload: object, url = ASSESSMENT) =>
    app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${tokens[who]}` }, payload });
  const notes = async () =>
    (
      await app.inject({ url: NOTES, headers: { authorization: `Bearer ${tokens.viewer}` } })
    ).json<ReportNotes>().notes;

  it('saves over the version read and refuses a stale one with who changed it, keeping the newer text', async () => {
    const first = await put('lan', { text: 'Đánh giá đầu tiên.', version: null });
    expect(first.statusCode, first.body).toBe(200);
    const v1 = first.json<ReportNote>().updatedAt;

    // Someone else saves over v1; lan's second save, still against v1, is refused.
    const minh = await put('minh', { text: 'Đánh giá của Minh.', version: v1 });
    expect(minh.statusCode, minh.body).toBe(200);
    const stale = await put('lan', { text: 'Bản của Lan.', version: v1 });
    expect(stale.statusCode).toBe(409);
    const problem = stale.json<Problem>();
    expect(problem.message_vi).toMatch(/đã được token#\d+:minh sửa lúc 10:00 18\/07\/2024/);
    expect(problem.errors[0]?.field).toBe('version');
    expect((await notes()).map((n) => n.text)).toEqual(['Đánh giá của Minh.']);

    // A section first written by someone else meanwhile: refused against null.
    expect((await put('lan', { text: 'Mới.', version: null })).statusCode).toBe(409);
    // Saved again over the newer version; without a version the text replaces whatever is stored.
    const again = await put('lan', { text: 'Bản của Lan.', version: minh.json<ReportNote>().updatedAt });
    expect(again.statusCode, again.body).toBe(200);
    expect((await put('minh', { text: 'Cuối cùng.' })).statusCode).toBe(200);
    expect((await notes()).map((n) => n.text)).toEqual(['Cuối cùng.']);
  });

  it('refuses a save over a cleared text, a version that is not a time, and a viewer', async () => {
    const saved = await put('lan', { text: 'Nguyên nhân.', version: null }, `${NOTES}&section=causes`);
    const version = saved.json<ReportNote>().updatedAt;
    const cleared = await app.inject({
      method: 'DELETE',
      url: `${NOTES}&section=causes`,
      headers: { authorization: `Bearer ${tokens.minh}` },
    });
    expect(cleared.json()).toEqual({ cleared: 1 });
    const stale = await put('lan', { text: 'Sửa.', version }, `${NOTES}&section=causes`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>().message_vi).toContain('đã bị xóa');
    const bad = await put('lan', { text: 'Sửa.', version: 'hôm qua' }, `${NOTES}&section=causes`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors[0]?.field).toBe('version');
    const viewer = await put('viewer', { text: 'Không được.', version: null }, `${NOTES}&section=causes`);
    expect(viewer.statusCode).toBe(403);
    expect((await notes()).some((n) => n.section === 'causes')).toBe(false);
  });
});
