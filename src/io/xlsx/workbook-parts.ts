// The parts of an .xlsx that give the worksheets their meaning, each read as it is unpacked: the relationships
// (which part is the workbook, which file each sheet is), the workbook (the sheets in order, the date system),
// the styles (each cell style's number format) and the shared strings (the texts cells point to).
import path from 'node:path';
import type { ReadLimits } from '../read-limits.js';
import { limitError, quantity } from '../read-limits.js';
import { decodeXlsxEscapes, formatCode } from './cell-values.js';
import { attribute, parseXmlPart } from './xml-part.js';

/** Where a part is read from: its text chunks, the workbook's name and the part's name, for messages. */
export interface PartSource {
  chunks: AsyncIterable<string>;
  source: string;
  part: string;
}

/** A relationship: its type (the last segment of the type URI: `worksheet`, `styles`...) and the part it targets. */
export interface Relationship {
  type: string;
  target: string;
}

/** The part a relationship's TARGET names, relative to the part DIR it is read from (or to the root with `/`). */
export function resolvePart(dir: string, target: string): string {
  const joined = target.startsWith('/') ? target.slice(1) : path.posix.join(dir, target);
  return path.posix.normalize(joined).replace(/^(\.\.\/)+/, '');
}

/** The relationships part of the part at PARTNAME: `xl/workbook.xml` has `xl/_rels/workbook.xml.rels`. */
export function relsPartOf(partName: string): string {
  return path.posix.join(path.posix.dirname(partName), '_rels', `${path.posix.basename(partName)}.rels`);
}

/** Reads a relationships part: each relationship by its Id, its target resolved from DIR. */
export async function readRelationships(from: PartSource, dir: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await parseXmlPart(
    from.chunks,
    {
      open(name, attrs) {
        if (name !== 'Relationship') return;
        const id = attribute(attrs, 'Id');
        const target = attribute(attrs, 'Target');
        if (id === undefined || target === undefined || attribute(attrs, 'TargetMode') === 'External') return;
        const type = (attribute(attrs, 'Type') ?? '').split('/').pop() ?? '';
        rels.set(id, { type, target: resolvePart(dir, target) });
      },
      close() {},
      text() {},
    },
    from.source,
    from.part,
  );
  return rels;
}

/** The workbook part: its sheets in order (name and relationship id) and whether dates count from 1904. */
export interface WorkbookPart {
  sheets: { name: string; rId: string }[];
  date1904: boolean;
}

export async function readWorkbookPart(from: PartSource): Promise<WorkbookPart> {
  const read: WorkbookPart = { sheets: [], date1904: false };
  await parseXmlPart(
    from.chunks,
    {
      open(name, attrs) {
        if (name === 'workbookPr') {
          const v = attribute(attrs, 'date1904');
          read.date1904 = v === '1' || v === 'true';
        } else if (name === 'sheet') {
          const sheetName = attribute(attrs, 'name');
          const rId = attribute(attrs, 'id');
          if (sheetName !== undefined && rId !== undefined) read.sheets.push({ name: sheetName, rId });
        }
      },
      close() {},
      text() {},
    },
    from.source,
    from.part,
  );
  return read;
}

/** The styles part: the number format of each cell style (`s` of a cell), undefined for General. */
export async function readStylesPart(from: PartSource): Promise<(string | undefined)[]> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  await parseXmlPart(
    from.chunks,
    {
      open(name, attrs) {
        if (name === 'numFmt') {
          const id = Number(attribute(attrs, 'numFmtId'));
          const code = attribute(attrs, 'formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formatIds.push(Number(attribute(attrs, 'numFmtId') ?? 0) || 0);
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    from.source,
    from.part,
  );
  // Style 0 is the default style: a cell that names it, or names none, shows General.
  return formatIds.map((id, style) => (style === 0 || id === 0 ? undefined : formatCode(id, custom)));
}

/**
 * Reads the shared strings part: the text of each string, rich text runs joined, phonetic runs left out;
 * refuses a string longer than a cell may hold.
 */
export async function readSharedStrings(from: PartSource, limits: ReadLimits): Promise<string[]> {
  const strings: string[] = [];
  let text: string | null = null; // the string being read, once its first <t> opens
  let inT = false;
  let skip = 0; // depth inside a phonetic run or hint, whose text does not count
  await parseXmlPart(
    from.chunks,
    {
      open(name) {
        if (skip > 0) skip += 1;
        else if (name === 'si') text = '';
        else if (name === 'rPh' || name === 'phoneticPr') skip = 1;
        else if (name === 't') inT = true;
      },
      close(name) {
        if (skip > 0) skip -= 1;
        else if (name === 't') inT = false;
        else if (name === 'si') {
          strings.push(decodeXlsxEscapes(text ?? ''));
          text = null;
        }
      },
      text(t) {
        if (!inT || skip > 0 || text === null) return;
        text += t;
        if (text.length > limits.maxCellLength) {
          const n = quantity(strings.length + 1, false);
          throw limitError('maxCellLength', limits, {
            vi: `Tệp «${from.source}», phần ${from.part}: chuỗi thứ ${n.vi}`,
            en: `File «${from.source}», part ${from.part}: string number ${n.en}`,
          });
        }
      },
    },
    from.source,
    from.part,
  );
  return strings;
}
