import { get } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// The data version and the live events (docs/dashboard.md): GET /data-version, GET /events as server-sent events
// over a real socket, a value saved through the API reaching an open stream, and streams ended when the server stops.

interface VersionEvent {
  version: number;
  changedAt: string;
}

/** Reads server-sent events from a response body, one `data-version` event at a time. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const comments: string[] = [];
  return {
    comments,
    async next(): Promise<VersionEvent | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          for (const line of lines) if (line.startsWith(':')) comments.push(line);
          if (lines.includes('event: data-version')) {
            const data = lines.find((l) => l.startsWith('data: '));
            return JSON.parse(data?.slice(6) ?? 'null') as VersionEvent;
          }
          continue;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

/** Opens an event stream over a real socket (node:http), and the function that drops the connection. */
async function openEvents(
  url: string,
  token: string,
): Promise<{ status: number; body: ReadableStream<Uint8Array>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { authorization: `Bearer ${token}` } }, (response) => {
      resolve({
        status: response.statusCode ?? 0,
        body: Readable.toWeb(response) as ReadableStream<Uint8Array>,
        close: () => request.destroy(),
      });
    });
    request.once('error', reject);
  });
}

/** How many connections the server holds open. */
function connections(app: Api): Promise<number> {
  return new Promise((resolve, reject) =>
    app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

describe.each(TEST_DB_KINDS)('data version and live events on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  let base: string;
  let viewer: string;
  let reporter: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date() };
    await seedEvaluationPlan(db);
    viewer = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'v', role: 'viewer', unit: 'C2' })).token;
    reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'r', role: 'reporter', unit: 'P' })).token;
    app = await buildServer({ ctx });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  it('GET /data-version gives the version and when it changed, in Vietnam’s time; anonymous callers get 401', async () => {
    const res = await app.inject({ url: '/api/v1/data-version', headers: auth(viewer) });
    expect(res.statusCode).toBe(200);
    const body = res.json<VersionEvent>();
    expect(body.version).toBeGreaterThan(0); // the seed's writes
    expect(body.changedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect((await app.inject({ url: '/api/v1/data-version' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/events?seconds=0' })).statusCode).toBe(401);
  });

  it('GET /events?seconds=0 sends the current version as one event and ends', async () => {
    const res = await app.inject({ url: '/api/v1/events?seconds=0', headers: auth(viewer) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['cache-control']).toMatch(/no-cache/);
    const current = (
      await app.inject({ url: '/api/v1/data-version', headers: auth(viewer) })
    ).json<VersionEvent>();
    expect(res.body).toContain('event: data-version\n');
    expect(res.body).toContain(`data: ${JSON.stringify(current)}\n\n`);
    expect((await app.inject({ url: '/api/v1/events?seconds=-1', headers: auth(viewer) })).statusCode).toBe(
      400,
    );
  });

  it('sends the version at once, then the new one within a second of a value saved through the API', async () => {
    const { status, body, close } = await openEvents(`${base}/api/v1/events`, viewer);
    expect(status).toBe(200);
    const events = eventReader(body);
    const first = await events.next();
    expect(first?.version).toBeGreaterThan(0);
    const saved = Date.now();
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      headers: auth(reporter),
      payload: { indicator: 'FLOW', unit: 'C2', period: '2024Q2', value: 3 },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const next = await events.next();
    const took = Date.now() - saved;
    expect(next?.version).toBe((first?.version ?? 0) + 1);
    expect(took).toBeLessThan(1000);
    // The client leaves: the server ends its side too, and holds no connection for it.
    close();
    await expect.poll(() => connections(app), { timeout: 2000 }).toBe(0);
  });

  it('ends open streams when the server stops, so closing does not wait on them', async () => {
    const other = await buildServer({ ctx });
    const url = await other.listen({ port: 0, host: '127.0.0.1' });
    const events = eventReader((await openEvents(`${url}/api/v1/events`, viewer)).body);
    expect(await events.next()).not.toBeNull();
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await events.next()).toBeNull();
  });

  it('answers 503 while the workspace is prepared, as other data routes do', async () => {
    const preparing = await buildServer({ ctx, readiness: { state: 'preparing' } });
    try {
      const res = await preparing.inject({ url: '/api/v1/events', headers: auth(viewer) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
    } finally {
      await preparing.close();
    }
  });
});
