import { BANDS, bandPhrase, type Band } from '../band.js';
import { formatNumber, formatPercent, type Lang } from '../format-number.js';
import { formatPeriod, parsePeriod } from '../period.js';
import type {
  FigureSource,
  FigureTrace,
  Inline,
  ReportBlock,
  ReportDocument,
  ReportHeading,
  ReportSection,
  ReportSignature,
} from '../report-document.js';
import { STATUS_PHRASES, type TaskStatus } from '../task-status.js';
import {
  NOTE_SECTIONS,
  type NarrativeIndex,
  type NarrativeInput,
  type NarrativeProgramme,
  type NarrativeRegister,
  type NarrativeTarget,
  type NoteSection,
} from './narrative-input.js';
import {
  actualOverTarget,
  apiPath,
  counted,
  documentDate,
  indicatorName,
  isPercentage,
  periodAtStart,
  periodInSentence,
  placeOf,
  shortDate,
  targetFigure,
  unitInSentence,
  upperFirst,
  wholeUnit,
} from './phrases.js';

/** At most this many highlights (docs/report.md, "highlights"). */
export const HIGHLIGHT_LIMIT = 10;

const TARGET = { vi: 'mục tiêu', enOne: 'target', enMany: 'targets' };
const TASK = { vi: 'nhiệm vụ', enOne: 'task', enMany: 'tasks' };

/** Statuses in the order the committee counts them ("1 đã hoàn thành; 31 thường xuyên; 6 đang triển khai"). */
const STATUS_ORDER: readonly TaskStatus[] = ['completed', 'recurring', 'inProgress', 'notStarted'];

