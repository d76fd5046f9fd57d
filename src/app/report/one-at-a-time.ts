/**
 * Wraps an async function so that its calls run one after the other, in the order made: a PDF starts a Chromium
 * of its own, and many requests at once must queue rather than start as many browsers.
 */
export function oneAtATime<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let last: Promise<unknown> = Promise.resolve();
  return (...args: A) => {
    const run = last.then(() => fn(...args));
    last = run.catch(() => undefined);
    return run;
  };
}
