import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/app-error.js';
import { fastifyTrustProxy, parseTrustProxy } from './trust-proxy.js';

function refusal(value: string): AppError {
  try {
    parseTrustProxy(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`${value} was accepted`);
}

describe('parseTrustProxy', () => {
  it.each([undefined, '', '  ', '0'])('%j: no proxy', (value) => {
    expect(parseTrustProxy(value)).toBeNull();
  });

  it.each([
    ['1', { hops: 1 }],
    [' 2 ', { hops: 2 }],
    ['10.0.0.5', { proxies: ['10.0.0.5'] }],
    ['10.0.0.5, 10.0.1.0/24', { proxies: ['10.0.0.5', '10.0.1.0/24'] }],
    ['::1,fd00::/8,loopback', { proxies: ['::1', 'fd00::/8', 'loopback'] }],
    ['uniquelocal', { proxies: ['uniquelocal'] }],
  ])('%j', (value, setting) => {
    expect(parseTrustProxy(value)).toEqual(setting);
  });

  it.each(['true', 'TRUE', 'yes', 'all', '*'])(
    '%j (every address) is refused, saying why in both languages',
    (value) => {
      const error = refusal(value);
      expect(error.code).toBe('usage');
      expect(error.message_en).toContain(`DXMON_TRUST_PROXY=«${value}»`);
      expect(error.message_en).toMatch(/every address.*X-Forwarded-For.*throttle/);
      expect(error.message_vi).toMatch(/mọi địa chỉ.*X-Forwarded-For/);
      expect(error.message_en).toContain('e.g. 1');
    },
  );

  it.each([
    ['0.0.0.0/0', /prefix length from 1 to 32/],
    ['::/0', /prefix length from 1 to 128/],
    ['10.0.0.0/33', /prefix length from 1 to 32/],
    ['10.0.0.0/x', /prefix length/],
    ['proxy.example.org', /not an IP address or CIDR range/],
    ['10.0.0.5,,10.0.0.6', /an entry is empty/],
    ['11', /at most 10 proxies/],
    ['false', /not an IP address/],
  ])('%j is refused', (value, reason) => {
    const error = refusal(value);
    expect(error.code).toBe('usage');
    expect(error.message_en).toMatch(reason);
    expect(error.message_vi).toContain(`DXMON_TRUST_PROXY=«${value}»`);
  });
});

describe('fastifyTrustProxy', () => {
  it('trusts exactly the given number of hops, counted from the connection', () => {
    const trust = fastifyTrustProxy({ hops: 1 });
    if (typeof trust !== 'function') throw new Error('a function was expected');
    expect(trust('10.0.0.5', 0)).toBe(true);
    expect(trust('198.51.100.7', 1)).toBe(false);
  });

  it('passes a list of addresses on', () => {
    expect(fastifyTrustProxy({ proxies: ['10.0.0.5', 'loopback'] })).toEqual(['10.0.0.5', 'loopback']);
  });
});