const TITLES: Record<string, { vi: string; en: string }> = {
  results: { vi: 'KẾT QUẢ THỰC HIỆN', en: 'RESULTS' },
  targets: { vi: 'Kết quả thực hiện các mục tiêu', en: 'Targets' },
  highlights: { vi: 'Một số mục tiêu nổi bật', en: 'Highlights' },
  lagging: { vi: 'Mục tiêu đạt dưới 50% kế hoạch giao', en: 'Targets below 50% of the plan' },
  atRisk: { vi: 'Mục tiêu có nguy cơ không đạt', en: 'Targets forecast to miss' },
  tasks: { vi: 'Thực hiện nhiệm vụ', en: 'Tasks' },
  registers: { vi: 'Hạ tầng và các sổ theo dõi', en: 'Infrastructure and registers' },
  index: { vi: 'Chỉ số đánh giá, xếp hạng', en: 'Index and ranking' },
  assessment: { vi: 'ĐÁNH GIÁ CHUNG', en: 'OVERALL ASSESSMENT' },
  causes: { vi: 'TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', en: 'SHORTCOMINGS AND THEIR CAUSES' },
  nextTasks: { vi: 'NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI', en: 'TASKS FOR THE NEXT PERIOD' },
  recommendations: { vi: 'KIẾN NGHỊ, ĐỀ XUẤT', en: 'RECOMMENDATIONS' },
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
/** Điểm letters in the Vietnamese alphabet's order (no f, j, w, z). */
const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n'];

/** Collects the figures in the order they are written and gives each its id (`F1`, `F2`, …). */
class Figures {
  readonly list: FigureTrace[] = [];
  figure(text: string, href: string, what: string, sources: FigureSource[]): Inline {
    const trace: FigureTrace = { id: `F${this.list.length + 1}`, href, what, sources };
    this.list.push(trace);
    return { text, trace };
  }
}

interface Writer {
  input: NarrativeInput;
  lang: Lang;
  figures: Figures;
}

const para = (parts: Inline[], source: 'generated' | 'secretariat' = 'generated'): ReportBlock => ({
  kind: 'paragraph',
  source,
  parts,
});

function section(
  key: string,
  lang: Lang,
  blocks: ReportBlock[],
  sections: ReportSection[] = [],
): ReportSection {
  const title = TITLES[key]?.[lang] ?? key;
  return { key, number: '', title, blocks, sections };
}

/** Numbers the sections as printed: I., II. at the top, 1., 2. below, a), b) under those (docs/report.md). */
function numbered(sections: ReportSection[], depth = 0): ReportSection[] {
  return sections.map((s, i) => ({
    ...s,
    number:
      depth === 0 ? (ROMAN[i] ?? String(i + 1)) : depth === 1 ? String(i + 1) : (LETTERS[i] ?? String(i + 1)),
    sections: numbered(s.sections, depth + 1),
  }));
}

function evaluationHref(w: Writer): string {
  const { input } = w;
  return apiPath(`/plans/${encodeURIComponent(input.plan.code)}/evaluation`, {
    period: formatPeriod(input.period),
    unit: input.unit.code,
  });
}

function targetSource(t: NarrativeTarget, w: Writer): FigureSource {
  return {
    indicator: { code: t.indicator, name: indicatorName(t, w.lang) },
    unit: { code: t.unit.code, name: t.unit.name },
    period: formatPeriod(w.input.period),
    value: targetFigure(t, t.actual, w.lang),
    ...(t.target !== null ? { target: targetFigure(t, t.target, w.lang) } : {}),
  };
}

function targetTrace(t: NarrativeTarget, w: Writer): string {
  return apiPath(
    `/plans/${encodeURIComponent(w.input.plan.code)}/targets/${encodeURIComponent(t.indicator)}/trace`,
    { period: formatPeriod(w.input.period), unit: t.unit.code },
  );
}

function bandVerbEn(band: Band, n: number): string {
  if (band === 'under50') return n === 1 ? 'was ' : 'were ';
  if (band === 'noData') return n === 1 ? 'has ' : 'have ';
  return '';
}

/** "6 tháng đầu năm 2024, có 8 mục tiêu hoàn thành và vượt kế hoạch giao; 11 mục tiêu …" with each count traced. */
function bandParagraph(w: Writer): ReportBlock {
  const { input, lang, figures } = w;
  const e = input.evaluation;
  const parts: Inline[] = [];
  const present = BANDS.filter((b) => e.bands[b] > 0);
  if (lang === 'vi') {
    parts.push(`${periodAtStart(input.period, 'vi')}, trong tổng số `);
    parts.push(
      figures.figure(counted(e.total, TARGET, 'vi'), evaluationHref(w), 'Tổng số mục tiêu được đánh giá', []),
    );
    parts.push(' của kế hoạch, có ');
  } else {
    parts.push(`${periodAtStart(input.period, 'en')}, of the plan's `);
    parts.push(figures.figure(counted(e.total, TARGET, 'en'), evaluationHref(w), 'Targets evaluated', []));
    parts.push(', ');
  }
  present.forEach((band, i) => {
    const n = e.bands[band];
    const phrase = bandPhrase(band, lang, e.boundaries);
    const sources = e.targets
      .filter((t) => t.band === band)
      .sort(byCode)
      .map((t) => targetSource(t, w));
    const what = lang === 'vi' ? `Số mục tiêu ${phrase}` : `Targets: ${phrase}`;
    const text = lang === 'vi' ? counted(n, TARGET, 'vi') : formatNumber(n, 'en', 0);
    parts.push(figures.figure(text, evaluationHref(w), what, sources));
    parts.push(` ${lang === 'en' ? bandVerbEn(band, n) : ''}${phrase}`);
    parts.push(i === present.length - 1 ? '.' : '; ');
  });
  return para(parts);
}

/** "Số mục tiêu hoàn thành và vượt kế hoạch giao: 8/24 mục tiêu, đạt 33,3%." */
function shareParagraph(w: Writer): ReportBlock | null {
  const { input, lang, figures } = w;
  const { share, boundaries } = input.evaluation;
  if (share.percent === null) return null;
  const phrase = bandPhrase('exceeded', lang, boundaries);
  const fraction = figures.figure(
    `${share.a}/${share.b}`,
    evaluationHref(w),
    lang === 'vi' ? `Số mục tiêu ${phrase} trên tổng số` : `Targets that ${phrase}, of all`,
    [],
  );
  const percent = figures.figure(
    formatPercent(share.percent, lang),
    evaluationHref(w),
    lang === 'vi' ? `Tỷ lệ mục tiêu ${phrase}` : `Share of targets that ${phrase}`,
    [],
  );
  return lang === 'vi'
    ? para([`Số mục tiêu ${phrase}: `, fraction, ' mục tiêu, đạt ', percent, '.'])
    : para([`Targets that ${phrase}: `, fraction, ', that is ', percent, '.']);
}

function leadUnitText(t: NarrativeTarget, lang: Lang): string {
  if (!t.leadUnit) return '';
  return lang === 'vi' ? ` (đơn vị chủ trì: ${t.leadUnit.name})` : ` (lead unit: ${t.leadUnit.name})`;
}

const byCode = (a: NarrativeTarget, b: NarrativeTarget): number =>
  a.indicator < b.indicator
    ? -1
    : a.indicator > b.indicator
      ? 1
      : a.unit.code < b.unit.code
        ? -1
        : a.unit.code > b.unit.code
          ? 1
          : 0;

/**
 * The highlights (docs/report.md): the targets met or exceeded whose actual and target are percentages — the figures
 * the committee cites as "97%/95%" — furthest beyond their target first (highest ratio; equal ratios by indicator
 * code), at most HIGHLIGHT_LIMIT.
 */
export function chooseHighlights(targets: readonly NarrativeTarget[]): NarrativeTarget[] {
  return targets
    .filter(
      (t) => t.band === 'exceeded' && isPercentage(t) && typeof t.actual === 'number' && t.target !== null,
    )
    .sort((a, b) => (b.ratio ?? 0) - (a.ratio ?? 0) || byCode(a, b))
    .slice(0, HIGHLIGHT_LIMIT);
}

/** The targets in the lowest band, furthest below their target first (equal ratios by indicator code). */
export function chooseLagging(targets: readonly NarrativeTarget[]): NarrativeTarget[] {
  return targets
    .filter((t) => t.band === 'under50')
    .sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0) || byCode(a, b));
}

