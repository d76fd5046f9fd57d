import { describe, it, expect } from 'vitest';
import type { SessionExpiry } from './session-policy.js';
import { DEFAULT_SESSION_POLICY, sessionDeadline, sessionExpiry, shouldTouch } from './session-policy.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);
const SEC = 1 / 60;

describe('sessionExpiry with the defaults (30 min idle, 12 h absolute)', () => {
  it.each<[string, number, number, SessionExpiry]>([
    ['just created', 0, 0, 'valid'],
    ['seen a minute ago', 100, 101, 'valid'],
    ['idle one second short of 30 min', 100, 130 - SEC, 'valid'],
    ['idle exactly 30 min', 100, 130, 'idleExpired'],
    ['idle 2 h', 100, 220, 'idleExpired'],
    ['active, one second short of 12 h', 715, 720 - SEC, 'valid'],
    ['active, exactly 12 h', 715, 720, 'absoluteExpired'],
    ['both idle and past 12 h: absolute wins', 0, 800, 'absoluteExpired'],
    ['last seen in the future (clock skew)', 10, 5, 'valid'],
  ])('%s → %s', (_label, lastSeenMin, nowMin, expected) => {
    expect(sessionExpiry({ createdAt: at(0), lastSeenAt: at(lastSeenMin) }, at(nowMin))).toBe(expected);
  });

  it.each([
    ['created at', { createdAt: new Date(NaN), lastSeenAt: at(0) }, at(1)],
    ['last seen', { createdAt: at(0), lastSeenAt: new Date(NaN) }, at(1)],
    ['now', { createdAt: at(0), lastSeenAt: at(0) }, new Date(NaN)],
  ])('an invalid %s fails closed', (_label, session, now) => {
    expect(sessionExpiry(session, now)).toBe('absoluteExpired');
  });
});

describe('sessionExpiry with another policy', () => {
  const policy = { idleMinutes: 5, absoluteHours: 1 };
  it.each<[number, number, SessionExpiry]>([
    [0, 4, 'valid'],
    [0, 5, 'idleExpired'],
    [58, 59, 'valid'],
    [58, 60, 'absoluteExpired'],
  ])('last seen %i min, now %i min → %s', (lastSeenMin, nowMin, expected) => {
    expect(sessionExpiry({ createdAt: at(0), lastSeenAt: at(lastSeenMin) }, at(nowMin), policy)).toBe(
      expected,
    );
  });
});

describe('sessionDeadline', () => {
  it.each([
    ['idle deadline first', 60, DEFAULT_SESSION_POLICY, 90],
    ['absolute deadline first', 710, DEFAULT_SESSION_POLICY, 720],
    ['exactly the same', 690, DEFAULT_SESSION_POLICY, 720],
    ['another policy', 10, { idleMinutes: 5, absoluteHours: 1 }, 15],
  ])('%s', (_label, lastSeenMin, policy, deadlineMin) => {
    const session = { createdAt: at(0), lastSeenAt: at(lastSeenMin) };
    const deadline = sessionDeadline(session, policy);
    expect(deadline).toEqual(at(deadlineMin));
    expect(sessionExpiry(session, new Date(deadline.getTime() - 1), policy)).toBe('valid');
    expect(sessionExpiry(session, deadline, policy)).not.toBe('valid');
  });
});

describe('shouldTouch', () => {
  it.each<[string, Date, Date, number | undefined, boolean]>([
    ['same instant', at(0), at(0), undefined, false],
    ['59 s later', at(0), new Date(T0 + 59_000), undefined, false],
    ['60 s later', at(0), new Date(T0 + 60_000), undefined, true],
    ['an hour later', at(0), at(60), undefined, true],
    ['last seen in the future (clock skew)', at(2), at(0), undefined, false],
    ['unreadable last seen', new Date(NaN), at(0), undefined, true],
    ['custom 10 s interval, 9 s later', at(0), new Date(T0 + 9_000), 10, false],
    ['custom 10 s interval, 10 s later', at(0), new Date(T0 + 10_000), 10, true],
  ])('%s → %s', (_label, lastSeenAt, now, interval, expected) => {
    expect(
      interval === undefined ? shouldTouch(lastSeenAt, now) : shouldTouch(lastSeenAt, now, interval),
    ).toBe(expected);
  });
});
