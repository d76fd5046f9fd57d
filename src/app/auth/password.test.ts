import { scryptSync } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import type { ScryptParams } from './password.js';
import {
  DEFAULT_SCRYPT_PARAMS,
  checkPasswordPolicy,
  hashPassword,
  isValidScryptParams,
  verifyPassword,
  verifyPasswordForMissingAccount,
} from './password.js';

/** Cheap parameters so most tests run fast; the defaults are exercised once. */
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };
const FORMAT = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Builds a stored hash by hand, independently of hashPassword, to check interoperability and limits. */
function handMade(password: string, params: ScryptParams, salt: Buffer, keyLength = 32): string {
  const hash = scryptSync(password, salt, keyLength, { ...params, maxmem: 256 * 1024 * 1024 });
  const b64 = (b: Buffer): string => b.toString('base64').replace(/=+$/, '');
  return `scrypt$N=${params.N},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

describe('hashPassword', () => {
  it('uses the default parameters (N=32768, r=8, p=3) and verifies with them', async () => {
    const stored = await hashPassword('một cụm từ đủ dài');
    const m = FORMAT.exec(stored);
    expect(m?.slice(1, 4)).toEqual(['32768', '8', '3']);
    expect(Buffer.from(m?.[4] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(m?.[5] ?? '', 'base64')).toHaveLength(32);
    expect(await verifyPassword('một cụm từ đủ dài', stored)).toEqual({ ok: true, needsRehash: false });
  });

  it('writes the parameters it was given and a fresh salt every time', async () => {
    const a = await hashPassword('correct horse battery', FAST);
    const b = await hashPassword('correct horse battery', FAST);
    expect(a).toMatch(/^scrypt\$N=1024,r=8,p=1\$/);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).not.toBe(b.split('$')[2]);
  });

  it('produces what plain scrypt produces for the same salt (self-describing, portable)', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    const salt = Buffer.from(stored.split('$')[2] ?? '', 'base64');
    expect(handMade('correct horse battery', FAST, salt)).toBe(stored);
  });

  it.each<[string, ScryptParams]>([
    ['N not a power of two', { N: 1000, r: 8, p: 1 }],
    ['N below 2', { N: 1, r: 8, p: 1 }],
    ['N above 2^20', { N: 2 ** 21, r: 1, p: 1 }],
    ['r of 0', { N: 1024, r: 0, p: 1 }],
    ['p above 16', { N: 1024, r: 8, p: 17 }],
    ['memory above 256 MiB', { N: 2 ** 20, r: 8, p: 1 }],
    ['a fraction', { N: 1024, r: 8.5, p: 1 }],
  ])('refuses %s', async (_label, params) => {
    expect(isValidScryptParams(params)).toBe(false);
    await expect(hashPassword('correct horse battery', params)).rejects.toThrow(RangeError);
  });

  it.each<[ScryptParams]>([[DEFAULT_SCRYPT_PARAMS], [{ N: 2 ** 17, r: 8, p: 1 }], [{ N: 2, r: 1, p: 1 }]])(
    'accepts %j',
    (params) => expect(isValidScryptParams(params)).toBe(true),
  );
});

describe('verifyPassword', () => {
  it.each([
    ['the same password', 'correct horse battery', true],
    ['another password', 'correct horse batterz', false],
    ['a prefix', 'correct horse batter', false],
    ['different case', 'Correct horse battery', false],
    ['the empty string', '', false],
  ])('%s → ok %s', async (_label, attempt, expected) => {
    const stored = await hashPassword('correct horse battery', FAST);
    const r = await verifyPassword(attempt, stored, FAST);
    expect(r.ok).toBe(expected);
    if (!r.ok) expect(r).toEqual({ ok: false, needsRehash: false, reason: 'mismatch' });
  });

  it('matches composed and decomposed Vietnamese (NFC vs NFD input) as the same password', async () => {
    const composed = 'Mật khẩu tiếng Việt'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    const stored = await hashPassword(composed, FAST);
    expect((await verifyPassword(decomposed, stored, FAST)).ok).toBe(true);
  });

  it.each<[string, ScryptParams, ScryptParams, number, number, boolean]>([
    ['current parameters', FAST, FAST, 16, 32, false],
    ['weaker N', { N: 512, r: 8, p: 1 }, FAST, 16, 32, true],
    ['other r', { N: 1024, r: 4, p: 1 }, FAST, 16, 32, true],
    ['other p', { N: 1024, r: 8, p: 2 }, FAST, 16, 32, true],
    ['a short legacy salt', FAST, FAST, 8, 32, true],
    ['a longer hash', FAST, FAST, 16, 64, true],
  ])('a match with %s → needsRehash %s', async (_label, storedParams, current, saltLen, keyLen, expected) => {
    const stored = handMade('correct horse battery', storedParams, Buffer.alloc(saltLen, 7), keyLen);
    expect(await verifyPassword('correct horse battery', stored, current)).toEqual({
      ok: true,
      needsRehash: expected,
    });
  });

  it('does not ask for a rehash when the password is wrong, even with old parameters', async () => {
    const stored = handMade('correct horse battery', { N: 512, r: 8, p: 1 }, Buffer.alloc(16, 1));
    expect(await verifyPassword('wrong horse battery', stored, FAST)).toEqual({
      ok: false,
      needsRehash: false,
      reason: 'mismatch',
    });
  });

  const good = handMade('correct horse battery', FAST, Buffer.alloc(16, 3));
  const [, , salt = '', hash = ''] = good.split('$');
  it.each([
    ['empty', ''],
    ['another algorithm', good.replace('scrypt$', 'argon2id$')],
    ['missing hash', `scrypt$N=1024,r=8,p=1$${salt}`],
    ['parameters out of order', `scrypt$r=8,N=1024,p=1$${salt}$${hash}`],
    ['N not a power of two', `scrypt$N=1000,r=8,p=1$${salt}$${hash}`],
    ['memory too large', `scrypt$N=1048576,r=32,p=1$${salt}$${hash}`],
    ['padded base64', `scrypt$N=1024,r=8,p=1$${salt}==$${hash}`],
    ['non-canonical base64 (padding bits set)', `scrypt$N=1024,r=8,p=1$${salt.slice(0, -1)}x$${hash}`],
    ['base64url characters', `scrypt$N=1024,r=8,p=1$${salt.replace(/./, '-')}$${hash}`],
    ['salt under 8 bytes', `scrypt$N=1024,r=8,p=1$AAAAAA$${hash}`],
    ['hash under 16 bytes', `scrypt$N=1024,r=8,p=1$${salt}$AAAAAAAAAA`],
    [
      'hash over 64 bytes',
      `scrypt$N=1024,r=8,p=1$${salt}$${Buffer.alloc(65, 1).toString('base64').replace(/=+$/, '')}`,
    ],
    ['trailing text', `${good}$x`],
    ['a plain-text password', 'correct horse battery'],
  ])('a stored value that is %s is malformed, never a match', async (_label, stored) => {
    expect(await verifyPassword('correct horse battery', stored, FAST)).toEqual({
      ok: false,
      needsRehash: false,
      reason: 'malformed',
    });
  });

  it('accepts the well-formed value the malformed cases are built from', async () => {
    expect((await verifyPassword('correct horse battery', good, FAST)).ok).toBe(true);
  });
});

describe('verifyPasswordForMissingAccount', () => {
  it('always fails as a mismatch', async () => {
    expect(await verifyPasswordForMissingAccount('correct horse battery', FAST)).toEqual({
      ok: false,
      needsRehash: false,
      reason: 'mismatch',
    });
  });
});

describe('checkPasswordPolicy', () => {
  it.each([
    ['12 characters', 'abcdefghijkl', null],
    ['11 characters', 'abcdefghijk', 'passwordTooShort'],
    ['empty', '', 'passwordTooShort'],
    ['12 Vietnamese letters counted as characters, not bytes', 'đường phố hà', null],
    [
      '11 letters typed decomposed (21 code points) counted composed',
      'ẩẩẩẩẩẩbbbbb'.normalize('NFD'),
      'passwordTooShort',
    ],
    ['11 astral code points (22 UTF-16 units)', '𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒷', 'passwordTooShort'],
    ['128 characters', 'ab'.repeat(64), null],
    ['129 characters', 'ab'.repeat(64) + 'c', 'passwordTooLong'],
    ['a common password', 'password1234', 'passwordTooCommon'],
    ['a common password in other case', 'PassWord1234', 'passwordTooCommon'],
    ['a common Vietnamese password', 'matkhau123456', 'passwordTooCommon'],
    ['one character repeated', 'zzzzzzzzzzzzzz', 'passwordTooCommon'],
    ['only lower-case letters and spaces (no composition rules)', 'ngựa đúng pin kẹp ghim', null],
  ])('%s → %s', (_label, password, code) => {
    const r = checkPasswordPolicy(password);
    if (code === null) {
      expect(r).toEqual({ ok: true, value: null });
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.message_vi).not.toBe('');
      expect(r.error.message_en).not.toBe('');
      expect(r.error.message_vi).not.toBe(r.error.message_en);
    }
  });

  it('says in both languages how long the password is and must be', () => {
    const r = checkPasswordPolicy('ngắn quá');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'passwordTooShort',
        message_vi: 'Mật khẩu phải có ít nhất 12 ký tự (hiện có 8).',
        message_en: 'The password must be at least 12 characters long (it has 8).',
      },
    });
  });

  const context = { login: 'nguyenvana', email: 'van.a@sotttt.gov.vn', displayName: 'Nguyễn Văn A' };
  it.each([
    ['containing the login', 'xin chao nguyenvana', 'passwordContainsAccountName'],
    ['containing the login in upper case', 'NGUYENVANA rất an toàn', 'passwordContainsAccountName'],
    ['containing the e-mail local part', 'mã của van.a năm nay', 'passwordContainsAccountName'],
    ['containing the name without spaces', 'toi la nguyễnvăna đây', 'passwordContainsAccountName'],
    ['unrelated to the account', 'bốn con ngựa chạy', null],
  ])('%s → %s', (_label, password, code) => {
    const r = checkPasswordPolicy(password, context);
    expect(r.ok ? null : r.error.code).toBe(code);
  });

  it('ignores context words shorter than 4 characters', () => {
    expect(checkPasswordPolicy('một cụm từ có abc bên trong', { login: 'abc' }).ok).toBe(true);
  });
});