/** The targets forecast to miss: off track before at risk, then by indicator code. */
export function chooseAtRisk(targets: readonly NarrativeTarget[]): NarrativeTarget[] {
  const rank = (t: NarrativeTarget): number => (t.forecast?.status === 'offTrack' ? 0 : 1);
  return targets
    .filter((t) => t.forecast && (t.forecast.status === 'atRisk' || t.forecast.status === 'offTrack'))
    .sort((a, b) => rank(a) - rank(b) || byCode(a, b));
}

function targetItem(t: NarrativeTarget, w: Writer, tail: Inline[] = []): Inline[] {
  const { lang, figures } = w;
  const fig = figures.figure(
    actualOverTarget(t, lang),
    targetTrace(t, w),
    lang === 'vi'
      ? `Thực hiện/kế hoạch: ${indicatorName(t, lang)}`
      : `Actual/target: ${indicatorName(t, lang)}`,
    [targetSource(t, w)],
  );
  const verb = lang === 'vi' ? 'đạt' : 'reached';
  return [`${indicatorName(t, lang)}: ${verb} `, fig, ...tail, `${leadUnitText(t, lang)};`];
}

function forecastItem(t: NarrativeTarget, w: Writer): Inline[] {
  const { lang, figures } = w;
  const f = t.forecast!;
  const fig = figures.figure(
    targetFigure(t, f.value, lang),
    targetTrace(t, w),
    lang === 'vi'
      ? `Dự báo đến hết kỳ ${t.period}: ${indicatorName(t, lang)}`
      : `Forecast at ${t.period}: ${indicatorName(t, lang)}`,
    [targetSource(t, w)],
  );
  const target = targetFigure(t, t.target, lang);
  const status =
    f.status === 'offTrack'
      ? lang === 'vi'
        ? 'không đạt'
        : 'off track'
      : lang === 'vi'
        ? 'có nguy cơ không đạt'
        : 'at risk';
  return lang === 'vi'
    ? [
        `${indicatorName(t, lang)}: dự báo đạt `,
        fig,
        ` đến hết kỳ ${t.period} (kế hoạch ${target}), ${status}${leadUnitText(t, lang)};`,
      ]
    : [
        `${indicatorName(t, lang)}: forecast `,
        fig,
        ` by ${t.period} against ${target}, ${status}${leadUnitText(t, lang)};`,
      ];
}

