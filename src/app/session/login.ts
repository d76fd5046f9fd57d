import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import {
  insertSession,
  loadLoginFailures,
  purgeLoginFailures,
  purgeSessions,
  recordLoginFailure,
  revokeSessionByHash,
} from '../../store/sessions.queries.js';
import {
  findUserByLoginKey,
  grantsOfUsers,
  setLastLogin,
  setUserPassword,
} from '../../store/users.queries.js';
import { hashPassword, verifyPassword, verifyPasswordForMissingAccount } from '../auth/password.js';
import { DEFAULT_SESSION_POLICY } from '../auth/session-policy.js';
import {
  DEFAULT_THROTTLE_POLICY,
  LOGIN_FAILED_MESSAGE,
  checkLoginThrottle,
  throttleAccountKey,
  throttleAddressKey,
  throttleLookbackMinutes,
} from '../auth/throttle.js';
import { hashToken, isSessionTokenShape, newCsrfToken, newSessionToken } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { DEMO_ACCOUNT_REFUSED } from '../users/demo-accounts.js';
import { toGrantSummary } from '../users/user-access.js';
import type { GrantSummary } from '../../contract/session.js';

export interface LoginInput {
  login: string;
  password: string;
  /** The client's address (for throttling and the audit log). */
  address: string;
  userAgent?: string | null;
  /** The session token the client already held, if any: it is revoked, so a session is never carried across a login. */
  previousToken?: string | null;
}

export interface LoginResult {
  /** The new session token for the cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: {
    login: string;
    displayName: string;
    mustChangePassword: boolean;
    grants: GrantSummary[];
  };
}

/** The one refusal for every failed login, whatever the cause (issue 7: lockout messages that reveal nothing). */
export function loginFailed(): AppError {
  return new AppError('unauthenticated', {
    vi: LOGIN_FAILED_MESSAGE.message_vi,
    en: LOGIN_FAILED_MESSAGE.message_en,
  });
}

/**
 * Signs a user in: refused with one generic message when throttled (per account and per address), unknown,
 * disabled or wrong; on success a fresh session (the previous one revoked), the hash upgraded when its
 * parameters are old, and an audit row; failures are recorded for the throttle and audited (issue 7).
 */
export async function login(ctx: AppContext, input: LoginInput): Promise<LoginResult> {
  const now = ctx.now();
  const throttle = ctx.auth?.throttle ?? DEFAULT_THROTTLE_POLICY;
  const accountKey = throttleAccountKey(input.login);
  const addressKey = throttleAddressKey(input.address);
  const since = new Date(now.getTime() - throttleLookbackMinutes(throttle) * 60_000);
  const user = accountKey === '' ? null : await findUserByLoginKey(ctx.db, accountKey);
  const failures = await loadLoginFailures(ctx.db, accountKey, addressKey, since);
  const audit = (ok: boolean, reason: string | null) =>
    insertAuditRows(ctx.db, [
      {
        actor: user?.login ?? null,
        source: 'web',
        address: input.address,
        action: 'login',
        entity: 'session',
        entityKey: accountKey.slice(0, 200),
        oldData: null,
        newData: { ok, ...(reason ? { reason } : {}) },
        at: now,
      },
    ]);
  const decision = checkLoginThrottle(
    { ...failures, accountLastSuccessAt: user?.lastLoginAt ?? null },
    now,
    throttle,
  );
  if (!decision.allowed) {
    await audit(false, `throttled:${decision.lockedBy.join('+')}`);
    throw loginFailed();
  }
  // A demo account's login and password are public: on a server that does not allow demo accounts (not a demo, or
  // not on a loopback address) its sign-in is refused with a message that says why, whatever the password.
  if (user?.demo && ctx.demoAccounts !== true) {
    await audit(false, 'demoAccountNotAllowed');
    throw new AppError('forbidden', DEMO_ACCOUNT_REFUSED, [
      { field: 'login', message_vi: DEMO_ACCOUNT_REFUSED.vi, message_en: DEMO_ACCOUNT_REFUSED.en },
    ]);
  }
  const verified =
    user && !user.disabled
      ? await verifyPassword(input.password, user.passwordHash, ctx.auth?.scrypt)
      : await verifyPasswordForMissingAccount(input.password, ctx.auth?.scrypt);
  if (!user || user.disabled || !verified.ok) {
    await recordLoginFailure(ctx.db, { accountKey, addressKey, at: now });
    await audit(false, !user ? 'unknownAccount' : user.disabled ? 'disabled' : 'badPassword');
    throw loginFailed();
  }
  const rehashed = verified.needsRehash ? await hashPassword(input.password, ctx.auth?.scrypt) : null;
  const policy = ctx.auth?.session ?? DEFAULT_SESSION_POLICY;
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  return ctx.db.transaction(async (tx) => {
    if (isSessionTokenShape(input.previousToken))
      await revokeSessionByHash(tx, hashToken(input.previousToken), now);
    if (rehashed) await setUserPassword(tx, user.id, rehashed, user.mustChangePassword, now);
    await setLastLogin(tx, user.id, now);
    // Housekeeping on each sign-in, so neither table grows without bound: failures too old to count toward any
    // lock, sessions past their absolute deadline or revoked more than a day ago.
    await purgeLoginFailures(tx, since);
    await purgeSessions(tx, now, new Date(now.getTime() - 86_400_000));
    await insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken,
      at: now,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 400) ?? null,
      address: input.address,
    });
    await insertAuditRows(tx, [
      {
        actor: user.login,
        source: 'web',
        address: input.address,
        action: 'login',
        entity: 'session',
        entityKey: user.login,
        oldData: null,
        newData: { ok: true, ...(rehashed ? { passwordRehashed: true } : {}) },
        at: now,
      },
    ]);
    const grants = await grantsOfUsers(tx, [user.id]);
    return {
      token,
      csrfToken,
      expiresAt,
      user: {
        login: user.login,
        displayName: user.displayName,
        mustChangePassword: user.mustChangePassword,
        grants: grants.map(toGrantSummary),
      },
    };
  });
}
