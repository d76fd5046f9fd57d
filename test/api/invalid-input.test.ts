import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { routeTable } from '../../src/api/auth.plugin.js';
import { sendProblem } from '../../src/api/problem.js';
import { UPLOAD_LIMIT } from '../../src/api/routes/imports.routes.js';
import { BOUNDARY_FILE_MAX_BYTES } from '../../src/app/maps/load-boundaries.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import { insertIndicator, insertPlan, loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

/**
 * Invalid input answers 4xx on every route, never 500 (docs/security.md, F7 and F8). Every route of the OpenAPI
 * document is sent a NUL character (U+0000) in each path parameter, each query parameter and each string of its
 * JSON body (and a lone surrogate in the body) — as an administrator of the whole installation, and anonymously on
 * public routes — and must answer 400 naming that parameter or field; numbers out of range, very long and malformed
 * text must never answer 500; an import file with such a cell is refused naming the cell; a value the database
 * refuses is a 400. Every route that can take a body is sent one larger than its limit and must answer 413
 * naming the limit.
 */

const PASSWORD = 'bốn con ngựa chạy qua cầu';
const HOST = 'dxmon.test';
/** A NUL alone (as `?unit=%00`) and inside text that passes length and pattern checks. */
const NULS = ['\u0000', 'a\u0000b'];
/** Half of a UTF-16 surrogate pair: not Unicode (a URL cannot carry it, a JSON body can). */
const LONE_SURROGATE = 'a\ud800b';
const JSON_LIMIT = 1024 * 1024;

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  minItems?: number;
};
type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Route = { method: string; path: string; op: Operation };
type Problem = { status: number; message_vi: string; message_en: string; errors?: { field?: string }[] };
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON value that fits a schema in shape (every property filled in, one item per array). */
function sample(schema: Schema, doc: Document, depth = 0): Json {
  if (depth > 8) return null;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return sample(doc.components?.schemas?.[name] ?? {}, doc, depth + 1);
  }
  if (schema.const !== undefined) return schema.const as Json;
  if (schema.enum?.length) return schema.enum[0] as Json;
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants?.length) {
    const first = variants.find((v) => v.type !== 'null') ?? variants[0];
    return first ? sample(first, doc, depth + 1) : null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, doc, depth + 1)]),
      );
    case 'array':
      return schema.items ? [sample(schema.items, doc, depth + 1)] : [];
    case 'string':
      return 'x';
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return 'x';
  }
}

/** Every leaf of a value of the given type, by its path (`grants.0.unit`). */
function leafPaths(value: Json, type: 'string' | 'number', prefix: string[] = []): string[][] {
  if (typeof value === type) return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, type, [...prefix, String(i)]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, type, [...prefix, k]));
  return [];
}

function withLeaf(value: Json, path: readonly string[], leaf: Json): Json {
  if (path.length === 0) return leaf;
  const [head = '', ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? withLeaf(v, rest, leaf) : v));
  if (value !== null && typeof value === 'object')
    return { ...value, [head]: withLeaf(value[head] ?? null, rest, leaf) };
  return value;
}

function routesOf(doc: Document): Route[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/**
 * The URL of a route with every path parameter filled in (`x`, or `overrides`, encoded unless `raw`), and a query
 * string.
 */
function urlOf(path: string, overrides: Record<string, string> = {}, query = '', raw = false): string {
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = overrides[name] ?? 'x';
    return raw ? value : encodeURIComponent(value);
  });
  return query ? `${filled}?${query}` : filled;
}