function targetsSection(w: Writer): ReportSection | null {
  const { input, lang } = w;
  const e = input.evaluation;
  if (e.total === 0) return null;
  const blocks: ReportBlock[] = [bandParagraph(w)];
  const share = shareParagraph(w);
  if (share) blocks.push(share);
  blocks.push({
    kind: 'bandChart',
    caption: lang === 'vi' ? 'Số mục tiêu theo mức độ hoàn thành' : 'Targets by level of achievement',
    bars: BANDS.filter((b) => b !== 'noData' || e.bands.noData > 0).map((band) => ({
      band,
      label: upperFirst(bandPhrase(band, lang, e.boundaries)),
      count: e.bands[band],
    })),
  });
  const subsections: ReportSection[] = [];
  const highlights = chooseHighlights(e.targets);
  if (highlights.length > 0) {
    subsections.push(
      section('highlights', lang, [{ kind: 'list', items: highlights.map((t) => targetItem(t, w)) }]),
    );
  }
  const lagging = chooseLagging(e.targets);
  if (lagging.length > 0) {
    const lead =
      lang === 'vi' ? 'Các mục tiêu đạt dưới 50% kế hoạch giao:' : 'Targets below 50% of the planned target:';
    subsections.push(
      section('lagging', lang, [para([lead]), { kind: 'list', items: lagging.map((t) => targetItem(t, w)) }]),
    );
  }
  const atRisk = chooseAtRisk(e.targets);
  if (atRisk.length > 0) {
    const lead =
      lang === 'vi'
        ? 'Theo dự báo từ số liệu các kỳ đã qua, các mục tiêu sau có nguy cơ không đạt kế hoạch:'
        : 'Projected from the values of the periods so far, these targets may miss the plan:';
    subsections.push(
      section('atRisk', lang, [para([lead]), { kind: 'list', items: atRisk.map((t) => forecastItem(t, w)) }]),
    );
  }
  return section('targets', lang, blocks, subsections);
}

function taskHref(w: Writer, programme: string, extra: Record<string, string>): string {
  return apiPath('/tasks', { programme, unit: w.input.unit.code, at: w.input.tasksAt, ...extra });
}

function programmeBlocks(p: NarrativeProgramme, w: Writer): ReportBlock[] {
  const { lang, figures } = w;
  const unitSource = [
    { unit: { code: w.input.unit.code, name: w.input.unit.name }, period: w.input.tasksAt },
  ];
  const total = figures.figure(
    counted(p.summary.total, TASK, lang),
    taskHref(w, p.code, {}),
    lang === 'vi' ? `Số nhiệm vụ của ${p.name}` : `Tasks of ${p.name}`,
    unitSource,
  );
  const statuses = STATUS_ORDER.filter((s) => p.summary.byStatus[s] > 0);
  const parts: Inline[] = lang === 'vi' ? [`${p.name}: tổng số `, total] : [`${p.name}: `, total, ' in all'];
  statuses.forEach((s, i) => {
    const n = p.summary.byStatus[s];
    const phrase = STATUS_PHRASES[s][lang];
    parts.push(
      i === 0
        ? lang === 'vi'
          ? ', trong đó '
          : ' — '
        : lang === 'vi'
          ? '; '
          : i === statuses.length - 1
            ? ' and '
            : ', ',
    );
    parts.push(
      figures.figure(
        formatNumber(n, lang, 0),
        taskHref(w, p.code, { status: s }),
        lang === 'vi' ? `Số nhiệm vụ ${phrase} của ${p.name}` : `Tasks ${phrase} of ${p.name}`,
        unitSource,
      ),
    );
    parts.push(` ${phrase}`);
  });
  parts.push('.');
  const blocks: ReportBlock[] = [para(parts)];
  const overdueHref = taskHref(w, p.code, { overdue: 'true' });
  if (p.overdue.length === 0) {
    blocks.push(para([lang === 'vi' ? 'Không có nhiệm vụ quá hạn.' : 'No task is overdue.']));
    return blocks;
  }
  const n = figures.figure(
    counted(p.overdue.length, TASK, lang),
    overdueHref,
    lang === 'vi' ? `Số nhiệm vụ quá hạn của ${p.name}` : `Overdue tasks of ${p.name}`,
    unitSource,
  );
  const at = shortDate(w.input.tasksAt, lang);
  blocks.push(
    para(
      lang === 'vi'
        ? [`Đến ngày ${at}, có `, n, ' quá hạn:']
        : [`On ${at}, `, n, p.overdue.length === 1 ? ' is overdue:' : ' are overdue:'],
    ),
  );
  blocks.push({
    kind: 'list',
    items: p.overdue.map((t) => {
      const due = t.due ? shortDate(t.due, lang) : '';
      return lang === 'vi'
        ? [`${t.title} (${t.code}), hạn ${due}; đơn vị chủ trì: ${t.leadUnit.name};`]
        : [`${t.title} (${t.code}), due ${due}; lead unit: ${t.leadUnit.name};`];
    }),
  });
  return blocks;
}

