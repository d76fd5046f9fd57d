import { describe, expect, it } from 'vitest';
import { formatChange, formatScore } from './composite-index.command.js';

describe('formatScore', () => {
  it.each([
    [0.6419, 'vi', '0,6419'],
    [0.5, 'en', '0.5000'],
    [0.00005, 'vi', '0,0001'],
    // 0.00035 × 100 / 100 is the double 0.00034999999999999994, read as the 0.00035 it stands for.
    [(0.00035 * 100) / 100, 'en', '0.0004'],
    [null, 'vi', '—'],
  ] as const)('writes %s in %s as %s (4 decimals, half away from zero)', (score, lang, text) => {
    expect(formatScore(lang, score)).toBe(text);
  });
});

describe('formatChange', () => {
  it.each([
    [0.6629, 'vi', '+66,29%'],
    [0.6629, 'en', '+66.29%'],
    [-0.125, 'vi', '-12,50%'],
    [0.00005, 'vi', '+0,01%'],
    // 0.00035 × 100 is the double 0.034999999999999996: half away from zero of 0.035, not the binary 0.03.
    [0.00035, 'vi', '+0,04%'],
    [0.00001, 'en', '0.00%'],
    [-0.00001, 'en', '0.00%'],
    [0, 'vi', '0,00%'],
    [null, 'en', '—'],
  ] as const)('writes %s in %s as %s', (change, lang, text) => {
    expect(formatChange(lang, change)).toBe(text);
  });
});
