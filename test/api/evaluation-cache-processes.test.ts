import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { openPostgres } from '../../src/store/pg-db.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { DXMON_BIN, waitReady } from '../support/run-cli.js';

// Two server processes (`dxmon serve`, each in its own process) on one PostgreSQL database: an evaluation kept by
// the first is never given after a value is saved through the second, and an ETag of one is judged by the other
// (docs/evaluation.md, "Cached answers": the data version is a row of the database, not a process's memory).

const serverUrl = process.env.TEST_DATABASE_URL;
const EVALUATION = '/api/v1/plans/PLAN-P/evaluation?period=2024S1';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Starts `dxmon serve` on the database in a process of its own; resolves with its base URL once it is ready. */
async function serve(databaseUrl: string, children: ChildProcess[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [DXMON_BIN, '--lang', 'en', '--database-url', databaseUrl, 'serve', '--host', '127.0.0.1', '--port', '0'],
    { env: { ...process.env, DATABASE_URL: '', DXMON_PROGRESS: '0' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const port = /running at http:\/\/localhost:(\d+)/.exec(stderr)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`dxmon serve exited (${code}):\n${stderr}`)));
  });
  await waitReady(base).catch((error: unknown) => {
    throw new Error(`dxmon serve at ${base} did not become ready (${String(error)}):\n${stderr}`);
  });
  return base;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe.skipIf(!serverUrl)('cached evaluations with two server processes on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  let name = '';
  let databaseUrl = '';
  let first = '';
  let second = '';
  let viewer = '';
  let reporter = '';

  beforeAll(async () => {
    if (!serverUrl) return;
    const template = inject('postgresTemplate');
    if (!template) throw new Error('no PostgreSQL template');
    name = `dxmon_t_${template.replace('dxmon_tpl_', '')}_${process.pid}_cache_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    databaseUrl = withDatabase(serverUrl, name);
    const db = openPostgres(databaseUrl, { max: 2 });
    try {
      const ctx = { db, now: () => new Date() };
      await seedEvaluationPlan(db);
      viewer = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'v', role: 'viewer', unit: 'P' })).token;
      reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'r', role: 'reporter', unit: 'P' })).token;
    } finally {
      await db.close();
    }
    // One after the other: each start of a workspace without users creates its first administrator, and two
    // processes starting at once on a new database would both try.
    first = await serve(databaseUrl, children);
    second = await serve(databaseUrl, children);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    if (!serverUrl || !name) return;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }, 60_000);

  const evaluate = (base: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${EVALUATION}`, { headers: { authorization: `Bearer ${viewer}`, ...headers } });

  interface Evaluation {
    targets: { indicator: string; unit: string; actual: number | boolean | null }[];
  }
  const flowAtP = (body: Evaluation) =>
    body.targets.find((t) => t.indicator === 'FLOW' && t.unit === 'P')?.actual;

  it('gives the new figure on process 1 after a save through process 2, never the kept one', async () => {
    const kept = await evaluate(first);
    expect(kept.status).toBe(200);
    const before = flowAtP((await kept.json()) as Evaluation) as number;
    const hit = await evaluate(first);
    expect(hit.headers.get('x-answer-cache')).toBe('hit');
    const etag = hit.headers.get('etag') ?? '';
    await hit.arrayBuffer();
    // Both processes read the same data version: the ETag of one is current on the other.
    const elsewhere = await evaluate(second, { 'if-none-match': etag });
    expect(elsewhere.status).toBe(304);

    let version: number | null = null;
    for (const value of [100, 101, 102]) {
      const put = await fetch(`${second}/api/v1/values`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${reporter}`, 'content-type': 'application/json' },
        body: JSON.stringify({ indicator: 'FLOW', unit: 'C2', period: '2024Q2', value, version }),
      });
      expect(put.status, await put.clone().text()).toBeLessThan(300);
      version = ((await put.json()) as { version: number }).version;
      // Read at once on process 1: the figure just saved through process 2.
      const after = await evaluate(first);
      expect(after.status).toBe(200);
      expect(after.headers.get('x-answer-cache')).toBe('miss');
      expect(flowAtP((await after.json()) as Evaluation)).toBe(before + value);
    }

    // The ETag process 1 gave before the saves, revalidated on process 2: 200 with the new figure.
    const revalidated = await evaluate(second, { 'if-none-match': etag });
    expect(revalidated.status).toBe(200);
    expect(revalidated.headers.get('etag')).not.toBe(etag);
    expect(flowAtP((await revalidated.json()) as Evaluation)).toBe(before + 102);
    expect((await evaluate(first, { 'if-none-match': etag })).status).toBe(200);
  });
});
