/**
 * The data version (docs/dashboard.md): a number the database raises once for every committed change to what a
 * dashboard shows, and when it last did, in Vietnam's time with its offset ("2026-12-05T21:05:00+07:00").
 */
export interface DataVersion {
  version: number;
  changedAt: string;
}
