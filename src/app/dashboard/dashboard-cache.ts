import type { Actor, AppContext } from '../context.js';
import { currentDataVersion } from '../data-version/read-data-version.js';
import type { Dashboard } from '../../contract/dashboard.js';

/** How many dashboards one server process keeps (per data version). */
const CACHE_ENTRIES = 256;

/**
 * Dashboards answered again while the data version has not changed (docs/dashboard.md, "Answered from the data
 * version"): the version is read first (one cheap statement); an answer gathered at that same version, for a reader
 * with the same grants and the same question on the same day, is given again; any committed change raises the
 * version and empties the cache, so an answer is never older than the data. Refusals are never kept.
 */
export class DashboardCache {
  private version = -1;
  private readonly entries = new Map<string, Dashboard>();

  constructor(private readonly size = CACHE_ENTRIES) {}

  /** The answer for `question` at the current data version: kept, or gathered by `gather` and kept. */
  async answer(
    ctx: AppContext,
    reader: Actor | 'public',
    question: Record<string, string | undefined>,
    gather: () => Promise<Dashboard>,
  ): Promise<Dashboard> {
    const { version } = await currentDataVersion(ctx.db);
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const key = JSON.stringify([readerKey(reader), question]);
    const kept = this.entries.get(key);
    if (kept) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const dashboard = await gather();
    // Kept only when gathered at the version the cache holds (a change committed meanwhile makes it a miss).
    if (dashboard.freshness.version === this.version) {
      this.entries.set(key, dashboard);
      if (this.entries.size > this.size) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    return dashboard;
  }
}

/** What a dashboard depends on of its reader: the kind of actor and its grants (not its name). */
function readerKey(reader: Actor | 'public'): string {
  if (reader === 'public') return 'public';
  const grants = reader.grants.map((g) => `${g.role}@${g.unitPath}`).sort();
  return `${reader.kind}:${grants.join(',')}`;
}
