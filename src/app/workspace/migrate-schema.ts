import { migrate } from '../../store/migrate.js';
import type { AppContext } from '../context.js';

/**
 * Brings the database schema up to date (`dxmon migrate`): applies the numbered migrations not yet applied, in
 * one transaction, and returns their names; an empty list when the schema is already current.
 */
export function migrateSchema(ctx: AppContext): Promise<string[]> {
  return migrate(ctx.db);
}
