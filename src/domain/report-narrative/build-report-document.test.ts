import { describe, expect, it } from 'vitest';
import { DEFAULT_BAND_BOUNDARIES, countBands, shareOf, type Band } from '../band.js';
import { parsePeriod, type Period } from '../period.js';
import { inlineText, type ReportDocument, type ReportSection } from '../report-document.js';
import { buildReportDocument, chooseHighlights } from './build-report-document.js';
import type { NarrativeInput, NarrativeTarget } from './narrative-input.js';
import { documentDate, periodInSentence } from './phrases.js';

function period(id: string): Period {
  const p = parsePeriod(id);
  if (!p.ok) throw new Error(id);
  return p.value;
}

function target(
  indicator: string,
  band: Band,
  actual: number | null,
  goal: number,
  ratio: number | null,
): NarrativeTarget {
  return {
    indicator,
    indicatorName: `Tỷ lệ ${indicator}`,
    indicatorNameEn: `Share ${indicator}`,
    valueType: 'percent',
    direction: 'increase',
    measureUnit: '%',
    unit: { code: '15', name: 'Tỉnh Yên Bái' },
    period: '2022',
    actual,
    target: goal,
    ratio,
    band,
    forecast: null,
    leadUnit: { code: 'YBI-STTTT', name: 'Sở Thông tin và Truyền thông' },
  };
}

function input(over: Partial<NarrativeInput> = {}, targets: NarrativeTarget[] = []): NarrativeInput {
  const bands = countBands(targets.map((t) => t.band));
  return {
    lang: 'vi',
    plan: { code: 'YBI-565', name: 'Kế hoạch thực hiện Quyết định 565' },
    unit: { code: '15', name: 'Tỉnh Yên Bái', level: 'province' },
    period: period('2022S1'),
    issuedOn: '2022-07-28',
    evaluation: {
      total: targets.length,
      bands,
      boundaries: DEFAULT_BAND_BOUNDARIES,
      share: shareOf(bands.exceeded, targets.length),
      targets,
    },
    programmes: [],
    tasksAt: '2022-07-28',
    registers: [],
    index: [],
    notes: [],
    settings: {},
    ...over,
  };
}

function text(doc: ReportDocument): string {
  const section = (s: ReportSection): string[] => [
    `${s.number}. ${s.title}`,
    ...s.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? [inlineText(b.parts)] : b.kind === 'list' ? b.items.map(inlineText) : [],
    ),
    ...s.sections.flatMap(section),
  ];
  return doc.sections.flatMap(section).join('\n');
}

/** 14 of 38 met (Yên Bái, 2022 H1): 14 exceeded, 10 over 80 %, 10 from 50 to 80 %, 4 under 50 %. */
const yenBai: NarrativeTarget[] = [
  ...Array.from({ length: 14 }, (_, i) => target(`E${i + 1}`, 'exceeded', 100, 90, 1.1111)),
  ...Array.from({ length: 10 }, (_, i) => target(`O${i + 1}`, 'over80', 90, 100, 0.9)),
  ...Array.from({ length: 10 }, (_, i) => target(`F${i + 1}`, 'from50to80', 60, 100, 0.6)),
  ...Array.from({ length: 4 }, (_, i) => target(`U${i + 1}`, 'under50', 10, 100, 0.1)),
];

