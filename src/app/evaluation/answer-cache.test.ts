import { describe, expect, it } from 'vitest';
import { dataVersionStandIn } from '../../../test/support/data-version-stand-in.js';
import { isAppError } from '../../domain/app-error.js';
import type { Actor } from '../context.js';
import { AnswerCache, answerCacheLimits, etagOf, scopeKey, type ComputedAnswer } from './answer-cache.js';

// The answer cache (docs/evaluation.md, "Cached answers") on a stand-in database whose data version the test sets:
// kept per version, stored under the version read before computing, bounded, authorized again for every reader.

const viewer = (...units: string[]): Actor => ({
  kind: 'user',
  name: 'v',
  grants: units.map((unitPath) => ({ role: 'viewer', unitPath })),
  source: 'api',
});
const ofP = viewer('/1/');
const readAt = { path: '/1/', label: 'P' };

/** A computation that counts its calls and answers `body` (or what `body` gives for the call's number). */
function counted(body: string | ((n: number) => string)) {
  const calls = { n: 0 };
  const compute = async (): Promise<ComputedAnswer> => {
    calls.n += 1;
    return { body: typeof body === 'string' ? body : body(calls.n), readAt };
  };
  return { calls, compute };
}

describe('the answer cache', () => {
  it('gives the kept answer while the version stays, and computes again once it is raised', async () => {
    const { state, ctx } = dataVersionStandIn();
    const cache = new AnswerCache();
    const { calls, compute } = counted((n) => `{"n":${n}}`);
    const first = await cache.answer(ctx, ofP, ['q'], compute);
    const second = await cache.answer(ctx, ofP, ['q'], compute);
    expect([first.hit, second.hit, calls.n]).toEqual([false, true, 1]);
    expect(second.body).toBe(first.body);
    expect(second.etag).toBe(first.etag);
    state.version = 2;
    const third = await cache.answer(ctx, ofP, ['q'], compute);
    expect([third.hit, third.body, calls.n]).toEqual([false, '{"n":2}', 2]);
    expect(third.etag).not.toBe(first.etag);
    expect(state.reads).toBe(3); // one read of the version per request
    // A lower version (a database restored from a backup) does not meet what was kept at it before.
    state.version = 1;
    const restored = await cache.answer(ctx, ofP, ['q'], compute);
    expect([restored.hit, restored.body, calls.n]).toEqual([false, '{"n":3}', 3]);
  });

  it('keeps an answer under the version read before computing: a change committed meanwhile is never hidden', async () => {
    const { state, ctx } = dataVersionStandIn();
    const cache = new AnswerCache();
    const racing = async (): Promise<ComputedAnswer> => {
      state.version = 2; // a write commits while the answer is computed
      return { body: 'computed while version 1 became 2', readAt };
    };
    const first = await cache.answer(ctx, ofP, ['q'], racing);
    expect(first.etag).toBe(etagOf(1, JSON.stringify([scopeKey(ofP), ['q']])));
    const { calls, compute } = counted('{"after":true}');
    const next = await cache.answer(ctx, ofP, ['q'], compute);
    expect([next.hit, next.body, calls.n]).toEqual([false, '{"after":true}', 1]);
  });

  it('keys on the read scope: a narrower or wider reader never gets another scope’s answer', async () => {
    const { ctx } = dataVersionStandIn();
    const cache = new AnswerCache();
    const { calls, compute } = counted((n) => `{"n":${n}}`);
    const wide = await cache.answer(ctx, viewer('/1/'), ['q'], compute);
    const narrow = await cache.answer(ctx, viewer('/1/2/'), ['q'], async () => ({
      body: 'narrow',
      readAt: { path: '/1/2/', label: 'C' },
    }));
    const both = await cache.answer(ctx, viewer('/1/2/', '/1/'), ['q'], compute);
    expect([wide.hit, narrow.hit, narrow.body]).toEqual([false, false, 'narrow']);
    expect(narrow.etag).not.toBe(wide.etag);
    // Grants to /1/ and to a unit inside it read exactly what /1/ reads: the same scope.
    expect([both.hit, both.body, calls.n]).toEqual([true, '{"n":1}', 1]);
  });

  it('checks the reader’s permission on every kept answer, and never keeps a refusal', async () => {
    const { ctx } = dataVersionStandIn();
    const cache = new AnswerCache();
    // An answer whose unit lies outside the reader's scope (a stand-in: evaluations refuse before computing) is
    // refused when computed and again when kept, without computing again.
    const { calls, compute } = counted('{}');
    const outside = async () => ({ ...(await compute()), readAt: { path: '/9/', label: 'X' } });
    for (let i = 0; i < 2; i++) {
      const refused = await cache.answer(ctx, ofP, ['r'], outside).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isAppError(refused) && refused.code).toBe('forbidden');
    }
    expect(calls.n).toBe(1);
    let computed = 0;
    const refusing = async (): Promise<ComputedAnswer> => {
      computed += 1;
      throw new Error('refused');
    };
    await expect(cache.answer(ctx, ofP, ['s'], refusing)).rejects.toThrow('refused');
    await expect(cache.answer(ctx, ofP, ['s'], refusing)).rejects.toThrow('refused');
    expect(computed).toBe(2);
  });

  it('computes once for requests that ask the same at the same time', async () => {
    const { ctx } = dataVersionStandIn();
    const cache = new AnswerCache();
    const { calls, compute } = counted('{"once":true}');
    const slow = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return compute();
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => cache.answer(ctx, ofP, ['q'], slow)));
    expect(calls.n).toBe(1);
    expect(new Set(answers.map((a) => a.body))).toEqual(new Set(['{"once":true}']));
    // Keeping nothing: each request computes.
    const off = new AnswerCache({ entries: 0, bytes: 1000 });
    await Promise.all(Array.from({ length: 8 }, () => off.answer(ctx, ofP, ['q'], slow)));
    expect(calls.n).toBe(9);
  });

  it.each([
    ['entries', { entries: 2, bytes: 1000 }, ['b', 'c'], 2, 11],
    ['bytes', { entries: 10, bytes: 10 }, ['c'], 1, 10],
    ['nothing kept (0)', { entries: 0, bytes: 1000 }, [], 0, 0],
  ])('drops the least recently given answers past the limit of %s', async (_, limits, kept, n, bytes) => {
    const { ctx } = dataVersionStandIn();
    const cache = new AnswerCache(limits);
    const body = (q: string) => (q === 'c' ? 'c'.repeat(10) : q);
    for (const q of ['a', 'b', 'c']) {
      await cache.answer(ctx, ofP, [q], async () => ({ body: body(q), readAt }));
    }
    expect(cache.size).toEqual({ entries: n, bytes });
    // Newest first: a miss keeps its answer and may drop an older one.
    for (const q of ['c', 'b', 'a']) {
      const again = await cache.answer(ctx, ofP, [q], async () => ({ body: body(q), readAt }));
      expect(again.hit, q).toBe(kept.includes(q));
    }
  });

  it.each([
    [{}, { entries: 1000, bytes: 64 * 2 ** 20 }],
    [
      { DXMON_ANSWER_CACHE_ENTRIES: '50', DXMON_ANSWER_CACHE_MB: '8' },
      { entries: 50, bytes: 8 * 2 ** 20 },
    ],
    [{ DXMON_ANSWER_CACHE_ENTRIES: '0' }, { entries: 0, bytes: 64 * 2 ** 20 }],
  ])('reads its limits from the environment %j', (env, limits) => {
    expect(answerCacheLimits({}, env)).toEqual(limits);
  });

  it.each(['-1', '2.5', 'many'])('refuses DXMON_ANSWER_CACHE_MB=%s in both languages', (text) => {
    const error = (() => {
      try {
        return answerCacheLimits({}, { DXMON_ANSWER_CACHE_MB: text });
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error) && [error.code, error.message_vi, error.message_en]).toEqual([
      'usage',
      expect.stringContaining('số nguyên không âm'),
      expect.stringContaining('whole number'),
    ]);
  });
});
