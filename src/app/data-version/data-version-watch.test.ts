import { describe, expect, it } from 'vitest';
import { dataVersionStandIn } from '../../../test/support/data-version-stand-in.js';
import { DataVersionWatch } from './data-version-watch.js';

// The one poll loop per server (docs/dashboard.md, "Live events"), on a stand-in database whose version the test
// sets: listeners are told the version at once and each change, the loop reads only while someone listens, and it
// stops for good when closed.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the data version watch', () => {
  it('tells each listener the version at once and every change, once, in Vietnam’s time', async () => {
    const { state, ctx } = dataVersionStandIn();
    const watch = new DataVersionWatch(ctx, 5);
    const seen: number[] = [];
    const later: number[] = [];
    const times: string[] = [];
    const leave = watch.listen((v) => {
      seen.push(v.version);
      times.push(v.changedAt);
    });
    await expect.poll(() => seen).toEqual([1]);
    expect(times).toEqual(['2026-12-05T21:05:00+07:00']);
    const leaveLater = watch.listen((v) => later.push(v.version));
    expect(later).toEqual([1]);
    state.version = 2;
    await expect.poll(() => seen).toEqual([1, 2]);
    await sleep(30);
    expect(seen).toEqual([1, 2]);
    expect(later).toEqual([1, 2]);
    leave();
    leaveLater();
    await watch.close();
  });

  it('reads only while someone listens, and never again once closed', async () => {
    const { state, ctx } = dataVersionStandIn();
    const watch = new DataVersionWatch(ctx, 5);
    await sleep(20);
    expect(state.reads).toBe(0);
    const leave = watch.listen(() => undefined);
    await expect.poll(() => state.reads).toBeGreaterThan(2);
    leave();
    expect(watch.size).toBe(0);
    await sleep(20);
    const stopped = state.reads;
    await sleep(30);
    expect(state.reads).toBe(stopped);
    await watch.close();
    const none: number[] = [];
    watch.listen((v) => none.push(v.version));
    await sleep(30);
    expect(none).toEqual([]);
    expect(state.reads).toBe(stopped);
  });
});
