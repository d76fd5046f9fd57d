import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { DomainMessage, Result } from '../../domain/result.js';
import { err, ok } from '../../domain/result.js';

/** scrypt cost parameters: N (CPU/memory cost, a power of two), r (block size), p (parallelisation). */
export type ScryptParams = { N: number; r: number; p: number };

/**
 * The cost new hashes get: OWASP's scrypt equivalent of N=2^17,r=8,p=1 that needs only 32 MiB per hash, so four
 * concurrent logins (libuv's default pool) fit in 128 MiB; about 0.3 s per hash on one core of a small server.
 */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 32768, r: 8, p: 3 });

export const SALT_BYTES = 16;
export const HASH_BYTES = 32;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Bounds on parameters read back from storage, so a corrupted or hostile row cannot exhaust memory or CPU. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

const B64 = /^[A-Za-z0-9+/]+$/;
const STORED = /^scrypt\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The outcome of checking a password: on success, whether the stored hash should be replaced by a fresh one. */
export type VerifyResult =
  { ok: true; needsRehash: boolean } | { ok: false; needsRehash: false; reason: 'mismatch' | 'malformed' };

type ParsedHash = { params: ScryptParams; salt: Buffer; hash: Buffer };

/** Whether scrypt parameters are within the bounds this module accepts (N a power of two ≥ 2, memory ≤ 256 MiB). */
export function isValidScryptParams(params: ScryptParams): boolean {
  const { N, r, p } = params;
  return (
    Number.isSafeInteger(N) &&
    Number.isSafeInteger(r) &&
    Number.isSafeInteger(p) &&
    N >= 2 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    r >= 1 &&
    r <= MAX_R &&
    p >= 1 &&
    p <= MAX_P &&
    scryptMemoryBytes(params) <= MAX_MEMORY_BYTES
  );
}

/** The memory OpenSSL's scrypt allocates for these parameters, in bytes (its own limit check uses this sum). */
function scryptMemoryBytes({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + p + 2);
}

/** Normalises a password to NFKC so the same characters typed through different Vietnamese input methods match. */
function normalize(password: string): string {
  return password.normalize('NFKC');
}

