import { describe, it, expect } from 'vitest';
import type { LoginFailures, ThrottleDecision } from './throttle.js';
import {
  DEFAULT_THROTTLE_POLICY,
  LOGIN_FAILED_MESSAGE,
  checkLoginThrottle,
  throttleAccountKey,
  throttleAddressKey,
  throttleLookbackMinutes,
} from './throttle.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);
const times = (...minutes: number[]): Date[] => minutes.map(at);
const range = (n: number, start = 0, step = 0.5): number[] =>
  Array.from({ length: n }, (_, i) => start + i * step);

const refused = (retryAfterSeconds: number, lockedBy: ('account' | 'address')[]): ThrottleDecision => ({
  allowed: false,
  retryAfterSeconds,
  lockedBy,
  message: LOGIN_FAILED_MESSAGE,
});

describe('checkLoginThrottle per account (5 failures in 15 min lock 15 min)', () => {
  it.each<[string, number[], number, ThrottleDecision]>([
    ['no failures', [], 0, { allowed: true }],
    ['4 failures', [0, 1, 2, 3], 3.5, { allowed: true }],
    ['5 failures: locked from the 5th', [0, 1, 2, 3, 4], 4, refused(900, ['account'])],
    ['5 failures, 10 min after the 5th', [0, 1, 2, 3, 4], 14, refused(300, ['account'])],
    ['5 failures, one second before the lock ends', [0, 1, 2, 3, 4], 19 - 1 / 60, refused(1, ['account'])],
    [
      '5 failures, half a second before the lock ends',
      [0, 1, 2, 3, 4],
      19 - 1 / 120,
      refused(1, ['account']),
    ],
    ['5 failures, as the lock ends', [0, 1, 2, 3, 4], 19, { allowed: true }],
    ['5 failures spread over exactly 15 min', [0, 4, 8, 12, 15], 16, refused(840, ['account'])],
    ['5 failures spread over 15 min 1 s', [0, 4, 8, 12, 15 + 1 / 60], 16, { allowed: true }],
    ['5 failures in any order', [4, 0, 3, 1, 2], 4, refused(900, ['account'])],
    ['a later burst extends the lock', [0, 1, 2, 3, 4, 20, 21, 22, 23, 24], 25, refused(840, ['account'])],
    ['an old burst and 4 new failures', [0, 1, 2, 3, 4, 30, 31, 32, 33], 34, { allowed: true }],
    ['a sliding window: 5 within 15 min among 7', [0, 10, 16, 18, 20, 22, 24], 25, refused(840, ['account'])],
  ])('%s → %j', (_label, failureMinutes, nowMinutes, expected) => {
    const failures: LoginFailures = { accountFailures: times(...failureMinutes), addressFailures: [] };
    expect(checkLoginThrottle(failures, at(nowMinutes))).toEqual(expected);
  });

  it.each<[string, Date | null | undefined, ThrottleDecision]>([
    ['a success after the 4th failure clears the earlier ones', at(3.5), { allowed: true }],
    ['a success before the failures clears nothing', at(-1), refused(900, ['account'])],
    ['a success at the same instant as the 1st failure clears it', at(0), { allowed: true }],
    ['no success recorded (null)', null, refused(900, ['account'])],
    ['an unreadable success time clears nothing', new Date(NaN), refused(900, ['account'])],
  ])('%s', (_label, accountLastSuccessAt, expected) => {
    const failures = { accountFailures: times(0, 1, 2, 3, 4), addressFailures: [], accountLastSuccessAt };
    expect(checkLoginThrottle(failures, at(4))).toEqual(expected);
  });

  it.each<[string, Date[], ThrottleDecision]>([
    [
      '3 readable failures between 2 unreadable ones',
      [at(0), new Date(NaN), at(1), new Date(NaN), at(2)],
      { allowed: true },
    ],
    [
      '5 readable failures among unreadable ones',
      [at(0), new Date(NaN), at(1), new Date(NaN), at(2), new Date(NaN), at(3), new Date(NaN), at(4)],
      refused(900, ['account']),
    ],
  ])('ignores unreadable failure times: %s', (_label, accountFailures, expected) => {
    expect(checkLoginThrottle({ accountFailures, addressFailures: [] }, at(4))).toEqual(expected);
  });
});

describe('checkLoginThrottle per address (20 failures in 15 min lock 15 min)', () => {
  it.each<[string, number[], number, ThrottleDecision]>([
    ['19 failures', range(19), 10, { allowed: true }],
    ['20 failures: locked from the 20th', range(20), 9.5, refused(900, ['address'])],
    ['20 failures, as the lock ends', range(20), 24.5, { allowed: true }],
    ['20 failures over more than 15 min', range(20, 0, 1), 19.5, { allowed: true }],
  ])('%s → %j', (_label, failureMinutes, nowMinutes, expected) => {
    const failures = { accountFailures: [], addressFailures: times(...failureMinutes) };
    expect(checkLoginThrottle(failures, at(nowMinutes))).toEqual(expected);
  });

  it('is not cleared by a success on the account', () => {
    const failures = {
      accountFailures: [],
      addressFailures: times(...range(20)),
      accountLastSuccessAt: at(9.6),
    };
    expect(checkLoginThrottle(failures, at(10))).toEqual(refused(870, ['address']));
  });
});

