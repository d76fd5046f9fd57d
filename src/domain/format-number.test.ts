import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent } from './format-number.js';

describe('formatNumber', () => {
  it.each([
    [10851, 'vi', 0, false, '10.851'],
    [10851, 'en', 0, false, '10,851'],
    [40590, 'vi', 2, false, '40.590'],
    [0.6419, 'vi', 4, true, '0,6419'],
    [0.4736, 'en', 4, true, '0.4736'],
    [0.5, 'vi', 4, true, '0,5000'],
    [1.005, 'en', 2, false, '1.01'],
    [-2.5, 'vi', 0, false, '-3'],
    [1234567.891, 'vi', 2, false, '1.234.567,89'],
  ] as const)('writes %s in %s with %s digits (fixed %s) as %s', (n, lang, digits, fixed, text) => {
    expect(formatNumber(n, lang, digits, fixed)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [(14 / 38) * 100, 'vi', 1, '36,8%'],
    [(14 / 38) * 100, 'en', 1, '36.8%'],
    [66.285, 'vi', 2, '66,29%'],
    [97, 'vi', 1, '97%'],
  ] as const)('writes %s in %s as %s', (p, lang, digits, text) => {
    expect(formatPercent(p, lang, digits)).toBe(text);
  });
});