function derive(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      normalize(password),
      salt,
      keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: scryptMemoryBytes(params) + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function fromB64(text: string): Buffer | null {
  if (!B64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return b64(bytes) === text ? bytes : null;
}

function parseStored(stored: string): ParsedHash | null {
  const m = STORED.exec(stored);
  if (!m) return null;
  const [, n, r, p, saltText, hashText] = m;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isValidScryptParams(params) || saltText === undefined || hashText === undefined) return null;
  const salt = fromB64(saltText);
  const hash = fromB64(hashText);
  if (!salt || !hash || salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { params, salt, hash };
}

/** The self-describing storage form `scrypt$N=…,r=…,p=…$<salt>$<hash>` (unpadded standard base64). */
function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Hashes a password with scrypt and a fresh 16-byte salt, returning `scrypt$N=…,r=…,p=…$<salt b64>$<hash b64>`
 * so parameters can be raised later (issue 7); throws RangeError for parameters outside the accepted bounds.
 */
export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<string> {
  if (!isValidScryptParams(params))
    throw new RangeError(`Invalid scrypt parameters: ${JSON.stringify(params)}`);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, HASH_BYTES, params);
  return format(params, salt, hash);
}

/**
 * Checks a password against a stored hash in constant time, and says whether a successful match was made with
 * parameters, salt or hash length other than the current ones so the caller should store a new hash (issue 7).
 */
export async function verifyPassword(
  password: string,
  stored: string,
  current: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<VerifyResult> {
  const parsed = parseStored(stored);
  if (!parsed) return { ok: false, needsRehash: false, reason: 'malformed' };
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed.params);
  if (!timingSafeEqual(candidate, parsed.hash)) return { ok: false, needsRehash: false, reason: 'mismatch' };
  const { params, salt, hash } = parsed;
  const needsRehash =
    params.N !== current.N ||
    params.r !== current.r ||
    params.p !== current.p ||
    salt.length !== SALT_BYTES ||
    hash.length !== HASH_BYTES;
  return { ok: true, needsRehash };
}

/**
 * Spends the same time as verifyPassword with the current parameters and always fails, for logins naming an
 * account that does not exist, so response time does not reveal which accounts exist (issue 7).
 */
export async function verifyPasswordForMissingAccount(
  password: string,
  current: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<VerifyResult> {
  await derive(password, randomBytes(SALT_BYTES), HASH_BYTES, current);
  return { ok: false, needsRehash: false, reason: 'mismatch' };
}

/** Very common passwords of at least 12 characters (shorter ones already fail on length), compared lower-cased. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '123123123123',
  '111111111111',
  '000000000000',
  '123456789abc',
  'abc123456789',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qwertyuiop12',
  'qwertyuiopas',
  'qwerty123456',
  'qwertyqwerty',
  'asdfghjkl123',
  'password1234',
  'password123!',
  'passwordpassword',
  'iloveyou1234',
  'administrator',
  'admin1234567',
  'admin@123456',
  'welcome12345',
  'changeme1234',
  'matkhau12345',
  'matkhau123456',
  'matkhaumoi123',
  'anhyeuem1234',
  'anhyeuem123456',
  'emyeuanh1234',
  'vietnam12345',
  'vietnam123456',
  'chuyendoiso123',
  'chuyendoiso2025',
  'chuyendoiso2026',
]);

export type PasswordPolicyCode =
  'passwordTooShort' | 'passwordTooLong' | 'passwordTooCommon' | 'passwordContainsAccountName';

export type PasswordPolicyError = DomainMessage & { code: PasswordPolicyCode };

/** Words from the account a password must not contain (checked only when at least 4 characters long). */
export type PasswordContext = { login?: string | null; email?: string | null; displayName?: string | null };

/** The number of Unicode code points in a string, which is how password length is counted (NIST SP 800-63B). */
function codePoints(text: string): number {
  return [...text].length;
}

function contextWords(context: PasswordContext): string[] {
  const words: string[] = [];
  const add = (w: string | null | undefined): void => {
    const n = w?.normalize('NFKC').trim().toLowerCase();
    if (n && codePoints(n) >= 4) words.push(n);
  };
  add(context.login);
  add(context.email);
  add(context.email?.split('@')[0]);
  add(context.displayName?.replace(/\s+/g, ''));
  return words;
}

/**
 * Checks a new password against the policy: 12 to 128 characters (code points, after NFKC), not a very common
 * password or one repeated character, and not containing the account's login, e-mail or name; no composition
 * rules (ASVS 4.0 V2.1, issue 7). Returns the first failure as a vi/en message.
 */
export function checkPasswordPolicy(
  password: string,
  context: PasswordContext = {},
): Result<null, PasswordPolicyError> {
  const pw = normalize(password);
  const length = codePoints(pw);
  if (length < PASSWORD_MIN_LENGTH) {
    return err({
      code: 'passwordTooShort',
      message_vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự (hiện có ${length}).`,
      message_en: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length}).`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return err({
      code: 'passwordTooLong',
      message_vi: `Mật khẩu không được dài quá ${PASSWORD_MAX_LENGTH} ký tự (hiện có ${length}).`,
      message_en: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long (it has ${length}).`,
    });
  }
  const lower = pw.toLowerCase();
  const oneCharacterRepeated = new Set(lower).size === 1;
  if (COMMON_PASSWORDS.has(lower) || oneCharacterRepeated) {
    return err({
      code: 'passwordTooCommon',
      message_vi: 'Mật khẩu này quá phổ biến và dễ bị đoán. Hãy chọn mật khẩu khác, ví dụ một cụm vài từ.',
      message_en:
        'This password is too common and easy to guess. Choose another, for example a phrase of a few words.',
    });
  }
  if (contextWords(context).some((w) => lower.includes(w))) {
    return err({
      code: 'passwordContainsAccountName',
      message_vi: 'Mật khẩu không được chứa tên đăng nhập, địa chỉ thư điện tử hoặc họ tên của tài khoản.',
      message_en: "The password must not contain the account's login, e-mail address or name.",
    });
  }
  return ok(null);
}
