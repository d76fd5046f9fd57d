import { createHash } from 'node:crypto';
import { AppError } from '../../domain/app-error.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { currentDataVersion } from '../data-version/read-data-version.js';
import { readScope } from '../read-scope.js';

// Evaluation answers kept per data version (docs/evaluation.md, "Cached answers").

/** How much one server process keeps: at most `entries` answers and `bytes` bytes of answers (0: keeps none). */
export interface AnswerCacheLimits {
  entries: number;
  bytes: number;
}

export const DEFAULT_ANSWER_CACHE_LIMITS: AnswerCacheLimits = { entries: 1000, bytes: 64 * 2 ** 20 };

/**
 * The limits of the context, else of the environment: DXMON_ANSWER_CACHE_ENTRIES (answers, default 1000) and
 * DXMON_ANSWER_CACHE_MB (megabytes, default 64); 0 keeps nothing. A value that is not a whole number is refused.
 */
export function answerCacheLimits(
  ctx: Pick<AppContext, 'answerCache'>,
  env: NodeJS.ProcessEnv = process.env,
): AnswerCacheLimits {
  if (ctx.answerCache) return ctx.answerCache;
  const entries = wholeNumber('DXMON_ANSWER_CACHE_ENTRIES', env.DXMON_ANSWER_CACHE_ENTRIES);
  const megabytes = wholeNumber('DXMON_ANSWER_CACHE_MB', env.DXMON_ANSWER_CACHE_MB);
  return {
    entries: entries ?? DEFAULT_ANSWER_CACHE_LIMITS.entries,
    bytes: megabytes === undefined ? DEFAULT_ANSWER_CACHE_LIMITS.bytes : megabytes * 2 ** 20,
  };
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim());
  if (Number.isSafeInteger(n) && n >= 0) return n;
  throw new AppError('usage', {
    vi: `${name} «${text}» phải là một số nguyên không âm (0 để không giữ câu trả lời nào).`,
    en: `${name} «${text}» must be a whole number, 0 or more (0 keeps no answer).`,
  });
}

/** The unit whose read permission an answer was given under: checked again for every reader it is given to. */
export interface ReadCheck {
  path: string;
  label: string;
}

/** An answer as computed: its JSON text and the unit the reader had to be allowed to read. */
export interface ComputedAnswer {
  body: string;
  readAt: ReadCheck;
}

/** An answer given: its JSON text, its entity tag, and whether it was kept (`hit`) or computed for this request. */
export interface GivenAnswer {
  body: string;
  etag: string;
  hit: boolean;
}

interface Entry {
  body: string;
  etag: string;
  readAt: ReadCheck;
  bytes: number;
}

/**
 * Answers kept while the data version has not changed, one cache per server process (docs/evaluation.md, "Cached
 * answers"). For every request: the data version is read first (one statement on one row), then the answer kept
 * for the same question and the same read scope at that version is given, after the reader's permission on the
 * answer's unit is checked again; otherwise it is computed and kept under the version read BEFORE the computation,
 * so a change committed meanwhile raises the version past it and the entry is never given again. A raise empties
 * the cache. Refusals are never kept. Requests for the same answer at the same version while it is being computed
 * wait for that one computation. The least recently given answers go first when the entries or bytes would pass
 * the limits.
 */
export class AnswerCache {
  private version = -1;
  private bytes = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();

  constructor(private readonly limits: AnswerCacheLimits = DEFAULT_ANSWER_CACHE_LIMITS) {}

  /** How many answers and bytes are kept now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * The answer to `question` (every input the answer depends on besides the data and the reader's read scope)
   * for `actor`: kept, or computed by `compute` (which authorizes) and kept.
   */
  async answer(
    ctx: AppContext,
    actor: Actor,
    question: readonly unknown[],
    compute: () => Promise<ComputedAnswer>,
  ): Promise<GivenAnswer> {
    const { version } = await currentDataVersion(ctx.db);
    // Any other version empties the cache: a raise, and also a lower one (a database restored from a backup must
    // not meet the entries of the version it once had).
    if (version !== this.version) {
      this.entries.clear();
      this.pending.clear();
      this.bytes = 0;
      this.version = version;
    }
    const key = JSON.stringify([scopeKey(actor), question]);
    const kept = this.entries.get(key);
    if (kept) {
      authorize(actor, 'read', kept.readAt.path, kept.readAt.label);
      this.entries.delete(key);
      this.entries.set(key, kept);
      return { body: kept.body, etag: kept.etag, hit: true };
    }
    // Keeping nothing (limits of 0): every request computes its own answer, none waits on another's.
    if (this.limits.entries === 0 || this.limits.bytes === 0) {
      const computed = await compute();
      authorize(actor, 'read', computed.readAt.path, computed.readAt.label);
      return { body: computed.body, etag: etagOf(version, key), hit: false };
    }
    let computing = this.pending.get(key);
    if (!computing) {
      computing = this.compute(version, key, compute);
      this.pending.set(key, computing);
      const forget = () => {
        if (this.pending.get(key) === computing) this.pending.delete(key);
      };
      computing.then(forget, forget);
    }
    const entry = await computing;
    // Waiting on another request's computation: this reader's own permission is checked as on a kept answer.
    authorize(actor, 'read', entry.readAt.path, entry.readAt.label);
    return { body: entry.body, etag: entry.etag, hit: false };
  }

  private async compute(
    version: number,
    key: string,
    compute: () => Promise<ComputedAnswer>,
  ): Promise<Entry> {
    const computed = await compute();
    const entry: Entry = {
      body: computed.body,
      etag: etagOf(version, key),
      readAt: computed.readAt,
      bytes: Buffer.byteLength(computed.body),
    };
    // Kept only under the version read before computing, and only while that is still the one last read.
    if (version === this.version) this.keep(key, entry);
    return entry;
  }

  private keep(key: string, entry: Entry): void {
    if (entry.bytes > this.limits.bytes || this.limits.entries === 0) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.entries.size > this.limits.entries || this.bytes > this.limits.bytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value[0]);
      this.bytes -= oldest.value[1].bytes;
    }
  }
}

const caches = new WeakMap<AppContext, AnswerCache>();

/**
 * The answer cache of a server's context: one per context, so every route of a server process shares one cache
 * and one memory bound, with the limits of `answerCacheLimits`.
 */
export function answerCacheFor(ctx: AppContext): AnswerCache {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new AnswerCache(answerCacheLimits(ctx));
    caches.set(ctx, cache);
  }
  return cache;
}

/**
 * What an answer depends on of its reader: the unit subtrees it may read (every evaluation counts only what the
 * reader may read), not its name or its other permissions.
 */
export function scopeKey(actor: Actor): string {
  const roots = readScope(actor);
  return roots === undefined ? '*' : roots.join(',');
}

/**
 * A weak entity tag naming the data version and the question with the reader's scope: equal tags mean an answer
 * computed at the same data version for the same question and scope.
 */
export function etagOf(version: number, key: string): string {
  return `W/"${version}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
}
