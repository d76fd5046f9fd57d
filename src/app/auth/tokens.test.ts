import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
  API_TOKEN_PREFIX,
  csrfMatches,
  hashToken,
  isApiTokenShape,
  isSessionTokenShape,
  newApiToken,
  newCsrfToken,
  newSessionToken,
} from './tokens.js';

describe('new tokens', () => {
  it.each([
    ['session', newSessionToken, /^[A-Za-z0-9_-]{43}$/],
    ['CSRF', newCsrfToken, /^[A-Za-z0-9_-]{43}$/],
    ['API', newApiToken, /^dxm_[A-Za-z0-9_-]{43}$/],
  ])('a %s token has its shape, carries 32 bytes and is never repeated', (_label, make, shape) => {
    const tokens = Array.from({ length: 200 }, make);
    for (const t of tokens) expect(t).toMatch(shape);
    expect(new Set(tokens).size).toBe(200);
    const body = (tokens[0] ?? '').replace(API_TOKEN_PREFIX, '');
    expect(Buffer.from(body, 'base64url')).toHaveLength(32);
  });

  it('draws bits evenly (no constant bytes across tokens)', () => {
    const bytes = Array.from({ length: 64 }, () => Buffer.from(newSessionToken(), 'base64url'));
    const constantPositions = Array.from({ length: 32 }, (_, i) => i).filter((i) =>
      bytes.every((b) => b[i] === bytes[0]?.[i]),
    );
    expect(constantPositions).toEqual([]);
  });
});

describe('token shapes', () => {
  const session = newSessionToken();
  const api = newApiToken();
  it.each<[string, unknown, boolean, boolean]>([
    ['a session token', session, true, false],
    ['an API token', api, false, true],
    ['an API token without its prefix', api.slice(4), true, false],
    ['a session token with one character fewer', session.slice(1), false, false],
    ['a session token with one character more', session + 'A', false, false],
    ['standard base64 characters', session.slice(1) + '+', false, false],
    ['padding', session.slice(1) + '=', false, false],
    ['an upper-case prefix', 'DXM_' + api.slice(4), false, false],
    ['the empty string', '', false, false],
    ['a number', 42, false, false],
    ['undefined', undefined, false, false],
  ])('%s: session shape %s, API shape %s', (_label, value, sessionShape, apiShape) => {
    expect(isSessionTokenShape(value)).toBe(sessionShape);
    expect(isApiTokenShape(value)).toBe(apiShape);
  });
});

describe('hashToken', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('is SHA-256 hex of %j', (token, hex) => {
    expect(hashToken(token)).toBe(hex);
  });

  it('gives 64 lower-case hex characters, stable for a token and different between tokens', () => {
    const t = newApiToken();
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).toBe(createHash('sha256').update(t).digest('hex'));
    expect(hashToken(t)).not.toBe(hashToken(newApiToken()));
  });
});

describe('csrfMatches', () => {
  const token = newCsrfToken();
  it.each<[string, string | null | undefined, string | null | undefined, boolean]>([
    ['the same token', token, token, true],
    ['another token', newCsrfToken(), token, false],
    ['one character changed', (token[0] === 'A' ? 'B' : 'A') + token.slice(1), token, false],
    ['a prefix', token.slice(0, 20), token, false],
    ['a longer string', token + 'x', token, false],
    ['nothing sent', undefined, token, false],
    ['null sent', null, token, false],
    ['empty sent', '', token, false],
    ['no token in the session', token, undefined, false],
    ['both empty', '', '', false],
    ['both missing', undefined, undefined, false],
  ])('%s → %s', (_label, sent, expected, result) => {
    expect(csrfMatches(sent, expected)).toBe(result);
  });
});