describe('checkLoginThrottle with both rules', () => {
  it.each<[string, number[], number[], number, ThrottleDecision]>([
    [
      'both locked: retry after the later lock',
      [0, 1, 2, 3, 4],
      range(20, 0, 0.25),
      5,
      refused(885, ['account', 'address']),
    ],
    [
      'account lock longer than address lock',
      [1, 2, 3, 4, 5],
      range(20, 0, 0.1),
      6,
      refused(840, ['account', 'address']),
    ],
    ['only the address locked', [0, 1], range(20), 10, refused(870, ['address'])],
    ['neither', [0, 1, 2], range(10), 10, { allowed: true }],
  ])('%s', (_label, account, address, now, expected) => {
    const failures = { accountFailures: times(...account), addressFailures: times(...address) };
    expect(checkLoginThrottle(failures, at(now))).toEqual(expected);
  });

  it('follows a custom policy', () => {
    const policy = {
      account: { maxFailures: 3, windowMinutes: 5, lockMinutes: 60 },
      address: { maxFailures: 100, windowMinutes: 5, lockMinutes: 1 },
    };
    const failures = { accountFailures: times(0, 2, 4), addressFailures: [] };
    expect(checkLoginThrottle(failures, at(30), policy)).toEqual(refused(34 * 60, ['account']));
    expect(checkLoginThrottle({ ...failures, accountFailures: times(0, 2, 6) }, at(30), policy)).toEqual({
      allowed: true,
    });
  });
});

describe('throttleLookbackMinutes', () => {
  it.each([
    ['the defaults', DEFAULT_THROTTLE_POLICY, 30],
    [
      'the longer of the two rules',
      {
        account: { maxFailures: 5, windowMinutes: 10, lockMinutes: 60 },
        address: { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 },
      },
      70,
    ],
  ])('%s → %i', (_label, policy, minutes) => {
    expect(throttleLookbackMinutes(policy)).toBe(minutes);
  });

  it('is long enough: failures older than the lookback never change a decision', () => {
    const old = times(-31, -30.5, -30.2, -30.1, -30.05);
    expect(checkLoginThrottle({ accountFailures: old, addressFailures: [] }, at(0))).toEqual({
      allowed: true,
    });
    const recent = times(-29.9, -29.8, -29.7, -29.6, -15);
    expect(checkLoginThrottle({ accountFailures: recent, addressFailures: [] }, at(0)).allowed).toBe(true);
    const edge = times(-29.8, -29.7, -29.6, -29.5, -14.9);
    expect(checkLoginThrottle({ accountFailures: edge, addressFailures: [] }, at(0)).allowed).toBe(false);
  });
});

describe('LOGIN_FAILED_MESSAGE', () => {
  it('is one generic message in Vietnamese and English', () => {
    expect(LOGIN_FAILED_MESSAGE.code).toBe('loginFailed');
    expect(LOGIN_FAILED_MESSAGE.message_vi).toMatch(/^Đăng nhập không thành công hoặc tạm thời bị khóa/);
    expect(LOGIN_FAILED_MESSAGE.message_en).toMatch(/^Sign-in failed or is temporarily locked/);
  });
});

describe('throttleAccountKey', () => {
  it.each([
    ['NguyenVanA', 'nguyenvana'],
    ['  nguyenvana@so.gov.vn ', 'nguyenvana@so.gov.vn'],
    ['Nguyễn'.normalize('NFD'), 'nguyễn'],
    ['ｎｇｕｙｅｎ', 'nguyen'],
  ])('%j → %j', (login, key) => {
    expect(throttleAccountKey(login)).toBe(key);
  });
});

describe('throttleAddressKey', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    [' 10.0.0.1 ', '10.0.0.1'],
    ['::ffff:1.2.3.4', '1.2.3.4'],
    ['::FFFF:102:304', '1.2.3.4'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:DB8:0:0:ffff::2', '2001:db8:0:0::/64'],
    ['[2001:db8:a:b:c::1]', '2001:db8:a:b::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::1.2.3.4', '64:ff9b:0:0::/64'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4::/64'],
    ['unknown', 'unknown'],
    ['Not An Address', 'not an address'],
  ])('%j → %j', (address, key) => {
    expect(throttleAddressKey(address)).toBe(key);
  });
});
