// The PostgreSQL advisory-lock keys DX Monitor takes (pg_advisory_xact_lock), in one place so that no two
// uses collide: 727 marks DX Monitor's keys, the last three digits the migration that introduced the lock.

/** Serialises servers that migrate one database at the same time: the second waits, then finds nothing to apply. */
export const MIGRATION_LOCK_KEY = 727001;

/**
 * One writer per indicator of value_rollup (with the indicator id as second key), so concurrent saves keep its
 * rows exact; taken inside the SQL of migration 0008 (value_rollup_refresh, value_rollup_rebuild), named here.
 */
export const VALUE_ROLLUP_LOCK_KEY = 727008;
