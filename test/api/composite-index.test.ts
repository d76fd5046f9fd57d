import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import {
  createPre2025Provinces,
  DTI_2022,
  dti2022Values,
  insertYearValues,
} from '../support/composite-index-fixtures.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

const M = 'dti-province-922-2022';

describe.each(TEST_DB_KINDS)('index API on %s', (kind) => {
  let db: Db;
  let app: TestServer;
  const ctx = () => ({ db, now: () => new Date('2026-02-01T00:00:00Z') });

  beforeAll(async () => {
    db = await createTestDb(kind);
    await createPre2025Provinces(db);
    app = await buildTestServer({ ctx: ctx() });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists the shipped templates and loads one', async () => {
    const templates = await app.inject({ url: '/api/v1/index/templates' });
    expect(templates.json().templates.map((t: { name: string }) => t.name)).toContain(M);
    const load = await app.inject({ method: 'POST', url: `/api/v1/index/templates/${M}/load` });
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json()).toMatchObject({
      template: M,
      methodologies: [{ code: M, status: 'created', version: 1 }],
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/index/templates/..%2F..%2Fetc%2Fpasswd/load',
    });
    expect(unknown.statusCode).toBe(400);
    await insertYearValues(db, 2022, dti2022Values());
  });

  it('ranks a year: GET /index/{methodology}/results', async () => {
    const res = await app.inject({ url: `/api/v1/index/${M}/results?year=2022&level=province` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ methodology: M, version: 1, year: 2022, published: false });
    expect(body.results.slice(0, 5).map((r: { unit: string; rank: number }) => [r.unit, r.rank])).toEqual(
      DTI_2022.map(([code], i) => [`pre2025:${code}`, i + 1]),
    );
    expect(body.results[0].nodeRanks.NTC).toBe(1);
    expect(body.results[0].missing).toEqual(['DTTM']);
  });

  it('lists methodologies, shows one, validates and edits its tree as a new version', async () => {
    const list = await app.inject({ url: '/api/v1/index/methodologies' });
    expect(list.json().methodologies).toEqual([
      expect.objectContaining({ code: M, version: 1, level: 'province' }),
    ]);
    const copy = await app.inject({
      method: 'POST',
      url: `/api/v1/index/methodologies/${M}/copy`,
      payload: { to: 'dti-mine', name: 'DTI của tỉnh' },
    });
    expect(copy.statusCode, copy.body).toBe(200);
    const bad = {
      upsert: [
        {
          code: 'HDXHS',
          parentCode: 'HD',
          name: 'Xã hội số',
          weight: 100,
          indicatorCode: 'DTI922_P_HDXHS',
          normalization: 'value',
        },
      ],
    };
    const check = await app.inject({
      method: 'POST',
      url: '/api/v1/index/methodologies/dti-mine/validate',
      payload: bad,
    });
    expect(check.json()).toMatchObject({
      valid: false,
      problems: [{ code: 'weightsDoNotAddUp', nodeCode: 'HD' }],
    });
    const refused = await app.inject({
      method: 'PATCH',
      url: '/api/v1/index/methodologies/dti-mine/nodes',
      payload: bad,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'nodes.HD' });
    const edit = await app.inject({
      method: 'PATCH',
      url: '/api/v1/index/methodologies/dti-mine/nodes',
      payload: {
        baseVersion: 1,
        upsert: [
          {
            code: 'HDXHS',
            parentCode: 'HD',
            name: 'Xã hội số',
            weight: 100,
            indicatorCode: 'DTI922_P_HDXHS',
            normalization: 'value',
          },
          {
            code: 'HDKTS',
            parentCode: 'HD',
            name: 'Kinh tế số',
            weight: 200,
            indicatorCode: 'DTI922_P_HDKTS',
            normalization: 'value',
          },
        ],
      },
    });
    expect(edit.json()).toEqual({ code: 'dti-mine', version: 2, changed: true, nodes: 12 });
    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/v1/index/methodologies/dti-mine/nodes',
      payload: { baseVersion: 1, remove: ['DTTM'] },
    });
    expect(stale.statusCode).toBe(409);
    const shown = await app.inject({ url: '/api/v1/index/methodologies/dti-mine' });
    expect(shown.json()).toMatchObject({
      basedOn: M,
      version: 2,
      versions: [{ version: 1 }, { version: 2 }],
    });
    expect(shown.json().nodes.find((n: { code: string }) => n.code === 'HDKTS')).toMatchObject({
      weight: 200,
      rootShare: 0.2,
    });
  });

  it('imports index_nodes rows: POST /index/nodes', async () => {
    const rows = [
      { methodology: 'tiny', code: 'R', parentCode: null, name: 'Tiny', weight: 1 },
      {
        methodology: 'tiny',
        code: 'A',
        parentCode: 'R',
        name: 'A',
        weight: 1,
        indicatorCode: 'DTI922_P_NTS',
        normalization: 'value',
      },
    ];
    const res = await app.inject({ method: 'POST', url: '/api/v1/index/nodes', payload: { rows } });
    expect(res.json()).toEqual({
      methodologies: [{ code: 'tiny', status: 'created', version: 1, nodes: 2 }],
    });
  });

  it('publishes a year (409 the second time) and answers a what-if', async () => {
    const pub = await app.inject({
      method: 'POST',
      url: `/api/v1/index/${M}/publish`,
      payload: { year: 2022 },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ published: true, computedAt: '2026-02-01T00:00:00.000Z' });
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/index/${M}/publish`,
      payload: { year: 2022 },
    });
    expect(again.statusCode).toBe(409);
    const whatIf = await app.inject({ url: `/api/v1/index/${M}/what-if?unit=pre2025:22&year=2022&top=1` });
    expect(whatIf.statusCode, whatIf.body).toBe(200);
    expect(whatIf.json()).toMatchObject({
      unit: 'pre2025:22',
      rank: 3,
      suggestions: [{ node: 'HDKTS', sourceUnit: 'pre2025:48', rank: 2, rankGain: 1 }],
    });
  });

  it('refuses a viewer’s edit and a bad year', async () => {
    const { token } = await createApiToken(ctx(), LOCAL_ADMIN, { name: 'viewer', role: 'viewer', unit: '/' });
    const authorization = `Bearer ${token}`;
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/v1/index/methodologies/dti-mine/nodes',
      headers: { authorization },
      payload: { remove: ['DTTM'] },
    });
    expect(res.statusCode).toBe(403);
    const read = await app.inject({
      url: `/api/v1/index/${M}/results?year=2022`,
      headers: { authorization },
    });
    expect(read.statusCode).toBe(200);
    const year = await app.inject({ url: `/api/v1/index/${M}/results?year=22` });
    expect(year.statusCode).toBe(400);
    const anonymous = await app.anonymousInject({ url: `/api/v1/index/${M}/results?year=2022` });
    expect(anonymous.statusCode).toBe(401);
  });
});
