import { setImmediate as eventLoopTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row, SqlParam } from './db.js';
import { TYPE_DATE, TYPE_INT8, TYPE_NUMERIC, parseNumeric } from './db.js';
import { Turns } from './turns.js';

const parsers = {
  [TYPE_NUMERIC]: parseNumeric,
  [TYPE_INT8]: parseNumeric,
  [TYPE_DATE]: (text: string) => text,
};

interface PgliteLike {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
}

/**
 * PGlite runs each statement synchronously on this thread and settles its promise without giving the event loop a
 * turn: a transaction of a hundred statements would keep every socket unread until its end (new requests, a client
 * that has gone, a signal). Each statement first lets the event loop take its turn.
 */
function wrap(conn: PgliteLike): Queryable {
  return {
    async query<T extends object = Row>(sql: string, params: readonly SqlParam[] = []) {
      await eventLoopTurn();
      const result = await conn.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await eventLoopTurn();
      await conn.exec(sql);
    },
  };
}

/** Opens embedded PostgreSQL (PGlite) in `dataDir`, or in memory, or from a dumped data directory. */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers,
  });
  return new PgliteDb(pglite);
}

/**
 * Embedded PostgreSQL behind one queue (`turns`): a statement, or a whole transaction, runs alone; the socket that
 * shares this database with `dxmon --server` (embedded-server.ts) takes its turns in the same queue, so neither
 * side ever runs inside the other's transaction. A statement issued on `db` from inside `db.transaction(…)` would
 * wait for its own transaction: inside one, use the `tx` it is given.
 */
export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  readonly oneAtATime = true;
  readonly turns = new Turns();
  private readonly inner: Queryable;

  constructor(readonly pglite: PGlite) {
    this.inner = wrap(pglite);
  }

  query<T extends object = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return this.turns.run(() => this.inner.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.turns.run(() => this.inner.exec(sql));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>, options: { background?: boolean } = {}): Promise<T> {
    return this.turns.run(
      () => this.pglite.transaction((tx) => fn(wrap(tx))),
      options.background ? 'background' : 'now',
    );
  }

  holdBackground(): () => void {
    return this.turns.hold();
  }

  /** The whole data directory as a tarball, to seed other databases quickly (tests, backups). */
  dump(): Promise<Blob> {
    return this.turns.run(() => this.pglite.dumpDataDir('none'));
  }

  /** Closes after the work already queued; what is queued later fails with PGlite's "closed". */
  async close(): Promise<void> {
    await this.turns.run(async () => {
      if (!this.pglite.closed) await this.pglite.close();
    });
  }
}
