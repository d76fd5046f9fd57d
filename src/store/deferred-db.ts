import type { Db, Queryable, Row, SqlParam } from './db.js';

/**
 * A database that is still being opened: queries wait until `resolve` hands over the real one. Lets a
 * server answer (health, "try again shortly") while an embedded database is created on first start.
 */
export class DeferredDb implements Db {
  private db: Db | null = null;
  private readonly opened: Promise<Db>;
  private settle: (db: Db) => void = () => undefined;
  private fail: (error: unknown) => void = () => undefined;

  constructor(readonly kind: Db['kind']) {
    this.opened = new Promise<Db>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    // A failure is reported by whoever opens the database; queries waiting here get it too.
    this.opened.catch(() => undefined);
  }

  /** As the database handed over says; until then, what a database of this kind is. */
  get oneAtATime(): boolean {
    return this.db?.oneAtATime ?? this.kind === 'pglite';
  }

  holdBackground(): () => void {
    return this.db?.holdBackground?.() ?? (() => undefined);
  }

  resolve(db: Db): void {
    this.db = db;
    this.settle(db);
  }

  reject(error: unknown): void {
    this.fail(error);
  }

  private current(): Promise<Db> {
    return this.db ? Promise.resolve(this.db) : this.opened;
  }

  async query<T extends object = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]> {
    return (await this.current()).query<T>(sql, params);
  }

  async exec(sql: string): Promise<void> {
    return (await this.current()).exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { background?: boolean }): Promise<T> {
    return (await this.current()).transaction(fn, options);
  }

  async close(): Promise<void> {
    if (this.db) await this.db.close();
  }
}