function tasksSection(w: Writer): ReportSection | null {
  const programmes = w.input.programmes.filter((p) => p.summary.total > 0);
  if (programmes.length === 0) return null;
  return section(
    'tasks',
    w.lang,
    programmes.flatMap((p) => programmeBlocks(p, w)),
  );
}

/** What a register counts, after "có" / "has" in its name ("Thôn, bản có hạ tầng …" → "hạ tầng …"). */
function registerTopic(r: NarrativeRegister, lang: Lang): string {
  const name = lang === 'vi' ? r.name : (r.nameEn ?? r.name);
  const marker = lang === 'vi' ? ' có ' : ' has ';
  const at = name.indexOf(marker);
  return at >= 0 ? name.slice(at + marker.length) : name;
}

function registerParagraph(r: NarrativeRegister, w: Writer): ReportBlock {
  const { lang, figures, input } = w;
  const topic = registerTopic(r, lang);
  const unit = input.unit.code;
  const source = (period: string) => [
    {
      indicator: { code: r.indicator, name: lang === 'vi' ? r.name : (r.nameEn ?? r.name) },
      unit: { code: unit, name: input.unit.name },
      period,
    },
  ];
  const lackingFigure = (): Inline =>
    figures.figure(
      counted(r.lacking, r.noun, lang),
      apiPath(`/registers/${encodeURIComponent(r.indicator)}/lacking`, { period: r.to, unit }),
      lang === 'vi'
        ? `Số ${r.noun.vi} chưa có ${topic} (${r.to})`
        : `${upperFirst(r.noun.enMany)} without ${topic} (${r.to})`,
      source(r.to),
    );
  const whole = wholeUnit(input.unit.level, lang);
  const toLabel = periodLabelOf(r.to, lang);
  const parts: Inline[] = [];
  if (lang === 'vi') {
    parts.push(`Về ${topic}: `);
    if (r.from !== null && r.closed !== null) {
      parts.push(`${toLabel} xóa được `);
      parts.push(
        figures.figure(
          counted(r.closed, r.noun, lang),
          apiPath(`/registers/${encodeURIComponent(r.indicator)}/change`, { from: r.from, to: r.to, unit }),
          `Số ${r.noun.vi} đã có ${topic} từ ${r.from} đến ${r.to}`,
          [...source(r.from), ...source(r.to)],
        ),
      );
      parts.push(', ');
    }
    parts.push(`${whole ? `${whole} ` : ''}còn `, lackingFigure(), ` chưa có ${topic}.`);
  } else {
    parts.push(`${upperFirst(topic)}: `);
    if (r.from !== null && r.closed !== null) {
      parts.push(
        figures.figure(
          counted(r.closed, r.noun, lang),
          apiPath(`/registers/${encodeURIComponent(r.indicator)}/change`, { from: r.from, to: r.to, unit }),
          `${upperFirst(r.noun.enMany)} that gained ${topic} from ${r.from} to ${r.to}`,
          [...source(r.from), ...source(r.to)],
        ),
      );
      parts.push(` gained it in ${toLabel}; `);
    }
    parts.push(
      lackingFigure(),
      `${whole ? ` ${whole}` : ''} still ${r.lacking === 1 ? 'lacks' : 'lack'} it.`,
    );
  }
  return para(parts);
}

