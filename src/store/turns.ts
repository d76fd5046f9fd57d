/**
 * One caller at a time, first come first served. The embedded database has a single backend: every statement and
 * every transaction of the server, and every batch of a `dxmon --server` client on the shared socket, waits for its
 * turn here, so nothing runs inside another caller's transaction or between the messages of its statement.
 */
export class Turns {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** Waits for the turn; the returned function ends it (calling it twice is harmless). */
  async take(): Promise<() => void> {
    let end: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (end = resolve));
    const before = this.tail;
    this.tail = before.then(() => ended);
    this.waiting += 1;
    await before;
    this.waiting -= 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      end();
    };
  }

  /** Runs `fn` in a turn of its own. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const end = await this.take();
    try {
      return await fn();
    } finally {
      end();
    }
  }

  /** How many callers wait behind the current one. */
  get queued(): number {
    return this.waiting;
  }
}
