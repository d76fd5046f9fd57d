import type { Inline, ReportBlock, ReportDocument, ReportSection } from '../../domain/report-document.js';
import { REPORT_LABELS } from './report-labels.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values, so no text (a plan named `<script>`) becomes markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Only a path on this server or an http(s) address may be a figure's link; anything else is not linked. */
function safeHref(href: string): string | null {
  return /^(\/(?!\/)|https?:\/\/)/i.test(href) ? href : null;
}

const STYLE = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
html { font-family: "Times New Roman", "Liberation Serif", Tinos, Times, serif; font-size: 14pt; color: #000; }
body { margin: 0 auto; max-width: 165mm; line-height: 1.3; }
table.heading, table.signature { width: 100%; border-collapse: collapse; margin: 0; }
table.heading td, table.signature td { vertical-align: top; text-align: center; padding: 0; border: none; }
td.left { width: 42%; } td.right { width: 58%; }
.parent-body, .nation { font-size: 12pt; }
.issuing-body { font-size: 12pt; font-weight: bold; }
.nation { font-weight: bold; white-space: nowrap; }
.motto { font-size: 13pt; font-weight: bold; }
.rule { display: block; margin: 2pt auto 6pt; border-top: 1px solid #000; }
.issuing-body + .rule { width: 40%; } .motto + .rule { width: 53mm; }
.number { font-size: 13pt; } .place-date { font-size: 13pt; font-style: italic; }
h1 { font-size: 14pt; text-align: center; margin: 18pt 0 0; }
.summary { font-weight: bold; text-align: center; margin: 0; }
.summary + .rule { width: 30%; }
p, li { text-align: justify; margin: 6pt 0; }
p { text-indent: 1cm; }
h2 { font-size: 14pt; font-weight: bold; margin: 12pt 0 6pt; text-indent: 1cm; }
h3 { font-size: 14pt; font-weight: bold; margin: 6pt 0; text-indent: 1cm; }
h4 { font-size: 14pt; font-weight: normal; font-style: italic; margin: 6pt 0; text-indent: 1cm; }
ul { list-style: none; padding-left: 1cm; margin: 0; }
li::before { content: "- "; }
p.secretariat { }
table.data { border-collapse: collapse; margin: 6pt auto; font-size: 13pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 6pt; }
table.data caption { font-style: italic; }
.bar { display: inline-block; height: 10pt; background: #444; }
a.figure { color: inherit; text-decoration: none; border-bottom: 1px dotted #555; }
.end-mark { text-align: left; text-indent: 1cm; }
td.recipients { text-align: left !important; font-size: 11pt; }
.recipients-label { font-size: 12pt; font-weight: bold; font-style: italic; }
td.recipients ul { padding-left: 0; } td.recipients li { text-align: left; margin: 0; }
.authority { font-weight: bold; margin: 0; text-indent: 0; text-align: center; }
.signer { font-weight: bold; margin-top: 25mm; text-indent: 0; text-align: center; }
@media print { a.figure { border-bottom: none; } }
`;

function inlines(parts: readonly Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escapeHtml(p);
      const href = safeHref(p.trace.href);
      const text = escapeHtml(p.text);
      const attrs = `class="figure" id="${escapeHtml(p.trace.id)}" title="${escapeHtml(p.trace.what)}"`;
      return href ? `<a ${attrs} href="${escapeHtml(href)}">${text}</a>` : `<span ${attrs}>${text}</span>`;
    })
    .join('');
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p class="${b.source}">${inlines(b.parts)}</p>`;
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${inlines(item)}</li>`).join('')}</ul>`;
    case 'table':
      return `<table class="data"><caption>${escapeHtml(b.caption)}</caption><thead><tr>${b.columns
        .map((c) => `<th>${escapeHtml(c)}</th>`)
        .join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((cell) => `<td>${inlines([cell])}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'bandChart': {
      const max = Math.max(1, ...b.bars.map((bar) => bar.count));
      const rows = b.bars
        .map(
          (bar) =>
            `<tr><td>${escapeHtml(bar.label)}</td><td>${bar.count}</td><td><span class="bar" style="width:${Math.round(
              (60 * bar.count) / max,
            )}mm"></span></td></tr>`,
        )
        .join('');
      return `<table class="data chart"><caption>${escapeHtml(b.caption)}</caption><tbody>${rows}</tbody></table>`;
    }
  }
}

function section(s: ReportSection, depth: number): string {
  const tag = `h${Math.min(depth + 2, 6)}`;
  const marker = depth >= 2 ? `${s.number})` : `${s.number}.`;
  return [
    `<section data-key="${escapeHtml(s.key)}"><${tag}>${escapeHtml(`${marker} ${s.title}`)}</${tag}>`,
    ...s.blocks.map(block),
    ...s.sections.map((sub) => section(sub, depth + 1)),
    '</section>',
  ].join('\n');
}

/**
 * The report as one self-contained HTML page (docs/report.md): inline CSS, no script, A4 print margins of an
 * administrative document, the heading and signature as two columns, each figure a link to its trace; every text
 * escaped.
 */
export function renderHtml(doc: ReportDocument): string {
  const labels = REPORT_LABELS[doc.lang];
  const h = doc.heading;
  const sig = doc.signature;
  const heading = `<table class="heading"><tr>
<td class="left">${h.parentBody ? `<div class="parent-body">${escapeHtml(h.parentBody)}</div>` : ''}<div class="issuing-body">${escapeHtml(h.issuingBody)}</div><span class="rule"></span><div class="number">${escapeHtml(h.numberLine)}</div></td>
<td class="right"><div class="nation">${escapeHtml(labels.nation)}</div><div class="motto">${escapeHtml(labels.motto)}</div><span class="rule"></span><div class="place-date">${escapeHtml(h.placeDate)}</div></td>
</tr></table>`;
  const signature = `<table class="signature"><tr>
<td class="left recipients"><div class="recipients-label">${escapeHtml(labels.recipients)}</div><ul>${sig.recipients
    .map((r) => `<li>${escapeHtml(r)}</li>`)
    .join('')}</ul></td>
<td class="right">${sig.authority.map((a) => `<p class="authority">${escapeHtml(a)}</p>`).join('')}${
    sig.signer ? `<p class="signer">${escapeHtml(sig.signer)}</p>` : ''
  }</td>
</tr></table>`;
  return `<!DOCTYPE html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${h.kind} — ${h.summary}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${heading}
<h1>${escapeHtml(h.kind)}</h1>
<p class="summary">${escapeHtml(h.summary)}</p><span class="rule"></span>
${doc.opening.map(block).join('\n')}
${doc.sections.map((s) => section(s, 0)).join('\n')}
<p class="end-mark">${escapeHtml(labels.endMark)}</p>
${signature}
</body>
</html>
`;
}