function periodLabelOf(id: string, lang: Lang): string {
  const parsed = parsePeriod(id);
  return parsed.ok ? periodInSentence(parsed.value, lang) : id;
}

function registersSection(w: Writer): ReportSection | null {
  if (w.input.registers.length === 0) return null;
  return section(
    'registers',
    w.lang,
    w.input.registers.map((r) => registerParagraph(r, w)),
  );
}

function ordinalEn(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function indexBlocks(x: NarrativeIndex, w: Writer): ReportBlock[] {
  const { lang, figures, input } = w;
  const href = apiPath(`/index/${encodeURIComponent(x.methodology.code)}/results`, { year: String(x.year) });
  const source = [
    {
      unit: { code: input.unit.code, name: input.unit.name },
      period: String(x.year),
      value: formatNumber(x.score, lang, 4, true),
    },
  ];
  const rank = figures.figure(
    lang === 'vi' ? `${x.rank}/${x.of}` : `${ordinalEn(x.rank)} of ${x.of}`,
    href,
    lang === 'vi'
      ? `Thứ hạng ${x.methodology.name} năm ${x.year}`
      : `Rank in ${x.methodology.name} ${x.year}`,
    source,
  );
  const score = figures.figure(
    formatNumber(x.score, lang, 4, true),
    href,
    lang === 'vi' ? `Điểm ${x.methodology.name} năm ${x.year}` : `Score in ${x.methodology.name} ${x.year}`,
    source,
  );
  const parts: Inline[] =
    lang === 'vi'
      ? [`${x.methodology.name} năm ${x.year}: ${unitInSentence(input.unit.name)} xếp hạng `, rank]
      : [`${x.methodology.name} ${x.year}: ${input.unit.name} ranked `, rank];
  if (x.previousRank !== null) {
    const change = x.previousRank - x.rank;
    const places = Math.abs(change);
    if (lang === 'vi') {
      parts.push(
        change === 0
          ? `, giữ nguyên thứ hạng so với năm ${x.year - 1}`
          : `, ${change > 0 ? 'tăng' : 'giảm'} ${places} bậc so với năm ${x.year - 1}`,
      );
    } else {
      parts.push(
        change === 0
          ? `, the same as in ${x.year - 1}`
          : `, ${change > 0 ? 'up' : 'down'} ${places} ${places === 1 ? 'place' : 'places'} from ${x.year - 1}`,
      );
    }
  }
  parts.push(lang === 'vi' ? ', điểm ' : ', with a score of ', score, '.');
  const blocks: ReportBlock[] = [para(parts)];
  const s = x.suggestion;
  if (s) {
    blocks.push(
      para(
        lang === 'vi'
          ? [`Gợi ý cải thiện: nâng ${s.name} từ ${s.from} lên ${s.to} có thể giúp tăng ${s.rankGain} bậc.`]
          : [
              `Suggested improvement: raising ${s.name} from ${s.from} to ${s.to} could gain ${s.rankGain} ${s.rankGain === 1 ? 'place' : 'places'}.`,
            ],
      ),
    );
  }
  return blocks;
}

function indexSection(w: Writer): ReportSection | null {
  if (w.input.index.length === 0) return null;
  return section(
    'index',
    w.lang,
    w.input.index.flatMap((x) => indexBlocks(x, w)),
  );
}

function notesSection(key: NoteSection, w: Writer): ReportSection | null {
  const notes = w.input.notes.filter((n) => n.section === key);
  if (notes.length === 0) return null;
  const blocks = notes.flatMap((n) =>
    n.text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => para([p.replace(/\s*\n\s*/g, ' ')], 'secretariat')),
  );
  return blocks.length > 0 ? section(key, w.lang, blocks) : null;
}

