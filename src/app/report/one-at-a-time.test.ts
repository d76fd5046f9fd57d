import { describe, expect, it } from 'vitest';
import { oneAtATime } from './one-at-a-time.js';

describe('oneAtATime', () => {
  it('runs calls one after the other in order, and a failure does not stop the next', async () => {
    const events: string[] = [];
    let running = 0;
    const work = oneAtATime(async (name: string, fail: boolean) => {
      running++;
      events.push(`start ${name} (${running} running)`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([work('a', false), work('b', true), work('c', false)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(events).toEqual([
      'start a (1 running)',
      'end a',
      'start b (1 running)',
      'end b',
      'start c (1 running)',
      'end c',
    ]);
  });
});
