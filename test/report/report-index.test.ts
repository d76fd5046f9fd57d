import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { loadIndexTemplate } from '../../src/app/composite-index/load-index-template.js';
import { publishIndexYear } from '../../src/app/composite-index/publish-index-year.js';
import { createPlan } from '../../src/app/plans/create-plan.js';
import { buildReport } from '../../src/app/report/build-report.js';
import { inlineText, type ReportSection } from '../../src/domain/report-document.js';
import type { Db } from '../../src/store/db.js';
import {
  createPre2025Provinces,
  PRE2025_PROVINCES,
  dti2022Values,
  insertYearValues,
} from '../support/composite-index-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// The report's index section: a province's rank in the published DTI 2022 and the what-if's top suggestion.

const M = 'dti-province-922-2022';

describe.each(TEST_DB_KINDS)('the report’s index section on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2023-07-20T00:00:00Z') };
    await createPre2025Provinces(db);
    await loadIndexTemplate(ctx, LOCAL_ADMIN, M);
    await insertYearValues(db, 2022, dti2022Values());
    await publishIndexYear(ctx, LOCAL_ADMIN, { methodology: M, year: 2022 });
    await createPlan(ctx, LOCAL_ADMIN, {
      code: 'P22',
      name: 'Kế hoạch CĐS 2023',
      unit: 'pre2025:22',
      startYear: 2023,
      endYear: 2023,
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  const sectionText = (s: ReportSection | undefined): string =>
    (s?.blocks ?? []).map((b) => (b.kind === 'paragraph' ? inlineText(b.parts) : '')).join('\n');

  it.each([
    [
      'vi',
      new RegExp(
        `năm 2022: .* xếp hạng 3/${PRE2025_PROVINCES.length}, điểm 0,\\d{4}\\.\\nGợi ý cải thiện: nâng .+ từ .+ lên .+ có thể giúp tăng 1 bậc\\.`,
      ),
    ],
    [
      'en',
      new RegExp(
        `2022: .* ranked 3rd of ${PRE2025_PROVINCES.length}, with a score of 0\\.\\d{4}\\.\\nSuggested improvement: raising .+ could gain 1 place\\.`,
      ),
    ],
  ] as const)('states the rank, the score and the top suggestion (%s)', async (lang, pattern) => {
    const doc = await buildReport(ctx, LOCAL_ADMIN, { plan: 'P22', period: '2023', lang });
    const results = doc.sections.find((s) => s.key === 'results');
    const index = results?.sections.find((s) => s.key === 'index');
    expect(sectionText(index)).toMatch(pattern);
    expect(doc.figures.some((f) => f.href === `/api/v1/index/${M}/results?year=2022`)).toBe(true);
  });

  it('leaves the section out for a year before any published one', async () => {
    const doc = await buildReport(ctx, LOCAL_ADMIN, { plan: 'P22', period: '2021' });
    expect(doc.sections.flatMap((s) => s.sections).some((s) => s.key === 'index')).toBe(false);
  });
});
