import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { importWorkbook } from '../../src/app/import/import-workbook.js';
import { buildReport } from '../../src/app/report/build-report.js';
import { renderReport } from '../../src/app/report/render-report.js';
import { loadOfficialUnits } from '../../src/app/units/load-official-units.js';
import { inlineText, type ReportDocument, type ReportSection } from '../../src/domain/report-document.js';
import { renderMarkdown } from '../../src/io/report/render-markdown.js';
import type { Db } from '../../src/store/db.js';
import { createTestDb } from '../support/test-db.js';

// The demo's 2024S1 report (Lào Cai, meeting of 18 July 2024), in Vietnamese and English, against golden files:
// the published sentences with the published figures. UPDATE_GOLDEN=1 rewrites the files after a reviewed change.

const DEMO = fileURLToPath(new URL('../../data/demo/lao-cai-2024', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

function checkGolden(name: string, text: string): void {
  const path = golden(name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** The document's whole text, without traces: what a reader reads. */
function plainText(doc: ReportDocument): string {
  const blocks = (s: ReportSection): string[] => [
    s.title,
    ...s.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [inlineText(b.parts)] : b.kind === 'list' ? b.items.map(inlineText) : [],
    ),
    ...s.sections.flatMap(blocks),
  ];
  return [
    ...doc.opening.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : [])),
    ...doc.sections.flatMap(blocks),
  ].join('\n');
}

describe('the demo report of 2024S1', () => {
  let db: Db;
  let ctx: AppContext;
  let vi: ReportDocument;
  let en: ReportDocument;

  beforeAll(async () => {
    db = await createTestDb('pglite');
    ctx = { db, now: () => new Date('2024-07-18T02:00:00Z') };
    await loadOfficialUnits(ctx, 'pre2025');
    await importWorkbook(ctx, LOCAL_ADMIN, { path: DEMO });
    vi = await buildReport(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period: '2024S1' });
    en = await buildReport(ctx, LOCAL_ADMIN, { plan: 'LCI-DX-2024', period: '2024S1', lang: 'en' });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('states the published figures in Vietnamese', () => {
    const text = plainText(vi);
    expect(text).toContain(
      '6 tháng đầu năm 2024, trong tổng số 24 mục tiêu của kế hoạch, có 8 mục tiêu hoàn thành và vượt kế hoạch giao; 11 mục tiêu đạt trên 80% kế hoạch giao; 4 mục tiêu đạt 50% - 80% kế hoạch giao; 1 mục tiêu dưới 50% kế hoạch giao.',
    );
  });

  it('matches the golden files', async () => {
    checkGolden('demo-2024S1.vi.golden.md', renderMarkdown(vi));
    checkGolden('demo-2024S1.en.golden.md', renderMarkdown(en));
    const html = await renderReport(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      period: '2024S1',
      format: 'html',
    });
    expect(html.contentType).toBe('text/html; charset=utf-8');
  });
});
