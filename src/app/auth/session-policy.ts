/** When a session was created and when it was last seen (last-seen is written at most once per touch interval). */
export type SessionTimes = { createdAt: Date; lastSeenAt: Date };

/** How long a session lives: idle minutes since last seen, absolute hours since creation. */
export type SessionPolicy = { idleMinutes: number; absoluteHours: number };

export type SessionExpiry = 'valid' | 'idleExpired' | 'absoluteExpired';

export const DEFAULT_SESSION_POLICY: Readonly<SessionPolicy> = Object.freeze({
  idleMinutes: 30,
  absoluteHours: 12,
});

/** Last-seen is rewritten at most this often, so a busy session does not cost a database write per request. */
export const TOUCH_INTERVAL_SECONDS = 60;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function isValidDate(d: Date): boolean {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

/**
 * Whether a session is still valid at `now`: absolute expiry (`absoluteHours` after creation) is checked first,
 * then idle expiry (`idleMinutes` after last seen); each deadline is exclusive, and an unreadable time fails closed
 * as absoluteExpired (issue 7).
 */
export function sessionExpiry(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy = DEFAULT_SESSION_POLICY,
): SessionExpiry {
  if (!isValidDate(session.createdAt) || !isValidDate(session.lastSeenAt) || !isValidDate(now)) {
    return 'absoluteExpired';
  }
  const t = now.getTime();
  if (t >= session.createdAt.getTime() + policy.absoluteHours * HOUR_MS) return 'absoluteExpired';
  if (t >= session.lastSeenAt.getTime() + policy.idleMinutes * MINUTE_MS) return 'idleExpired';
  return 'valid';
}

/**
 * The first instant at which the session stops being valid if it is not used again: the earlier of the idle and
 * absolute deadlines, for a cookie's Expires and for purging expired rows (issue 7).
 */
export function sessionDeadline(session: SessionTimes, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Date {
  const absolute = session.createdAt.getTime() + policy.absoluteHours * HOUR_MS;
  const idle = session.lastSeenAt.getTime() + policy.idleMinutes * MINUTE_MS;
  return new Date(Math.min(absolute, idle));
}

/**
 * Whether a request at `now` should rewrite the session's last-seen time: when at least `intervalSeconds` have
 * passed (a last-seen in the future, from clock skew between servers, does not), or when last-seen is unreadable.
 */
export function shouldTouch(
  lastSeenAt: Date,
  now: Date,
  intervalSeconds: number = TOUCH_INTERVAL_SECONDS,
): boolean {
  if (!isValidDate(lastSeenAt)) return true;
  return now.getTime() - lastSeenAt.getTime() >= intervalSeconds * 1000;
}
