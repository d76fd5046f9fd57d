import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { squaresGeoJson, squaresTopoJson } from '../support/boundary-fixture.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// Unit boundaries through the API (docs/maps.md): the administrator's upload of GeoJSON and TopoJSON squares, the
// map of a unit's children with the credit, the status, and the refusals.

interface Body {
  [key: string]: unknown;
}

describe.each(TEST_DB_KINDS)('maps API on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await seedEvaluationPlan(db);
    for (const [name, role, unit] of [
      ['root', 'admin', '/'],
      ['adminP', 'admin', 'P'],
      ['viewerP', 'viewer', 'P'],
    ] as const) {
      tokens[name] = (await createApiToken(ctx, LOCAL_ADMIN, { name, role, unit })).token;
    }
    app = await buildServer({ ctx });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const call = (method: 'GET' | 'PUT', url: string, who: string | null, payload?: object) =>
    app.inject({
      method,
      url,
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
      ...(payload ? { payload } : {}),
    });
  const version = async () =>
    (await call('GET', '/api/v1/data-version', 'viewerP')).json<{ version: number }>().version;

  it('stores the provinces of a GeoJSON file, lists the codes it does not know, and credits the file', async () => {
    const before = await version();
    const res = await call(
      'PUT',
      '/api/v1/maps?set=2025&name=tinh.geojson',
      'root',
      squaresGeoJson(['P', 'ZZ']),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      set: '2025',
      source: 'tinh.geojson',
      features: 2,
      matched: 1,
      written: 1,
      unmatched: ['ZZ'],
      levels: { province: 1 },
    });
    expect(await version()).toBe(before + 1);
    const again = await call('PUT', '/api/v1/maps?name=tinh.geojson', 'root', squaresGeoJson(['P', 'ZZ']));
    expect(again.json()).toMatchObject({ matched: 1, written: 0 });
    expect(await version()).toBe(before + 1);
  });

  it('stores communes from TopoJSON and draws a unit’s children as GeoJSON with the credit', async () => {
    const res = await call('PUT', '/api/v1/maps?name=xa.topojson', 'root', {
      ...squaresTopoJson(['C1', 'C2']),
      source: 'Sở Khoa học và Công nghệ',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      matched: 2,
      levels: { commune: 2 },
      source: 'Sở Khoa học và Công nghệ',
    });

    const provinces = await call('GET', '/api/v1/maps', 'viewerP');
    expect(provinces.statusCode).toBe(200);
    const map = provinces.json<Body>();
    expect(map).toMatchObject({
      type: 'FeatureCollection',
      set: '2025',
      parent: null,
      credit: ['tinh.geojson'],
    });
    expect((map.features as Body[]).map((f) => f.properties)).toEqual([
      { code: 'P', name: 'Tỉnh P', level: 'province' },
    ]);
    const children = (await call('GET', '/api/v1/maps?parent=P', 'viewerP')).json<Body>();
    expect((children.features as Body[]).map((f) => f.id)).toEqual(['C1', 'C2']);
    expect((children.features as { geometry: Body }[])[0]?.geometry.type).toBe('Polygon');
    expect(children.without).toEqual(['AG']);
    expect(children.credit).toEqual(['Sở Khoa học và Công nghệ']);

    const status = (await call('GET', '/api/v1/maps/status', 'viewerP')).json<Body>();
    expect(status.layers).toEqual([
      { set: '2025', level: 'commune', units: 2, withBoundary: 2, sources: ['Sở Khoa học và Công nghệ'] },
      { set: '2025', level: 'province', units: 1, withBoundary: 1, sources: ['tinh.geojson'] },
    ]);
  });

  it('refuses a bad feature naming it, writes nothing, and refuses a file whose codes match no unit', async () => {
    const before = await version();
    const doc = squaresGeoJson(['C1', 'C2']) as { features: Body[] };
    doc.features[1] = {
      type: 'Feature',
      properties: { ma: 'C2' },
      geometry: { type: 'LineString', coordinates: [] },
    };
    const bad = await call('PUT', '/api/v1/maps?name=hong.geojson', 'root', doc);
    expect(bad.statusCode).toBe(400);
    const problem = bad.json<Body>();
    expect(problem.errors).toEqual([
      expect.objectContaining({
        field: 'features[1].geometry.type',
        message_vi: expect.stringMatching(/Đối tượng thứ 2/),
      }),
    ]);
    expect(problem.message_en).toMatch(/hong\.geojson/);
    expect(await version()).toBe(before);

    const none = await call('PUT', '/api/v1/maps?set=pre2025', 'root', squaresGeoJson(['C1']));
    expect(none.statusCode).toBe(400);
    expect(none.json<Body>().message_vi).toMatch(/pre2025/);
    expect((await call('PUT', '/api/v1/maps', 'root', { type: 'Nope' })).statusCode).toBe(400);
  });

  it('lets only the installation’s administrator upload; maps are for signed-in users', async () => {
    for (const who of ['adminP', 'viewerP']) {
      expect((await call('PUT', '/api/v1/maps', who, squaresGeoJson(['P']))).statusCode).toBe(403);
    }
    expect((await call('PUT', '/api/v1/maps', null, squaresGeoJson(['P']))).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/maps', null)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/maps?parent=NOPE', 'viewerP')).statusCode).toBe(404);
  });
});
