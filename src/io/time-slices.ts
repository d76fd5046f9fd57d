// Long loops on the server's only thread (parsing a million import rows, checking them) give the event loop a turn
// every few milliseconds, so that a sign-in or a dashboard read arriving meanwhile is answered at once.
import { performance } from 'node:perf_hooks';
import { setImmediate as eventLoopTurn } from 'node:timers/promises';

/** A loop's share of the thread: `due()` after `ms` of work, then `pause()` lets other work run. */
export interface TimeSlices {
  /** Whether this slice of work has used its time (cheap: call it once per item). */
  due(): boolean;
  /** Lets the event loop run what waits (timers, sockets), then starts a new slice. */
  pause(): Promise<void>;
}

/** Time slices of `ms` milliseconds (default 10: a waiting request is delayed by at most that much per turn). */
export function timeSlices(ms = 10): TimeSlices {
  let start = performance.now();
  return {
    due: () => performance.now() - start >= ms,
    async pause() {
      await eventLoopTurn();
      start = performance.now();
    },
  };
}
