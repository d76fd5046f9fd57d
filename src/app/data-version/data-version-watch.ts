import type { AppContext } from '../context.js';
import { currentDataVersion } from './read-data-version.js';
import type { DataVersion } from '../../contract/data-version.js';

/** How often the watch reads the data version while someone listens (docs/dashboard.md). */
export const DATA_VERSION_POLL_MS = 250;

/** Told each data version the watch reads that differs from the one before (the first one at once). */
export type DataVersionListener = (version: DataVersion) => void;

/**
 * One poll loop per server process, shared by every listener (docs/dashboard.md, "Live events"): while at least one
 * listens, it reads the data version every `intervalMs` (one statement on one row, so the embedded database's
 * single connection is barely taken) and tells every listener when it changed. It stops when the last listener
 * leaves and when it is closed, so nothing keeps the event loop alive after the server stops.
 */
export class DataVersionWatch {
  private readonly listeners = new Set<DataVersionListener>();
  private timer: NodeJS.Timeout | undefined;
  private last: DataVersion | undefined;
  private closed = false;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly intervalMs = DATA_VERSION_POLL_MS,
    /** Told when a read fails (the database is closing, a connection dropped); the loop goes on. */
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /**
   * Adds a listener and returns the function that removes it. The listener is told the current version as soon as
   * it is known (at once when the loop already runs), then every change.
   */
  listen(listener: DataVersionListener): () => void {
    if (this.closed) return () => undefined;
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    if (!this.timer && !this.reading) this.reading = this.poll();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** How many listen now. */
  get size(): number {
    return this.listeners.size;
  }

  /** Stops the loop for good and forgets every listener; waits for a read in flight. */
  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.stop();
    await this.reading;
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = undefined;
  }

  private async poll(): Promise<void> {
    try {
      const version = await currentDataVersion(this.ctx.db);
      if (this.listeners.size > 0 && !this.closed) {
        const changed = this.last?.version !== version.version;
        this.last = version;
        if (changed) for (const listener of [...this.listeners]) listener(version);
      }
    } catch (error) {
      if (!this.closed) this.onError(error);
    } finally {
      this.reading = undefined;
      if (this.listeners.size > 0 && !this.closed) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.reading = this.poll();
        }, this.intervalMs);
      }
    }
  }
}
