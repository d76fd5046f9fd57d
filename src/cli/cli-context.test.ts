import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/app-error.js';
import { parseWholeNumber, parseYear } from './cli-context.js';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('parseWholeNumber', () => {
  it.each([
    ['3', { min: 1 }, 3],
    [' 30 ', { min: 0 }, 30],
    ['0', { min: 0, max: 65535 }, 0],
    ['65535', { min: 0, max: 65535 }, 65535],
  ])('reads %j within %j as %i', (text, range, n) => {
    expect(parseWholeNumber(text, '--n', range)).toBe(n);
  });

  it.each([
    ['0', { min: 1 }],
    ['-1', { min: 0 }],
    ['1.5', { min: 1 }],
    ['1e3', { min: 1 }],
    ['', { min: 0 }],
    ['abc', { min: 1 }],
    ['65536', { min: 0, max: 65535 }],
  ])('refuses %j within %j as a usage error naming the option', (text, range) => {
    const e = refusal(() => parseWholeNumber(text, '--n', range));
    expect(e.code).toBe('usage');
    expect(e.message_vi).toContain(`--n «${text}»`);
    expect(e.message_en).toContain(`--n «${text}»`);
  });

  it('says which numbers it takes, in both languages', () => {
    expect(refusal(() => parseWholeNumber('0', '--version', { min: 1 }))).toMatchObject({
      message_vi: '--version «0» phải là số nguyên dương.',
      message_en: '--version «0» must be a positive whole number.',
    });
    expect(refusal(() => parseWholeNumber('x', '--port', { min: 0, max: 65535 }))).toMatchObject({
      message_vi: '--port «x» phải là số nguyên từ 0 đến 65535.',
      message_en: '--port «x» must be a whole number from 0 to 65535.',
    });
    expect(refusal(() => parseWholeNumber('-1', '--horizon', { min: 0 }))).toMatchObject({
      message_vi: '--horizon «-1» phải là số nguyên ≥ 0.',
      message_en: '--horizon «-1» must be a whole number ≥ 0.',
    });
  });
});

describe('parseYear', () => {
  it('reads a four-digit year from 1900 to 2100', () => {
    expect(parseYear('2022', '--year')).toBe(2022);
    expect(parseYear('1900', '--year')).toBe(1900);
    expect(parseYear('2100', '--year')).toBe(2100);
  });

  it.each(['22', '1899', '2101', '2022.0', 'abc'])(
    'refuses %j as a usage error naming the option',
    (text) => {
      const e = refusal(() => parseYear(text, '--start-year'));
      expect(e.code).toBe('usage');
      expect(e.message_vi).toBe(`--start-year «${text}» phải là một năm từ 1900 đến 2100 (ví dụ 2025).`);
      expect(e.message_en).toBe(`--start-year «${text}» must be a year from 1900 to 2100 (e.g. 2025).`);
    },
  );
});
