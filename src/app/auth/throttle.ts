import { isIPv4, isIPv6 } from 'node:net';
import type { DomainMessage } from '../../domain/result.js';

/** A lock rule: `maxFailures` failures within `windowMinutes` lock for `lockMinutes` from the last of them. */
export type LockRule = { maxFailures: number; windowMinutes: number; lockMinutes: number };

/** Login throttling per account (the login name as typed, whether or not it exists) and per client address. */
export type ThrottlePolicy = { account: LockRule; address: LockRule };

export const DEFAULT_THROTTLE_POLICY: Readonly<ThrottlePolicy> = Object.freeze({
  account: Object.freeze({ maxFailures: 5, windowMinutes: 15, lockMinutes: 15 }),
  address: Object.freeze({ maxFailures: 20, windowMinutes: 15, lockMinutes: 15 }),
});

/**
 * The recent failed logins the caller has recorded: failures are those where a password was checked and did not
 * match (or the account does not exist); attempts refused by the throttle are not recorded, so a lock does not
 * extend itself. `accountLastSuccessAt` clears the account's earlier failures (never the address's).
 */
export type LoginFailures = {
  accountFailures: readonly Date[];
  addressFailures: readonly Date[];
  accountLastSuccessAt?: Date | null | undefined;
};

export type ThrottleDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Whole seconds until every lock has ended, for a Retry-After header. */
      retryAfterSeconds: number;
      /** Which rule locked, for the audit log only: never shown, so the user learns nothing about the account. */
      lockedBy: ('account' | 'address')[];
      message: DomainMessage;
    };

/**
 * The one message for every failed or refused login — wrong password, unknown account, locked account or
 * address — so the answer reveals nothing about which accounts exist or are locked (issue 7).
 */
export const LOGIN_FAILED_MESSAGE: Readonly<DomainMessage> = Object.freeze({
  code: 'loginFailed',
  message_vi:
    'Đăng nhập không thành công hoặc tạm thời bị khóa. Hãy kiểm tra tên đăng nhập và mật khẩu, hoặc thử lại sau ít phút.',
  message_en:
    'Sign-in failed or is temporarily locked. Check your login and password, or try again in a few minutes.',
});

const MINUTE_MS = 60_000;

/**
 * How far back, in minutes, the caller must load failures for checkLoginThrottle to see every lock still running:
 * the longest window plus lock of the two rules (issue 7).
 */
export function throttleLookbackMinutes(policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY): number {
  return Math.max(
    policy.account.windowMinutes + policy.account.lockMinutes,
    policy.address.windowMinutes + policy.address.lockMinutes,
  );
}

/**
 * The instant, in epoch milliseconds, until which a rule locks: the latest failure that completes `maxFailures`
 * failures within the window, plus the lock; null when no burst reaches the threshold.
 */
function lockedUntil(failures: readonly Date[], rule: LockRule): number | null {
  const times = failures
    .map((d) => d.getTime())
    .filter((t) => !Number.isNaN(t))
    .sort((a, b) => a - b);
  const k = Math.max(1, Math.floor(rule.maxFailures));
  const windowMs = rule.windowMinutes * MINUTE_MS;
  let until: number | null = null;
  for (let i = k - 1; i < times.length; i++) {
    const last = times[i];
    const first = times[i - k + 1];
    if (last === undefined || first === undefined) continue;
    if (last - first <= windowMs) until = last + rule.lockMinutes * MINUTE_MS;
  }
  return until;
}

/**
 * Whether a login attempt may proceed at `now`, given recent failures for the account and for the address: each
 * rule locks from the failure that reaches its threshold within its window until the lock ends (defaults: 5 per
 * account or 20 per address within 15 minutes lock for 15 minutes); a refusal carries the generic message (issue 7).
 */
export function checkLoginThrottle(
  failures: LoginFailures,
  now: Date,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): ThrottleDecision {
  const since = failures.accountLastSuccessAt?.getTime();
  const accountFailures =
    since === undefined || Number.isNaN(since)
      ? failures.accountFailures
      : failures.accountFailures.filter((d) => d.getTime() > since);
  const t = now.getTime();
  const locks: { by: 'account' | 'address'; until: number }[] = [];
  const account = lockedUntil(accountFailures, policy.account);
  if (account !== null && account > t) locks.push({ by: 'account', until: account });
  const address = lockedUntil(failures.addressFailures, policy.address);
  if (address !== null && address > t) locks.push({ by: 'address', until: address });
  if (locks.length === 0) return { allowed: true };
  const until = Math.max(...locks.map((l) => l.until));
  return {
    allowed: false,
    retryAfterSeconds: Math.ceil((until - t) / 1000),
    lockedBy: locks.map((l) => l.by),
    message: LOGIN_FAILED_MESSAGE,
  };
}

/**
 * The key failures are counted under for an account: the login as typed, NFKC-normalised, trimmed and lower-cased,
 * so attempts on an account that does not exist are counted and locked exactly like those on one that does.
 */
export function throttleAccountKey(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}

/** The eight 16-bit groups of a valid IPv6 address (as accepted by node:net isIPv6), or null. */
function expandIPv6(address: string): number[] | null {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  const parse = (s: string | undefined): number[] =>
    s === undefined || s === '' ? [] : s.split(':').map((h) => parseInt(h, 16));
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const fill = 8 - head.length - tail.length;
  if (halves.length > 2 || fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}

/**
 * The key failures are counted under for a client address: IPv4 as is, IPv4-mapped IPv6 as its IPv4, other IPv6
 * by its /64 network (one subscriber usually holds a whole /64), anything unparseable as given, lower-cased.
 */
export function throttleAddressKey(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return address.trim().toLowerCase();
  const groups = expandIPv6(bare.toLowerCase());
  if (!groups) return bare.toLowerCase();
  const isMapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMapped) {
    const [, , , , , , hi = 0, lo = 0] = groups;
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}
