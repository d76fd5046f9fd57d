import { describe, it, expect } from 'vitest';
import type { RegisterChange } from './register-change.js';
import { registerChange, registerChangePhrase } from './register-change.js';

const values = (entries: [string, boolean | undefined][]): Map<string, boolean | undefined> =>
  new Map(entries);
const set = (...units: string[]) => ({ count: units.length, units });

describe('registerChange', () => {
  it.each<[string, [string, boolean | undefined][], [string, boolean | undefined][], RegisterChange]>([
    ['nothing recorded', [], [], { from: set(), to: set(), closed: set(), opened: set() }],
    [
      'lacking at both periods',
      [['V1', false]],
      [['V1', false]],
      { from: set('V1'), to: set('V1'), closed: set(), opened: set() },
    ],
    [
      'gap closed: false then true',
      [['V1', false]],
      [['V1', true]],
      { from: set('V1'), to: set(), closed: set('V1'), opened: set() },
    ],
    [
      'gap opened: true then false',
      [['V1', true]],
      [['V1', false]],
      { from: set(), to: set('V1'), closed: set(), opened: set('V1') },
    ],
    [
      'unit added since P1 and lacking: opened',
      [],
      [['V9', false]],
      { from: set(), to: set('V9'), closed: set(), opened: set('V9') },
    ],
    [
      'unit without a value (undefined) at P1 and lacking: opened',
      [['V9', undefined]],
      [['V9', false]],
      { from: set(), to: set('V9'), closed: set(), opened: set('V9') },
    ],
    [
      'lacking at P1, no value at P2: neither closed nor lacking',
      [['V1', false]],
      [['V1', undefined]],
      { from: set('V1'), to: set(), closed: set(), opened: set() },
    ],
    [
      'lacking at P1, unit gone at P2: neither closed nor lacking',
      [['V1', false]],
      [],
      { from: set('V1'), to: set(), closed: set(), opened: set() },
    ],
    [
      'covered at both',
      [['V1', true]],
      [['V1', true]],
      { from: set(), to: set(), closed: set(), opened: set() },
    ],
    [
      'units sorted by code whatever the input order',
      [
        ['V3', false],
        ['V1', false],
        ['V2', true],
      ],
      [
        ['V2', false],
        ['V3', true],
        ['V1', true],
      ],
      { from: set('V1', 'V3'), to: set('V2'), closed: set('V1', 'V3'), opened: set('V2') },
    ],
  ])('%s', (_name, p1, p2, expected) => {
    expect(registerChange(values(p1), values(p2))).toEqual(expected);
  });

  it('reproduces Lào Cai 2024Q2: 4 villages got mobile broadband, 6 still without', () => {
    const code = (i: number) => `V${String(i).padStart(2, '0')}`;
    const q1 = values(Array.from({ length: 20 }, (_, i) => [code(i + 1), i >= 10]));
    const q2 = values(Array.from({ length: 20 }, (_, i) => [code(i + 1), i < 4 || i >= 10]));
    const change = registerChange(q1, q2);
    expect(change.from.count).toBe(10);
    expect(change.to).toEqual(set('V05', 'V06', 'V07', 'V08', 'V09', 'V10'));
    expect(change.closed).toEqual(set('V01', 'V02', 'V03', 'V04'));
    expect(change.opened).toEqual(set());
    expect(registerChangePhrase(change, { vi: 'thôn', enOne: 'village', enMany: 'villages' })).toEqual({
      vi: 'xóa được 4 thôn, còn 6 thôn',
      en: '4 villages no longer lacking, 6 villages still lacking',
    });
  });
});

describe('registerChangePhrase', () => {
  const noun = { vi: 'thôn', enOne: 'village', enMany: 'villages' };
  const change = (closed: number, remaining: number): RegisterChange => ({
    from: set(),
    to: { count: remaining, units: [] },
    closed: { count: closed, units: [] },
    opened: set(),
  });
  it.each([
    [1, 0, 'xóa được 1 thôn, còn 0 thôn', '1 village no longer lacking, 0 villages still lacking'],
    [
      10851,
      1234567,
      'xóa được 10.851 thôn, còn 1.234.567 thôn',
      '10,851 villages no longer lacking, 1,234,567 villages still lacking',
    ],
    [144, 56, 'xóa được 144 thôn, còn 56 thôn', '144 villages no longer lacking, 56 villages still lacking'],
  ])('closed %i, remaining %i', (closed, remaining, vi, en) => {
    expect(registerChangePhrase(change(closed, remaining), noun)).toEqual({ vi, en });
  });
});
