import { describe, expect, it } from 'vitest';
import { DEFAULT_BAND_BOUNDARIES, shareOf } from '../../domain/band.js';
import { parsePeriod } from '../../domain/period.js';
import { buildReportDocument } from '../../domain/report-narrative/build-report-document.js';
import type { NarrativeInput } from '../../domain/report-narrative/narrative-input.js';
import type { ReportDocument } from '../../domain/report-document.js';
import { escapeHtml, renderHtml } from './render-html.js';
import { escapeMarkdown, renderMarkdown } from './render-markdown.js';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

function hostileDocument(): ReportDocument {
  const p = parsePeriod('2024Q2');
  if (!p.ok) throw new Error('period');
  const input: NarrativeInput = {
    lang: 'vi',
    plan: { code: 'P<1>', name: HOSTILE },
    unit: { code: '15', name: `Tỉnh ${HOSTILE}`, level: 'province' },
    period: p.value,
    issuedOn: '2024-07-05',
    evaluation: {
      total: 1,
      bands: { exceeded: 1, over80: 0, from50to80: 0, under50: 0, noData: 0 },
      boundaries: DEFAULT_BAND_BOUNDARIES,
      share: shareOf(1, 1),
      targets: [
        {
          indicator: 'X"><script>',
          indicatorName: `Tỷ lệ ${HOSTILE}`,
          indicatorNameEn: null,
          valueType: 'percent',
          direction: 'increase',
          measureUnit: '%',
          unit: { code: '15', name: 'Tỉnh' },
          period: '2024',
          actual: 97,
          target: 95,
          ratio: 1.0211,
          band: 'exceeded',
          forecast: null,
          leadUnit: { code: 'S', name: HOSTILE },
        },
      ],
    },
    programmes: [],
    tasksAt: '2024-07-05',
    registers: [],
    index: [],
    notes: [{ section: 'assessment', text: `Đánh giá ${HOSTILE} *đậm* [liên kết](javascript:alert(1))` }],
    settings: { issuingBody: HOSTILE, signer: HOSTILE },
  };
  return buildReportDocument(input);
}

describe('renderHtml', () => {
  const html = renderHtml(hostileDocument());

  it('leaves every hostile text inert: no script, no element or attribute from the data', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('onerror=alert(1)>');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).toContain(
      'href="/api/v1/plans/P%3C1%3E/targets/X%22%3E%3Cscript%3E/trace?period=2024Q2&amp;unit=15"',
    );
  });

  it('is one self-contained printable page: inline style, A4, the serif font stack, two-column heading', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).toContain('@page { size: A4; margin: 20mm 15mm 20mm 30mm; }');
    expect(html).toContain('"Times New Roman", "Liberation Serif", Tinos');
    expect(html).toMatch(/<table class="heading"><tr>\n<td class="left">[\s\S]*<td class="right">/);
    expect(html).not.toMatch(/<link|src="http|<iframe/);
  });

  it('links each figure to its trace and names it', () => {
    expect(html).toMatch(
      /<a class="figure" id="F1" title="[^"]*" href="\/api\/v1\/plans\/P%3C1%3E\/evaluation\?period=2024Q2&amp;unit=15">1 mục tiêu<\/a>/,
    );
  });

  it('escapes quotes and ampersands', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(hostileDocument());

  it('escapes markup in the data and keeps figures as reference links', () => {
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
    expect(md).toContain('\\*đậm\\* \\[liên kết\\](javascript:alert(1))');
    expect(md).toMatch(/đạt \[97%\/95%\]\[F\d+\]/);
    expect(md).toMatch(/^\[F1\]: \/api\/v1\/plans\/P%3C1%3E\/evaluation\?period=2024Q2&unit=15 "/m);
  });

  it('writes the heading, numbered sections, the end mark and the signature', () => {
    expect(md).toContain(
      '| Số:      /BC-BCĐ | *Lào Cai, ngày 05 tháng 7 năm 2024* |'.replace(
        'Lào Cai',
        HOSTILE.replace(/[<>*_[\]|#~\\`]/g, (c) => `\\${c}`),
      ),
    );
    expect(md).toContain('## I. KẾT QUẢ THỰC HIỆN');
    expect(md).toContain('### 1. Kết quả thực hiện các mục tiêu');
    expect(md).toContain('#### a) Một số mục tiêu nổi bật');
    expect(md).toContain('## II. ĐÁNH GIÁ CHUNG');
    expect(md).toContain('\n\n./.\n\n**TM. BAN CHỈ ĐẠO**  \n**TRƯỞNG BAN**');
  });

  it('escapes each markup character', () => {
    expect(escapeMarkdown('a*b_c[d]|e#f')).toBe('a\\*b\\_c\\[d\\]\\|e\\#f');
  });
});
