import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareEmbeddedDatabase, socketConnection, type SharedSocket } from './embedded-server.js';
import { openPglite, type PgliteDb } from './pglite-db.js';
import { tempDirSync } from '../../test/support/temp-dir.js';

/**
 * The embedded database shared on a socket with other processes (`dxmon --server`) while the server keeps using it
 * directly: one backend, so every caller must take its turn — a statement's messages and a transaction's statements
 * are never interleaved with another caller's (the review found answers crossing between concurrent requests).
 */
let dir: string;
let db: PgliteDb;
let shared: { socket: SharedSocket; stop: () => Promise<void> };

const IDLE_MS = 300;

beforeAll(async () => {
  dir = tempDirSync('dxmon-share-');
  db = await openPglite();
  await db.exec('CREATE TABLE t (owner text NOT NULL, n int NOT NULL)');
  shared = await shareEmbeddedDatabase(db, dir, { idleInTransactionMs: IDLE_MS });
});

afterAll(async () => {
  await shared.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function pool(max: number): pg.Pool {
  const p = new pg.Pool({ ...socketConnection(shared.socket), max });
  p.on('error', () => undefined);
  return p;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded database shared on a socket', () => {
  it('answers every statement of many clients and of the server itself with its own result', async () => {
    const clients = pool(8);
    try {
      const viaSocket = Array.from({ length: 400 }, async (_, i) => {
        const kind = i % 3;
        if (kind === 0) {
          const { rows } = await clients.query<{ n: number }>('SELECT $1::int AS n', [i]);
          expect(rows).toEqual([{ n: i }]);
        } else if (kind === 1) {
          const { rows } = await clients.query<{ b: boolean; t: string }>(
            'SELECT $1::boolean AS b, $2::text AS t',
            [i % 2 === 0, `c${i}`],
          );
          expect(rows).toEqual([{ b: i % 2 === 0, t: `c${i}` }]);
        } else {
          const { rows } = await clients.query<{ s: string }>('SELECT repeat($1::text, 3) AS s', [`x${i}`]);
          expect(rows).toEqual([{ s: `x${i}x${i}x${i}` }]);
        }
      });
      const direct = Array.from({ length: 200 }, async (_, i) => {
        const rows = await db.query<{ n: number; t: string }>('SELECT $1::int AS n, $2::text AS t', [
          -i - 1,
          `d${i}`,
        ]);
        expect(rows).toEqual([{ n: -i - 1, t: `d${i}` }]);
      });
      await Promise.all([...viaSocket, ...direct]);
    } finally {
      await clients.end();
    }
  });

  it('keeps each transaction whole: no caller sees another one half done, nothing is lost', async () => {
    const clients = pool(8);
    try {
      await db.exec('TRUNCATE t');
      const socketTransactions = Array.from({ length: 40 }, async (_, i) => {
        const client = await clients.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO t VALUES ($1, 1), ($1, 2)', [`s${i}`]);
          await pause(1);
          const { rows } = await client.query<{ c: number }>(
            'SELECT count(*)::int AS c FROM t WHERE owner = $1',
            [`s${i}`],
          );
          expect(rows[0]?.c).toBe(2);
          await client.query('DELETE FROM t WHERE owner = $1 AND n = 2', [`s${i}`]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      });
      const directTransactions = Array.from({ length: 40 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES ($1, 1), ($1, 2)', [`d${i}`]);
          await pause(1);
          await tx.query('DELETE FROM t WHERE owner = $1 AND n = 2', [`d${i}`]);
        }),
      );
      // Readers never see a row with n = 2: each exists only inside a transaction that deletes it again.
      const readers = Array.from({ length: 80 }, async (_, i) => {
        const rows =
          i % 2 === 0
            ? (await clients.query<{ c: number }>('SELECT count(*)::int AS c FROM t WHERE n = 2')).rows
            : await db.query<{ c: number }>('SELECT count(*)::int AS c FROM t WHERE n = 2');
        expect(rows[0]?.c).toBe(0);
      });
      await Promise.all([...socketTransactions, ...directTransactions, ...readers]);
      const [count] = await db.query<{ c: number }>('SELECT count(*)::int AS c FROM t');
      expect(count?.c).toBe(80);
    } finally {
      await clients.end();
    }
  });

  it('rolls back the open transaction of a client that goes away, and lets the others go on', async () => {
    await db.exec('TRUNCATE t');
    const client = new pg.Client(socketConnection(shared.socket));
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO t VALUES ('gone', 1)`);
    const waiting = db.query<{ c: number }>('SELECT count(*)::int AS c FROM t');
    // The socket is cut without a word (a killed process): the server must not wait for it forever.
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const [count] = await waiting;
    expect(count?.c).toBe(0);
  });

  it('disconnects a client that sits in an open transaction, so the server is not held', async () => {
    await db.exec('TRUNCATE t');
    const client = new pg.Client(socketConnection(shared.socket));
    const failed = new Promise<Error>((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO t VALUES ('idle', 1)`);
    const started = Date.now();
    const [count] = await db.query<{ c: number }>('SELECT count(*)::int AS c FROM t');
    expect(count?.c).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 50);
    await expect(client.query('COMMIT')).rejects.toThrow();
    await failed.catch(() => undefined);
    await client.end().catch(() => undefined);
  });

  it('serves a statement that fails without leaving the next caller in its error', async () => {
    const clients = pool(4);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 60 }, (_, i) =>
          i % 2 === 0
            ? clients.query('SELECT 1 / $1::int AS x', [0])
            : clients.query<{ x: number }>('SELECT $1::int AS x', [i]).then((r) => r.rows[0]?.x),
        ),
      );
      results.forEach((r, i) => {
        if (i % 2 === 0) expect(r.status).toBe('rejected');
        else expect(r).toEqual({ status: 'fulfilled', value: i });
      });
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await clients.end();
    }
  });
});