describe.each(TEST_DB_KINDS)('invalid input on every route on %s', (kind) => {
  let db: Db;
  let app: Api;
  let ctx: AppContext;
  let doc: Document;
  let routes: Route[];
  let publicRoutes: Set<string>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-06-30T03:00:00Z'));
    const dx = await insertIndicator(db, 'DX_A');
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: dx, unitCode: '15' }]);
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'root.admin',
      displayName: 'Quản trị hệ thống',
      password: PASSWORD,
      grants: [{ role: 'admin', unit: '/' }],
    });
    app = await buildServer({ ctx });
    await app.ready();
    doc = app.swagger() as unknown as Document;
    routes = routesOf(doc);
    publicRoutes = new Set(
      routeTable(app)
        .filter((r) => r.public)
        .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
    );
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { host: HOST },
      payload: { login: 'root.admin', password: PASSWORD },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
    admin = { host: HOST, cookie, 'x-csrf-token': signIn.json().csrfToken as string };
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('the OpenAPI document lists every /api/v1 route the server has', () => {
    const documented = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const served = routeTable(app)
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  /** A body that fits the route's JSON schema in shape, or undefined when it takes none. */
  function bodyOf(route: Route): Json | undefined {
    const schema = route.op.requestBody?.content['application/json']?.schema;
    return schema ? sample(schema, doc) : undefined;
  }

  /** Sends one request as each caller that may reach the route, expecting 400 naming `field`. */
  async function expectNulRefused(
    route: Route,
    field: string,
    request: { url: string; payload?: Json | undefined },
  ): Promise<string[]> {
    const failures: string[] = [];
    const callers: { label: string; headers: Record<string, string> }[] = [
      { label: 'admin', headers: admin },
    ];
    if (publicRoutes.has(`${route.method} ${route.path}`))
      callers.push({ label: 'anonymous', headers: { host: HOST } });
    for (const caller of callers) {
      const res = await app.inject({
        method: route.method as 'GET',
        url: request.url,
        headers: caller.headers,
        ...(request.payload !== undefined ? { payload: request.payload as object } : {}),
      });
      const label = `${route.method} ${route.path} ${field} (${caller.label})`;
      if (res.statusCode !== 400) {
        failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const problem = res.json() as Problem;
      const fields = (problem.errors ?? []).map((e) => e.field);
      if (!fields.includes(field))
        failures.push(`${label}: 400 without the field: ${res.body.slice(0, 300)}`);
      else if (!problem.message_vi.includes(field) || !problem.message_en.includes(field))
        failures.push(`${label}: the messages do not name ${field}`);
    }
    return failures;
  }

  it('answers 400 naming the path parameter for a NUL in each one', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const p of (route.op.parameters ?? []).filter((x) => x.in === 'path')) {
        for (const nul of NULS) {
          const request = { url: urlOf(route.path, { [p.name]: nul }), payload: bodyOf(route) };
          failures.push(...(await expectNulRefused(route, `params.${p.name}`, request)));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 400 naming the query parameter for a NUL in each one', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const p of (route.op.parameters ?? []).filter((x) => x.in === 'query')) {
        for (const nul of NULS) {
          const url = urlOf(route.path, {}, `${p.name}=${encodeURIComponent(nul)}`);
          failures.push(
            ...(await expectNulRefused(route, `querystring.${p.name}`, { url, payload: bodyOf(route) })),
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 400 naming the field for a NUL or a lone surrogate in each string of a JSON body', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const body = bodyOf(route);
      if (body === undefined) continue;
      for (const path of leafPaths(body, 'string')) {
        for (const nul of [...NULS, LONE_SURROGATE]) {
          checked += 1;
          const request = { url: urlOf(route.path), payload: withLeaf(body, path, nul) };
          failures.push(...(await expectNulRefused(route, ['body', ...path].join('.'), request)));
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 120_000);

  it('never answers 500 to numbers out of range, very long or malformed text, anywhere', async () => {
    const failures: string[] = [];
    const numbers: Json[] = [1e300, -1e300, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, 1.5];
    const texts: Json[] = ['x'.repeat(100_000), '\ud800', '\uffff', '-1e999'];
    /** Raw, already encoded URL text: numbers out of range, malformed UTF-8 and percent-encodings, long text. */
    const raw = [
      ...numbers.map((n) => encodeURIComponent(String(n))),
      '%FF',
      '%ED%A0%80',
      '%C0%80',
      '%',
      '%E0%A4%A',
      'x'.repeat(20_000),
    ];
    const send = async (route: Route, label: string, url: string, payload: Json | undefined) => {
      const res = await app.inject({
        method: route.method as 'GET',
        url,
        headers: admin,
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      if (res.statusCode >= 500)
        failures.push(`${route.method} ${route.path} ${label}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    };
    for (const route of routes) {
      const body = bodyOf(route);
      for (const p of route.op.parameters ?? []) {
        for (const v of raw) {
          const shown = `${p.in} ${p.name}=${v.slice(0, 20)}`;
          if (p.in === 'path') await send(route, shown, urlOf(route.path, { [p.name]: v }, '', true), body);
          if (p.in === 'query') await send(route, shown, urlOf(route.path, {}, `${p.name}=${v}`), body);
        }
      }
      if (body === undefined) continue;
      for (const path of leafPaths(body, 'number'))
        for (const v of numbers)
          await send(
            route,
            `body.${path.join('.')}=${String(v)}`,
            urlOf(route.path),
            withLeaf(body, path, v),
          );
      for (const path of leafPaths(body, 'string'))
        for (const v of texts)
          await send(
            route,
            `body.${path.join('.')}=${String(v).slice(0, 20)}`,
            urlOf(route.path),
            withLeaf(body, path, v),
          );
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('refuses an import file with a NUL or a lone surrogate in a cell, naming the sheet, row and column', async () => {
    const csv = `indicator_code,unit_code,period,value,comment\nDX_A,02648,202601,40,ok\nDX_A,02648,202602,41,a\u0000b\n`;
    const dhis2 = (entry: Record<string, string>) =>
      JSON.stringify({
        dataValues: [{ dataElement: 'DX_A', period: '202601', orgUnit: '02648', value: '4', ...entry }],
      });
    const cases = [
      { type: 'text/csv', payload: csv, at: { sheet: 'values', row: 3, column: 'comment' } },
      {
        type: 'application/json',
        payload: dhis2({ comment: 'a\ud800b' }),
        at: { sheet: 'dataValues', row: 1, column: 'comment' },
      },
      {
        type: 'application/json',
        payload: dhis2({ dataElement: 'DX_A\u0000' }),
        at: { sheet: 'dataValues', row: 1, column: 'dataElement' },
      },
    ];
    for (const { type, payload, at } of cases) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/imports?sheet=values',
        headers: { ...admin, 'content-type': type },
        payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      const errors = (res.json() as { errors: Record<string, unknown>[] }).errors;
      expect(errors).toContainEqual(
        expect.objectContaining({ ...at, message_en: expect.stringMatching(/NUL|surrogate/) }),
      );
    }
    const [{ n } = { n: -1 }] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM data_value WHERE period IN ('202601', '202602')",
    );
    expect(n).toBe(0);
  });

  it('answers 400, not 500, when the database refuses a value (the backstop for what the checks miss)', async () => {
    const probe = Fastify();
    probe.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
    probe.get('/probe', async (request) => {
      const { sql, value } = request.query as { sql: string; value: string };
      return db.query(sql, [value]);
    });
    const ask = async (sql: string, value: string) => {
      const res = await probe.inject({ method: 'GET', url: '/probe', query: { sql, value } });
      return { status: res.statusCode, problem: res.json() as Problem };
    };
    for (const [sql, value] of [
      ['SELECT $1::text AS t', 'a\u0000b'],
      ['SELECT $1::int AS n', '3000000000'],
      ['SELECT $1::int AS n', 'not a number'],
      ['SELECT $1::jsonb AS j', '{"a": "\\ud800"}'],
      ['SELECT $1::date AS d', '2025-13-45'],
    ] as const) {
      const { status, problem } = await ask(sql, value);
      expect(status, `${sql} ${value}`).toBe(400);
      expect(problem.message_vi).toMatch(/Cơ sở dữ liệu không nhận/);
      expect(problem.message_en).toMatch(/The database refused a value/);
    }
    // Anything else the database says is still a server error, hidden from the caller.
    expect((await ask('SELECT FROM no_such_table WHERE $1 = $1', 'x')).status).toBe(500);
    await probe.close();
  });

  it('answers 413 naming the limit for a body over it, on every route that takes a body', async () => {
    const failures: string[] = [];
    const big = JSON.stringify({ text: 'x'.repeat(JSON_LIMIT) });
    for (const route of routes) {
      if (route.method === 'GET') continue;
      const upload = route.path === '/api/v1/imports';
      // A map's boundaries come as one JSON document of up to BOUNDARY_FILE_MAX_BYTES.
      const maps = route.path === '/api/v1/maps';
      const limit = upload ? UPLOAD_LIMIT : maps ? BOUNDARY_FILE_MAX_BYTES : JSON_LIMIT;
      const res = await app.inject({
        method: route.method as 'POST',
        url: urlOf(route.path),
        headers: { ...admin, 'content-type': upload ? 'text/csv' : 'application/json' },
        payload: upload
          ? Buffer.alloc(UPLOAD_LIMIT + 1, 0x61)
          : maps
            ? JSON.stringify({ text: 'x'.repeat(BOUNDARY_FILE_MAX_BYTES) })
            : big,
      });
      const label = `${route.method} ${route.path}`;
      if (res.statusCode !== 413) {
        failures.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        continue;
      }
      const problem = res.json() as Problem;
      const shown = limit.toLocaleString('en-US');
      if (!problem.message_en.includes(shown) || !problem.message_vi.includes(limit.toLocaleString('vi-VN')))
        failures.push(`${label}: the messages do not name the limit: ${res.body}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
