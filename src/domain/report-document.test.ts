import { describe, expect, it } from 'vitest';
import { inlineText, type Inline } from './report-document.js';

const trace = { id: 'F1', href: '/api/v1/plans/P/trace', what: 'x', sources: [] };

describe('inlineText', () => {
  it.each<[Inline[], string]>([
    [[], ''],
    [['có ', { text: '8', trace }, ' mục tiêu'], 'có 8 mục tiêu'],
    [[{ text: '36,8%', trace }], '36,8%'],
  ])('%j reads %j', (parts, text) => {
    expect(inlineText(parts)).toBe(text);
  });
});