describe('buildReportDocument', () => {
  it.each([
    ['vi', '14/38', 'mục tiêu, đạt', '36,8%'],
    ['en', '14/38', ', that is', '36.8%'],
  ] as const)('writes the share a/b with its percentage (%s)', (lang, fraction, between, percent) => {
    const doc = buildReportDocument(input({ lang }, yenBai));
    const t = text(doc);
    expect(t).toContain(`${fraction}${lang === 'vi' ? ' ' : ''}${between} ${percent}.`);
  });

  it.each([
    [
      'vi',
      '6 tháng đầu năm 2022, trong tổng số 38 mục tiêu của kế hoạch, có 14 mục tiêu hoàn thành và vượt kế hoạch giao; 10 mục tiêu đạt trên 80% kế hoạch giao; 10 mục tiêu đạt 50% - 80% kế hoạch giao; 4 mục tiêu dưới 50% kế hoạch giao.',
    ],
    [
      'en',
      "In the first half of 2022, of the plan's 38 targets, 14 met or exceeded the planned target; 10 reached over 80% of the planned target; 10 reached 50%–80% of the planned target; 4 were below 50% of the planned target.",
    ],
  ] as const)('counts the targets per band in the committee’s words (%s)', (lang, sentence) => {
    expect(text(buildReportDocument(input({ lang }, yenBai)))).toContain(sentence);
  });

  it('writes English singulars and leaves empty bands out', () => {
    const one = [target('A', 'under50', 10, 100, 0.1)];
    const t = text(buildReportDocument(input({ lang: 'en' }, one)));
    expect(t).toContain("of the plan's 1 target, 1 was below 50% of the planned target.");
    expect(t).not.toContain('met or exceeded the planned target;');
  });

  it('leaves out every section without data', () => {
    const doc = buildReportDocument(input());
    expect(doc.sections).toEqual([]);
    expect(doc.figures).toEqual([]);
  });

  it('numbers the sections I., 1., a) and puts the secretariat’s paragraphs after the results', () => {
    const doc = buildReportDocument(
      input(
        {
          notes: [
            { section: 'recommendations', text: 'Đề nghị Bộ hỗ trợ.' },
            { section: 'assessment', text: 'Kết quả khá.\n\nCòn chậm ở cấp xã.' },
          ],
        },
        yenBai,
      ),
    );
    expect(doc.sections.map((s) => [s.number, s.key])).toEqual([
      ['I', 'results'],
      ['II', 'assessment'],
      ['III', 'recommendations'],
    ]);
    expect(doc.sections[0]?.sections[0]?.sections.map((s) => [s.number, s.key])).toEqual([
      ['a', 'highlights'],
      ['b', 'lagging'],
    ]);
    const assessment = doc.sections[1]?.blocks ?? [];
    expect(assessment).toEqual([
      { kind: 'paragraph', source: 'secretariat', parts: ['Kết quả khá.'] },
      { kind: 'paragraph', source: 'secretariat', parts: ['Còn chậm ở cấp xã.'] },
    ]);
  });

  it('gives every figure a trace, numbered in the order written', () => {
    const doc = buildReportDocument(input({}, yenBai));
    const seen: string[] = [];
    const walk = (s: ReportSection): void => {
      for (const b of s.blocks) {
        const runs = b.kind === 'paragraph' ? [b.parts] : b.kind === 'list' ? b.items : [];
        for (const run of runs) for (const p of run) if (typeof p !== 'string') seen.push(p.trace.id);
      }
      s.sections.forEach(walk);
    };
    doc.sections.forEach(walk);
    expect(seen).toEqual(doc.figures.map((f) => f.id));
    expect(seen).toEqual(seen.map((_, i) => `F${i + 1}`));
    expect(doc.figures[0]?.href).toBe('/api/v1/plans/YBI-565/evaluation?period=2022S1&unit=15');
  });

  it('names the targets below 50% with their lead units', () => {
    const t = text(buildReportDocument(input({}, yenBai)));
    expect(t).toContain('Tỷ lệ U1: đạt 10%/100% (đơn vị chủ trì: Sở Thông tin và Truyền thông);');
  });

  it('uses the plan’s settings in the heading and signature, defaults elsewhere', () => {
    const plain = buildReportDocument(input());
    expect(plain.heading).toMatchObject({
      parentBody: 'UBND TỈNH YÊN BÁI',
      issuingBody: 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ',
      numberLine: 'Số:      /BC-BCĐ',
      placeDate: 'Yên Bái, ngày 28 tháng 7 năm 2022',
      summary: 'Sơ kết 6 tháng đầu năm 2022 thực hiện Kế hoạch thực hiện Quyết định 565',
    });
    const set = buildReportDocument(
      input({
        settings: {
          number: 5,
          symbol: 'BC-BCĐCĐS',
          place: 'TP. Yên Bái',
          signer: 'Trần Huy Tuấn',
          signerTitle: 'Trưởng ban',
        },
      }),
    );
    expect(set.heading.numberLine).toBe('Số: 05/BC-BCĐCĐS');
    expect(set.heading.placeDate).toBe('TP. Yên Bái, ngày 28 tháng 7 năm 2022');
    expect(set.signature).toMatchObject({
      authority: ['TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN'],
      signer: 'Trần Huy Tuấn',
    });
  });

  it('writes task counts by status and the overdue tasks with their lead units', () => {
    const doc = buildReportDocument(
      input({
        programmes: [
          {
            code: 'DA06',
            name: 'Đề án 06',
            summary: {
              total: 38,
              byStatus: { completed: 1, recurring: 31, inProgress: 6, notStarted: 0, overdue: 1 },
            },
            overdue: [
              {
                code: 'T7',
                title: 'Làm sạch dữ liệu',
                due: '2022-06-30',
                leadUnit: { code: 'CA', name: 'Công an tỉnh' },
              },
            ],
          },
        ],
      }),
    );
    const t = text(doc);
    expect(t).toContain(
      'Đề án 06: tổng số 38 nhiệm vụ, trong đó 1 đã hoàn thành; 31 thực hiện thường xuyên; 6 đang triển khai.',
    );
    expect(t).toContain('Đến ngày 28/07/2022, có 1 nhiệm vụ quá hạn:');
    expect(t).toContain('Làm sạch dữ liệu (T7), hạn 30/06/2022; đơn vị chủ trì: Công an tỉnh;');
    expect(doc.figures.find((f) => f.what.startsWith('Số nhiệm vụ đã hoàn thành'))?.href).toBe(
      '/api/v1/tasks?programme=DA06&unit=15&at=2022-07-28&status=completed',
    );
  });

  it.each([
    [
      'vi',
      'Về hạ tầng băng rộng di động: Quý II/2024 xóa được 4 thôn, toàn tỉnh còn 6 thôn chưa có hạ tầng băng rộng di động.',
    ],
    [
      'en',
      'Mobile broadband: 4 villages gained it in Q2 2024; 1 village across the province still lacks it.',
    ],
  ] as const)('writes a register change (%s)', (lang, sentence) => {
    const doc = buildReportDocument(
      input({
        lang,
        registers: [
          {
            indicator: 'REG_MOBILE_BB',
            name: 'Thôn, bản có hạ tầng băng rộng di động',
            nameEn: 'Village has mobile broadband',
            noun: { vi: 'thôn', enOne: 'village', enMany: 'villages' },
            from: '2024Q1',
            to: '2024Q2',
            closed: 4,
            lacking: lang === 'vi' ? 6 : 1,
          },
        ],
      }),
    );
    expect(text(doc)).toContain(sentence);
  });

  it.each([
    ['vi', 'DTI năm 2023: tỉnh Yên Bái xếp hạng 12/63, tăng 3 bậc so với năm 2022, điểm 0,6419.'],
    ['en', 'DTI 2023: Tỉnh Yên Bái ranked 12th of 63, up 3 places from 2022, with a score of 0.6419.'],
  ] as const)('writes the index rank and its change (%s)', (lang, sentence) => {
    const doc = buildReportDocument(
      input({
        lang,
        index: [
          {
            methodology: { code: 'DTI', name: 'DTI' },
            year: 2023,
            score: 0.6419,
            rank: 12,
            of: 63,
            previousRank: 15,
            suggestion: null,
          },
        ],
      }),
    );
    expect(text(doc)).toContain(sentence);
  });
});

