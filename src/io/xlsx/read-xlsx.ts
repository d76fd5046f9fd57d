// Reads an .xlsx workbook through its parts, each unpacked and parsed as a stream: the relationships name the
// workbook part, the workbook lists the sheets in order, then the styles and the shared strings are read, and
// last each worksheet, cell by cell (read-sheet.ts). Nothing is unpacked before the zip's declared sizes have
// been checked against the read's limits (zip-entries.ts).
import path from 'node:path';
import type { RawWorkbook } from '../raw-workbook.js';
import type { ReadLimits } from '../read-limits.js';
import type { SheetContext } from './read-sheet.js';
import { readSheet } from './read-sheet.js';
import type { PartSource, Relationship } from './workbook-parts.js';
import {
  readRelationships,
  readSharedStrings,
  readStylesPart,
  readWorkbookPart,
  relsPartOf,
} from './workbook-parts.js';
import { openZipEntries, unreadable } from './zip-entries.js';

/** Reads the bytes of an .xlsx workbook; throws WorkbookReadError when they cannot be read, or pass a limit. */
export async function readXlsx(
  data: Uint8Array,
  source: string,
  limits: ReadLimits,
  signal?: AbortSignal,
): Promise<RawWorkbook> {
  const zip = await openZipEntries(data, source, limits, signal);
  const from = (part: string): PartSource => ({ chunks: zip.text(part), source, part });
  try {
    let workbookPart = 'xl/workbook.xml';
    if (zip.has('_rels/.rels')) {
      const root = await readRelationships(from('_rels/.rels'), '');
      workbookPart = [...root.values()].find((r) => r.type === 'officeDocument')?.target ?? workbookPart;
    }
    if (!zip.has(workbookPart)) throw unreadable(source);
    const book = await readWorkbookPart(from(workbookPart));
    const relsPart = relsPartOf(workbookPart);
    const rels: Map<string, Relationship> = zip.has(relsPart)
      ? await readRelationships(from(relsPart), path.posix.dirname(workbookPart))
      : new Map();
    const partOf = (type: string): string | undefined => {
      const target = [...rels.values()].find((r) => r.type === type)?.target;
      return target !== undefined && zip.has(target) ? target : undefined;
    };
    const stylesPart = partOf('styles');
    const stringsPart = partOf('sharedStrings');
    const workbook: RawWorkbook = { source, sheets: new Map(), errors: [], warnings: [] };
    const ctx: SheetContext = {
      source,
      numFmts: stylesPart === undefined ? [] : await readStylesPart(from(stylesPart)),
      strings: stringsPart === undefined ? [] : await readSharedStrings(from(stringsPart), limits),
      date1904: book.date1904,
      limits,
      cells: { count: 0 },
      warnings: workbook.warnings,
    };
    for (const { name, rId } of book.sheets) {
      const rel = rels.get(rId);
      // A chart sheet, or a sheet whose part is missing, holds no cells to read; a repeated name keeps its first.
      if (rel === undefined || rel.type !== 'worksheet' || !zip.has(rel.target) || workbook.sheets.has(name))
        continue;
      workbook.sheets.set(name, await readSheet(zip.text(rel.target), rel.target, name, ctx));
    }
    return workbook;
  } finally {
    zip.close();
  }
}
