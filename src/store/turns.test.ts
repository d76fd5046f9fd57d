import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKGROUND_GRACE_MS, BACKGROUND_MAX_WAIT_MS, Turns } from './turns.js';

/** Lets the continuations of the promises settled so far run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('Turns', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('serves requests one at a time, first come first served', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const first = await turns.take();
    const waiting = ['a', 'b', 'c'].map((name) => turns.run(async () => void order.push(name)));
    expect(turns.queued).toBe(3);
    await flush();
    expect(order).toEqual([]);
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('lets every request waiting go before background work, and a request that follows at once too', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const first = await turns.take();
    const background = turns.run(async () => void order.push('background'), 'background');
    const request = turns.run(async () => {
      order.push('request');
      // Its next statement, issued as soon as the first is answered, comes before the background too.
      void turns.run(async () => void order.push('request, again'));
    });
    first();
    await request;
    await flush();
    await vi.advanceTimersByTimeAsync(BACKGROUND_GRACE_MS);
    await background;
    expect(order).toEqual(['request', 'request, again', 'background']);
  });

  it('holds background work back while a request is served, at most BACKGROUND_MAX_WAIT_MS', async () => {
    const turns = new Turns();
    const order: string[] = [];
    const release = turns.hold();
    const background = turns.run(async () => void order.push('background'), 'background');
    await vi.advanceTimersByTimeAsync(BACKGROUND_MAX_WAIT_MS / 2);
    expect(order).toEqual([]);
    release();
    await vi.advanceTimersByTimeAsync(BACKGROUND_GRACE_MS);
    await background;
    expect(order).toEqual(['background']);

    const never = turns.hold();
    const starved = turns.run(async () => void order.push('not starved'), 'background');
    await vi.advanceTimersByTimeAsync(BACKGROUND_MAX_WAIT_MS - BACKGROUND_GRACE_MS);
    expect(order).toEqual(['background']);
    await vi.advanceTimersByTimeAsync(2 * BACKGROUND_GRACE_MS);
    await starved;
    expect(order).toEqual(['background', 'not starved']);
    never();
    never();
  });

  it('runs background work after the grace when nobody waits', async () => {
    const turns = new Turns();
    const done = vi.fn();
    const background = turns.run(async () => done(), 'background');
    await vi.advanceTimersByTimeAsync(BACKGROUND_GRACE_MS - 1);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await background;
    expect(done).toHaveBeenCalledOnce();
  });
});
