import pg from 'pg';
import type { Db, Queryable, Row, SqlParam } from './db.js';
import { TYPE_DATE, TYPE_INT8, TYPE_NUMERIC, parseNumeric } from './db.js';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TYPE_NUMERIC || oid === TYPE_INT8) return parseNumeric;
    if (oid === TYPE_DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T extends object = Row>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Connects to a PostgreSQL server (production, and the server leg of the test suite). */
export function openPostgres(
  connection: string | { host: string; port: number; user: string; database: string },
  options: { max?: number; oneAtATime?: boolean } = {},
): PostgresDb {
  const target = typeof connection === 'string' ? { connectionString: connection } : connection;
  const pool = new pg.Pool({ ...target, max: options.max ?? 10, types });
  // An idle connection the server ends (restart, administrator command) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', () => undefined);
  return new PostgresDb(pool, options.oneAtATime ?? false);
}

export class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly inner: Queryable;

  /** `oneAtATime`: a connection to the socket of an embedded database (`dxmon --server`), which serves one at a time. */
  constructor(
    readonly pool: pg.Pool,
    readonly oneAtATime = false,
  ) {
    this.inner = wrap(pool);
  }

  query<T extends object = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return this.inner.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
