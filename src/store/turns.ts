/** Who waits for a turn: a request (`now`), or background work that goes after every request waiting. */
export type TurnKind = 'now' | 'background';

/**
 * How long background work waits after a request's turn before taking its own (ms): a request's next statement,
 * issued as soon as its previous one is answered, comes first.
 */
export const BACKGROUND_GRACE_MS = 10;

/** The longest background work is held back by requests being served (ms): it is never starved for longer. */
export const BACKGROUND_MAX_WAIT_MS = 1_000;

/**
 * One caller at a time. The embedded database has a single backend: every statement and every transaction of the
 * server, and every batch of a `dxmon --server` client on the shared socket, waits for its turn here, so nothing
 * runs inside another caller's transaction or between the messages of its statement. Requests are served first
 * come first served; background work (the steps of a large import) takes a turn only when no request waits, none
 * has ended within BACKGROUND_GRACE_MS and none is being served (`hold`: the HTTP server holds the background back
 * while it answers a request, whose statements come between its other work, such as checking a password) — or
 * once it has waited BACKGROUND_MAX_WAIT_MS. A sign-in during an import then waits for at most one step.
 */
export class Turns {
  private busy = false;
  private readonly waitingNow: (() => void)[] = [];
  private readonly waitingLater: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private holds = 0;
  /** When the first background caller now waiting began to wait. */
  private laterSince = 0;

  /** Waits for the turn; the returned function ends it (calling it twice is harmless). */
  take(kind: TurnKind = 'now'): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.busy = true;
        let done = false;
        resolve(() => {
          if (done) return;
          done = true;
          this.busy = false;
          this.next(kind === 'now');
        });
      };
      if (kind === 'background' && this.waitingLater.length === 0) this.laterSince = Date.now();
      (kind === 'now' ? this.waitingNow : this.waitingLater).push(grant);
      this.next(false);
    });
  }

  /** Runs `fn` in a turn of its own. */
  async run<T>(fn: () => Promise<T>, kind: TurnKind = 'now'): Promise<T> {
    const end = await this.take(kind);
    try {
      return await fn();
    } finally {
      end();
    }
  }

  /**
   * Holds background work back while a request is being served, until the returned function is called (calling it
   * twice is harmless).
   */
  hold(): () => void {
    this.holds += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.holds -= 1;
      if (this.holds === 0) this.next(true);
    };
  }

  /** How many requests hold background work back now. */
  get holding(): number {
    return this.holds;
  }

  /** How many callers wait behind the current one. */
  get queued(): number {
    return this.waitingNow.length + this.waitingLater.length;
  }

  /** Gives the turn to the first request waiting; else, after the grace, to background work. */
  private next(afterRequest: boolean): void {
    if (this.busy) return;
    const request = this.waitingNow.shift();
    if (request) {
      request();
      return;
    }
    if (this.waitingLater.length === 0) return;
    if (this.timer) {
      if (!afterRequest) return;
      clearTimeout(this.timer);
    }
    const held = this.holds > 0;
    const waited = Date.now() - this.laterSince;
    const delay = held ? Math.max(BACKGROUND_MAX_WAIT_MS - waited, BACKGROUND_GRACE_MS) : BACKGROUND_GRACE_MS;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy) return;
      if (this.waitingNow.length > 0) return this.next(false);
      if (this.holds > 0 && Date.now() - this.laterSince < BACKGROUND_MAX_WAIT_MS) return this.next(true);
      const later = this.waitingLater.shift();
      this.laterSince = Date.now();
      later?.();
    }, delay);
  }
}
