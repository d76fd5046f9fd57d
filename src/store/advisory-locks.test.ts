import { describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, VALUE_ROLLUP_LOCK_KEY } from './advisory-locks.js';
import { listMigrations } from './migrate.js';

describe('advisory-lock keys', () => {
  it('are distinct, and the SQL of the migrations takes the value_rollup key by the number named here', () => {
    expect(MIGRATION_LOCK_KEY).not.toBe(VALUE_ROLLUP_LOCK_KEY);
    const sql = listMigrations()
      .map((m) => m.sql)
      .join('\n');
    const keys = [...sql.matchAll(/pg_advisory_xact_lock\((\d+)/g)].map((m) => Number(m[1]));
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys)).toEqual(new Set([VALUE_ROLLUP_LOCK_KEY]));
  });
});
