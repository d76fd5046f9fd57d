import type { AppContext } from '../../src/app/context.js';
import type { Db, Row, SqlParam } from '../../src/store/db.js';

/**
 * A stand-in database that answers every query with the data version the test sets (`state.version`), counting
 * the reads (`state.reads`): for the code that reads the data version and nothing else.
 */
export function dataVersionStandIn(): { state: { version: number; reads: number }; ctx: AppContext } {
  const state = { version: 1, reads: 0 };
  const db = {
    kind: 'pglite',
    oneAtATime: true,
    async query<T extends object = Row>(_sql: string, _params?: readonly SqlParam[]): Promise<T[]> {
      state.reads += 1;
      return [{ version: state.version, changedAt: new Date('2026-12-05T14:05:00Z') }] as unknown as T[];
    },
    async exec() {},
    async transaction<T>(): Promise<T> {
      throw new Error('not used');
    },
    async close() {},
  } as Db;
  const ctx: AppContext = { db, now: () => new Date() };
  return { state, ctx };
}