describe('chooseHighlights', () => {
  it('takes the met or exceeded percentages, furthest beyond their target first', () => {
    const chosen = chooseHighlights([
      target('A', 'exceeded', 97, 95, 1.0211),
      target('B', 'over80', 90, 100, 0.9),
      target('C', 'exceeded', 30, 10, 3),
      { ...target('D', 'exceeded', 200, 150, 1.3333), valueType: 'count' },
      target('E', 'exceeded', 95, 95, 1),
    ]);
    expect(chosen.map((t) => t.indicator)).toEqual(['C', 'A', 'E']);
  });
});

describe('phrases', () => {
  it.each([
    ['2020-03-05', 'ngày 05 tháng 3 năm 2020', '5 March 2020'],
    ['2020-01-05', 'ngày 05 tháng 01 năm 2020', '5 January 2020'],
    ['2024-02-09', 'ngày 09 tháng 02 năm 2024', '9 February 2024'],
    ['2019-06-29', 'ngày 29 tháng 6 năm 2019', '29 June 2019'],
    ['2024-12-18', 'ngày 18 tháng 12 năm 2024', '18 December 2024'],
  ])('writes %s as the decree pads it', (iso, vi, en) => {
    expect(documentDate(iso, 'vi')).toBe(vi);
    expect(documentDate(iso, 'en')).toBe(en);
  });

  it.each([
    ['2024S1', '6 tháng đầu năm 2024', 'the first half of 2024'],
    ['2024Q2', 'Quý II/2024', 'Q2 2024'],
    ['2023', 'năm 2023', '2023'],
  ])('names %s inside a sentence', (id, vi, en) => {
    expect(periodInSentence(period(id), 'vi')).toBe(vi);
    expect(periodInSentence(period(id), 'en')).toBe(en);
  });
});
