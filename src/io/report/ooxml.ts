// The few WordprocessingML pieces the DOCX renderer writes (ECMA-376 part 1, §17): runs, paragraphs, tables and
// an inline picture, as XML strings. Lengths are in twentieths of a point (twips: 1 mm = 56.7 twips), font sizes
// in half points, pictures in EMU (1 mm = 36,000 EMU).

/** The fonts every run names: the decree's Times New Roman (Word and LibreOffice substitute a metric twin). */
export const FONT = 'Times New Roman';

/** Millimetres in twips, rounded. */
export const mm = (millimetres: number): number => Math.round(millimetres * 56.6929);

/** Text escaped for XML, with the characters XML 1.0 forbids left out. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export interface RunStyle {
  /** Size in points. */
  size?: number;
  bold?: boolean;
  italic?: boolean;
  /** RGB colour, e.g. `C62828`. */
  colour?: string;
}

function runProperties(style: RunStyle): string {
  let props = `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}" w:eastAsia="${FONT}"/>`;
  if (style.bold) props += '<w:b/><w:bCs/>';
  if (style.italic) props += '<w:i/><w:iCs/>';
  if (style.colour) props += `<w:color w:val="${style.colour}"/>`;
  if (style.size) props += `<w:sz w:val="${style.size * 2}"/><w:szCs w:val="${style.size * 2}"/>`;
  return `<w:rPr>${props}</w:rPr>`;
}

/** A run of text in one style (spaces kept). */
export function run(text: string, style: RunStyle = {}): string {
  return `<w:r>${runProperties(style)}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

/** A run holding the current page number (a PAGE field). */
export function pageNumberRuns(style: RunStyle): string {
  const props = runProperties(style);
  return (
    `<w:r>${props}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
    `<w:r>${props}<w:fldChar w:fldCharType="separate"/></w:r>` +
    `<w:r>${props}<w:t>2</w:t></w:r>` +
    `<w:r>${props}<w:fldChar w:fldCharType="end"/></w:r>`
  );
}

export interface ParagraphStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  /** Twips before and after (default 0 and 0). */
  before?: number;
  after?: number;
  /** Line spacing in 240ths of a line (240 single), or exact twips with `exactLine`. */
  line?: number;
  exactLine?: boolean;
  firstLine?: number;
  left?: number;
  right?: number;
  /** A solid line under the paragraph (the rules under the motto, the issuing body and the summary). */
  underline?: boolean;
  keepNext?: boolean;
  /** The size of the paragraph mark (points), for empty paragraphs that only carry a line. */
  markSize?: number;
}

/** A paragraph of runs (already XML). */
export function paragraph(runs: string, style: ParagraphStyle = {}): string {
  let props = '';
  if (style.keepNext) props += '<w:keepNext/>';
  if (style.underline) {
    props += '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>';
  }
  const line = style.line ?? 240;
  props +=
    `<w:spacing w:before="${style.before ?? 0}" w:after="${style.after ?? 0}" w:line="${line}"` +
    ` w:lineRule="${style.exactLine ? 'exact' : 'auto'}"/>`;
  if (style.firstLine !== undefined || style.left !== undefined || style.right !== undefined) {
    props +=
      `<w:ind w:left="${style.left ?? 0}" w:right="${style.right ?? 0}"` +
      `${style.firstLine ? ` w:firstLine="${style.firstLine}"` : ''}/>`;
  }
  if (style.align) props += `<w:jc w:val="${style.align}"/>`;
  if (style.markSize) props += runProperties({ size: style.markSize });
  return `<w:p><w:pPr>${props}</w:pPr>${runs}</w:p>`;
}

/** A short horizontal rule of `width` twips, centred in a space `space` twips wide: an empty paragraph's border. */
export function rule(width: number, space: number): string {
  const side = Math.max(0, Math.round((space - width) / 2));
  return paragraph('', { left: side, right: side, underline: true, line: 60, exactLine: true, markSize: 2 });
}

const NO_BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="nil"/>`)
  .join('');

const THIN_BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
  .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
  .join('');

export interface TableCell {
  /** The cell's paragraphs (already XML); a cell must hold at least one. */
  content: string;
  /** Shading (RGB) behind the cell. */
  fill?: string;
}

/**
 * A table of fixed column widths (twips): borderless for the header and signature blocks, ruled for data. The
 * first row repeats on each page when `headerRow` is set.
 */
export function table(
  widths: readonly number[],
  rows: readonly (readonly TableCell[])[],
  options: { borders: boolean; headerRow?: boolean; cellMargin?: number },
): string {
  const total = widths.reduce((a, b) => a + b, 0);
  const margin = options.cellMargin ?? 0;
  const props =
    `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${options.borders ? THIN_BORDERS : NO_BORDERS}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/>` +
    `<w:tblCellMar><w:top w:w="${options.borders ? 40 : 0}" w:type="dxa"/><w:left w:w="${margin}" w:type="dxa"/>` +
    `<w:bottom w:w="${options.borders ? 40 : 0}" w:type="dxa"/><w:right w:w="${margin}" w:type="dxa"/></w:tblCellMar>` +
    `<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`;
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const body = rows
    .map((row, r) => {
      const rowProps =
        options.headerRow && r === 0
          ? '<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
          : '<w:trPr><w:cantSplit/></w:trPr>';
      const cells = row
        .map((cell, c) => {
          const shading = cell.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${cell.fill}"/>` : '';
          return `<w:tc><w:tcPr><w:tcW w:w="${widths[c] ?? 0}" w:type="dxa"/>${shading}</w:tcPr>${cell.content}</w:tc>`;
        })
        .join('');
      return `<w:tr>${rowProps}${cells}</w:tr>`;
    })
    .join('');
  return `<w:tbl>${props}${grid}${body}</w:tbl>`;
}

/** An inline PNG picture of `widthMm` × `heightMm`, from the relationship `relId`. */
export function picture(relId: string, id: number, name: string, widthMm: number, heightMm: number): string {
  const cx = Math.round(widthMm * 36000);
  const cy = Math.round(heightMm * 36000);
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${id}" name="${xmlText(name)}" descr="${xmlText(name)}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic><pic:nvPicPr><pic:cNvPr id="${id}" name="${xmlText(name)}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}
