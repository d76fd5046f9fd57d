import type { Inline, ReportBlock, ReportDocument, ReportSection } from '../../domain/report-document.js';
import { REPORT_LABELS } from './report-labels.js';

/** Escapes the characters Markdown would read as markup, so any text (a plan's name) prints as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A run of inlines: text escaped, each figure a reference link to its trace (`[97%/95%][F3]`). */
function inlines(parts: readonly Inline[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? escapeMarkdown(p) : `[${escapeMarkdown(p.text)}][${p.trace.id}]`))
    .join('');
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return inlines(b.parts);
    case 'list':
      return b.items.map((item) => `- ${inlines(item)}`).join('\n');
    case 'table': {
      const head = `| ${b.columns.map(escapeMarkdown).join(' | ')} |`;
      const rule = `|${b.columns.map(() => '---').join('|')}|`;
      const rows = b.rows.map((r) => `| ${r.map((cell) => inlines([cell])).join(' | ')} |`);
      return [`*${escapeMarkdown(b.caption)}*`, '', head, rule, ...rows].join('\n');
    }
    case 'bandChart': {
      const rows = b.bars.map((bar) => `| ${escapeMarkdown(bar.label)} | ${bar.count} |`);
      return [`*${escapeMarkdown(b.caption)}*`, '', '| | |', '|---|--:|', ...rows].join('\n');
    }
  }
}

function section(s: ReportSection, depth: number): string[] {
  const marker = depth === 0 ? `${s.number}.` : depth === 1 ? `${s.number}.` : `${s.number})`;
  const hashes = '#'.repeat(Math.min(depth + 2, 6));
  return [
    `${hashes} ${marker} ${escapeMarkdown(s.title)}`,
    ...s.blocks.map(block),
    ...s.sections.flatMap((sub) => section(sub, depth + 1)),
  ];
}

/**
 * The report as Markdown (docs/report.md): the heading as a two-column table, the numbered sections, each figure a
 * reference link whose target (listed at the end, under the figure's id) is the API path that explains it.
 */
export function renderMarkdown(doc: ReportDocument): string {
  const labels = REPORT_LABELS[doc.lang];
  const h = doc.heading;
  const left = [h.parentBody ?? '', `**${escapeMarkdown(h.issuingBody)}**`, escapeMarkdown(h.numberLine)];
  const right = [`**${labels.nation}**`, `**${labels.motto}**`, `*${escapeMarkdown(h.placeDate)}*`];
  const heading = [
    `| ${left[0] ? escapeMarkdown(left[0]) : ''} | ${right[0]} |`,
    '|:-:|:-:|',
    `| ${left[1]} | ${right[1]} |`,
    `| ${left[2]} | ${right[2]} |`,
  ];
  const sig = doc.signature;
  const signature = [
    ...sig.authority.map((line) => `**${escapeMarkdown(line)}**`),
    ...(sig.signer ? ['', `**${escapeMarkdown(sig.signer)}**`] : []),
  ].join('  \n');
  const recipients = [
    `***${labels.recipients}***`,
    ...sig.recipients.map((r) => `- ${escapeMarkdown(r)}`),
  ].join('\n');
  const references = doc.figures.map((f) => `[${f.id}]: ${f.href} "${f.what.replace(/"/g, "'")}"`);
  const parts = [
    heading.join('\n'),
    `# ${escapeMarkdown(h.kind)}`,
    `**${escapeMarkdown(h.summary)}**`,
    ...doc.opening.map(block),
    ...doc.sections.flatMap((s) => section(s, 0)),
    labels.endMark,
    signature,
    recipients,
    ...(references.length > 0 ? [references.join('\n')] : []),
  ];
  return `${parts.join('\n\n')}\n`;
}
