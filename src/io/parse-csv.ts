// A small RFC 4180 reader for the import format's CSV sheets (docs/import.md): comma
// separated, fields optionally in double quotes, `""` for a quote inside quotes, line breaks (CRLF, LF or a
// lone CR) inside quoted fields kept as LF, an optional UTF-8 byte-order mark. It is lenient where a
// spreadsheet is: a quote inside an unquoted field, or text after a closing quote, is kept as written. The
// one thing it refuses is a quoted field never closed, which would otherwise swallow the rest of the file.

/** A CSV text cut into records (rows) of fields; `problem` says where a quoted field was left open. */
export interface CsvParse {
  /** The records in file order; record i is spreadsheet row i + 1. Empty lines give `['']`. */
  records: string[][];
  /** A quoted field opened and never closed: the row (1-based record number) and column (1-based) it opens in. */
  problem: { code: 'unterminatedQuote'; row: number; column: number } | null;
}

const BOM = '\uFEFF';

/** Cuts CSV text (comma separated, RFC 4180 quoting) into records of fields, as a spreadsheet would show them. */
export function parseCsv(text: string): CsvParse {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let quoteStart: { row: number; column: number } | null = null;
  let i = 0;
  const n = s.length;
  const endRecord = (): void => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < n) {
    const c = s.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (s.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        quoteStart = null;
        i += 1;
        continue;
      }
      if (c === '\r') {
        field += '\n';
        i += s.charAt(i + 1) === '\n' ? 2 : 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      inQuotes = true;
      quoteStart = { row: records.length + 1, column: record.length + 1 };
      i += 1;
      continue;
    }
    if (c === ',') {
      record.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s.charAt(i + 1) === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    i += 1;
  }
  // The last record has no line break after it unless the file ends with one (then nothing is left over).
  if (inQuotes || field !== '' || record.length > 0) endRecord();
  return {
    records,
    problem: inQuotes && quoteStart ? { code: 'unterminatedQuote', ...quoteStart } : null,
  };
}