function heading(input: NarrativeInput): ReportHeading {
  const { lang, settings: s, unit, plan, period } = input;
  const symbol = s.symbol?.trim() || 'BC-BCĐ';
  const number = s.number ?? null;
  const numberText = number === null ? '     ' : number < 10 ? `0${number}` : String(number);
  const place = s.place?.trim() || placeOf(unit.name);
  const localBody = unit.level === 'province' || unit.level === 'district' || unit.level === 'commune';
  const parentBody =
    s.parentBody?.trim() || (localBody ? `UBND ${unit.name.toLocaleUpperCase('vi')}` : undefined);
  const kind =
    period.type === 'year' ? { vi: 'Tổng kết', en: 'Annual review' } : { vi: 'Sơ kết', en: 'Review' };
  return {
    ...(parentBody ? { parentBody } : {}),
    issuingBody:
      s.issuingBody?.trim() ||
      (lang === 'vi' ? 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ' : 'DIGITAL TRANSFORMATION STEERING COMMITTEE'),
    numberLine: lang === 'vi' ? `Số: ${numberText}/${symbol}` : `No. ${numberText}/${symbol}`,
    placeDate: `${place}, ${documentDate(input.issuedOn, lang)}`,
    kind: lang === 'vi' ? 'BÁO CÁO' : 'REPORT',
    summary:
      lang === 'vi'
        ? `${kind.vi} ${periodInSentence(period, 'vi')} thực hiện ${plan.name}`
        : `${kind.en} of ${periodInSentence(period, 'en')}: ${plan.name}`,
  };
}

function signature(input: NarrativeInput): ReportSignature {
  const { lang, settings: s } = input;
  const title = s.signerTitle?.trim() || (lang === 'vi' ? 'TRƯỞNG BAN' : 'CHAIR');
  return {
    authority: [
      lang === 'vi' ? 'TM. BAN CHỈ ĐẠO' : 'FOR THE STEERING COMMITTEE',
      title.toLocaleUpperCase('vi'),
    ],
    ...(s.signer?.trim() ? { signer: s.signer.trim() } : {}),
    recipients:
      lang === 'vi'
        ? ['Thành viên Ban Chỉ đạo;', 'Các cơ quan, đơn vị liên quan;', 'Lưu: VT.']
        : ['Members of the steering committee;', 'The units concerned;', 'Archive: office.'],
  };
}

function opening(w: Writer): ReportBlock[] {
  const { input, lang } = w;
  const period = periodInSentence(input.period, lang);
  const unit = unitInSentence(input.unit.name);
  return [
    para(
      lang === 'vi'
        ? [
            `Thực hiện ${input.plan.name} (mã ${input.plan.code}), Ban Chỉ đạo báo cáo kết quả thực hiện ${period} tại ${unit} như sau:`,
          ]
        : [
            `Under the plan “${input.plan.name}” (${input.plan.code}), the steering committee reports the results of ${period} for ${input.unit.name} as follows:`,
          ],
    ),
  ];
}

/**
 * Writes the meeting report from the figures (docs/report.md): the opening, the targets by band with the share,
 * the highlights, the targets below 50% and those forecast to miss with their lead units, the tasks by status and
 * the overdue ones, the registers' changes, the index rank, then the secretariat's paragraphs. A section without
 * data is left out; every figure carries its trace, listed in `figures` in the order written.
 */
export function buildReportDocument(input: NarrativeInput): ReportDocument {
  const w: Writer = { input, lang: input.lang, figures: new Figures() };
  const openingBlocks = opening(w);
  const results = [targetsSection(w), tasksSection(w), registersSection(w), indexSection(w)].filter(
    (s): s is ReportSection => s !== null,
  );
  const top: ReportSection[] = [];
  if (results.length > 0) top.push(section('results', input.lang, [], results));
  for (const key of NOTE_SECTIONS) {
    const s = notesSection(key, w);
    if (s) top.push(s);
  }
  return {
    lang: input.lang,
    heading: heading(input),
    opening: openingBlocks,
    sections: numbered(top),
    signature: signature(input),
    figures: w.figures.list,
  };
}
