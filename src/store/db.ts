/** A row as the database returns it, before a query's own type narrows it. */
export type Row = Record<string, unknown>;

/** A parameter the drivers accept: scalars, arrays of them, or JSON-able objects (sent as json). */
export type SqlParam =
  string | number | boolean | null | Date | readonly SqlParam[] | { [key: string]: unknown };

/**
 * The one database interface every query in DX Monitor uses, implemented for embedded PGlite and
 * for a PostgreSQL server alike (docs/ARCHITECTURE.md, Databases: one code path for both).
 */
export interface Queryable {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T extends object = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Whether the database runs one transaction at a time for everyone — the embedded database, directly or through
   * the socket `dxmon --server` shares it on: a long write then goes in short steps (import-runs.queries.ts), so
   * that other requests take their turns between them.
   */
  readonly oneAtATime: boolean;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. `background` work (a
   * step of a large import) lets waiting requests go first where the database serves one at a time.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { background?: boolean }): Promise<T>;
  /**
   * Where the database serves one at a time: holds background work back while a request is being served, until
   * the returned function is called (turns.ts). Absent where there is no background to hold.
   */
  holdBackground?(): () => void;
  close(): Promise<void>;
}

/** Rows a list query returns when its caller gives no limit: more than a workspace lists, a bound on a mistake. */
export const LIST_LIMIT_DEFAULT = 100_000;

/** Type ids whose text form both drivers parse the same way here (numeric and int8 as numbers, date as text). */
export const TYPE_NUMERIC = 1700;
export const TYPE_INT8 = 20;
export const TYPE_DATE = 1082;

export function parseNumeric(text: string): number {
  return Number(text);
}
