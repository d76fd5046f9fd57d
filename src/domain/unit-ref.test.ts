import { describe, expect, it } from 'vitest';
import { formatUnitRef, parseUnitRef, splitUnitRef } from './unit-ref.js';

describe('splitUnitRef', () => {
  it.each([
    ['15', { set: null, code: '15' }],
    ['pre2025:10', { set: 'pre2025', code: '10' }],
    [' pre2025 : 10 ', { set: ' pre2025 ', code: ' 10 ' }],
    [':15', { set: '', code: '15' }],
    ['x:y:z', { set: 'x', code: 'y:z' }],
  ])('splits %j at its first colon', (text, expected) => {
    expect(splitUnitRef(text)).toEqual(expected);
  });
});

describe('parseUnitRef', () => {
  it.each([
    ['15', { set: '2025', code: '15' }],
    ['pre2025:15', { set: 'pre2025', code: '15' }],
    ['2025:00004', { set: '2025', code: '00004' }],
    [' workspace:LCI-STTTT ', { set: 'workspace', code: 'LCI-STTTT' }],
    ['02440-T01', { set: '2025', code: '02440-T01' }],
  ])('reads %j', (text, expected) => {
    expect(parseUnitRef(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', ':15', 'pre2025:', 'a b', 'pre 2025:10', 'x:y:z', '-10'])(
    'refuses %j in both languages',
    (text) => {
      const result = parseUnitRef(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.message_vi).toContain(`«${text}»`);
        expect(result.error.message_en).toContain(`«${text}»`);
      }
    },
  );

  it('uses the default set it is given', () => {
    expect(parseUnitRef('10', 'pre2025')).toEqual({ ok: true, value: { set: 'pre2025', code: '10' } });
  });
});

describe('formatUnitRef', () => {
  it.each([
    [{ set: '2025', code: '15' }, '15'],
    [{ set: 'pre2025', code: '10' }, 'pre2025:10'],
  ])('writes %j as %s', (ref, text) => {
    expect(formatUnitRef(ref)).toBe(text);
    expect(parseUnitRef(text)).toEqual({ ok: true, value: ref });
  });

  it('writes a workspace unit by its bare code, which the lookup finds after the current set', () => {
    expect(formatUnitRef({ set: 'workspace', code: 'LCI-STTTT' })).toBe('LCI-STTTT');
  });
});
