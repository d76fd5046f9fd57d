import type { OutlierSettings } from '../domain/outlier.js';
import type { AnswerCacheLimits } from './evaluation/answer-cache.js';
import type { Db } from '../store/db.js';
import type { ScryptParams } from './auth/password.js';
import type { Grant } from './auth/scope.js';
import type { SessionPolicy } from './auth/session-policy.js';
import type { ThrottlePolicy } from './auth/throttle.js';

/** Where a change came from, as the audit log records it. */
export type ChangeSource = 'web' | 'import' | 'api' | 'cli' | 'demo';

/**
 * Who is acting: a signed-in user, an API token, or the local administrator of an embedded directory
 * (the CLI on its own data, and the server's own start-up work). Users and tokens act within their grants.
 */
export interface Actor {
  kind: 'user' | 'token' | 'localAdmin' | 'system';
  name: string;
  userId?: number;
  grants: readonly Grant[];
  source: ChangeSource;
  address?: string;
}

/** What every use case is given: the database and the clock (time is passed in, never read inside). */
export interface AppContext {
  db: Db;
  now: () => Date;
  /** Authentication settings; the defaults of src/app/auth/ when absent (tests pass cheaper or shorter ones). */
  auth?: AuthSettings;
  /**
   * Aborted when the process is stopping (SIGTERM, Ctrl+C): long work (an import) stops at its next step and
   * rolls back, with the reason as its error, so that the process can close its database and exit promptly.
   */
  stopping?: AbortSignal;
  /**
   * When a saved or imported value is reported as an outlier (docs/domain.md §4); when absent, read from the
   * environment (DXMON_OUTLIER_Z, DXMON_OUTLIER_MIN_HISTORY) with the defaults |z| > 3 over 4 earlier values.
   */
  outliers?: OutlierSettings;
  /**
   * Whether demo accounts may sign in and be listed (app/users/demo-accounts.ts): true only for `dxmon serve --demo`
   * listening on a loopback address. Absent or false: a demo user's sign-in is refused with its own message.
   */
  demoAccounts?: boolean;
  /**
   * How many evaluation answers a server process keeps (docs/evaluation.md, "Cached answers"); when absent, read
   * from the environment (DXMON_ANSWER_CACHE_ENTRIES, DXMON_ANSWER_CACHE_MB) with the defaults 1000 answers, 64 MB.
   */
  answerCache?: AnswerCacheLimits;
}

export interface AuthSettings {
  scrypt?: ScryptParams;
  session?: SessionPolicy;
  throttle?: ThrottlePolicy;
}

export const LOCAL_ADMIN: Actor = { kind: 'localAdmin', name: 'local-admin', grants: [], source: 'cli' };
export const SYSTEM: Actor = { kind: 'system', name: 'system', grants: [], source: 'demo' };
