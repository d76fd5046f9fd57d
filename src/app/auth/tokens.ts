import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The prefix that marks an API token, so it is recognisable in logs, secret scanners and Authorization headers. */
export const API_TOKEN_PREFIX = 'dxm_';

/** Random bytes in every session, API and CSRF token: 256 bits. */
export const TOKEN_BYTES = 32;

/** 32 bytes in unpadded base64url are 43 characters. */
const TOKEN_BODY = /^[A-Za-z0-9_-]{43}$/;
const API_TOKEN = /^dxm_[A-Za-z0-9_-]{43}$/;

function randomToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** A new session token: 32 random bytes as 43 base64url characters; only its hash is stored (issue 7). */
export function newSessionToken(): string {
  return randomToken();
}

/** A new API token: `dxm_` followed by 32 random bytes as 43 base64url characters; shown once, stored hashed (issue 7). */
export function newApiToken(): string {
  return API_TOKEN_PREFIX + randomToken();
}

/** A new CSRF token: 32 random bytes as 43 base64url characters, kept with the session (issue 7). */
export function newCsrfToken(): string {
  return randomToken();
}

/** Whether a string has the shape of a session or CSRF token, so malformed cookies are refused before a lookup. */
export function isSessionTokenShape(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_BODY.test(value);
}

/** Whether a string has the shape of an API token (`dxm_` and 43 base64url characters). */
export function isApiTokenShape(value: unknown): value is string {
  return typeof value === 'string' && API_TOKEN.test(value);
}

/**
 * The SHA-256 of a token as 64 lower-case hex characters, the form sessions and API tokens are stored and looked up
 * in, so a leaked database does not yield usable tokens (issue 7); a fast hash suffices for 256-bit random tokens.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Whether the CSRF token a request sent equals the session's, compared in constant time over SHA-256 digests so
 * neither content nor length leaks through timing; a missing or empty token never matches (issue 7).
 */
export function csrfMatches(sent: string | null | undefined, expected: string | null | undefined): boolean {
  if (typeof sent !== 'string' || typeof expected !== 'string' || expected === '') return false;
  const a = createHash('sha256').update(sent, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
