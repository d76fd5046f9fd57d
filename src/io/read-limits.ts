// The limits a workbook read keeps to (docs/import.md, Limits), so that a small upload cannot make the server
// unpack or hold gigabytes: a 600 KB .xlsx can hold a sheet that unpacks to 600 MB (a zip bomb). Each limit is
// checked while the file is read, before the memory it guards is spent: the sizes a zip declares are checked
// before an entry is unpacked, the bytes unpacked are counted as they come, rows and cells as they are read.
// Each has a default here; `dxmon import` and the API may pass others (ReadOptions.limits).
import { WorkbookReadError } from './raw-workbook.js';

/** The limits of one read; every one is a maximum, inclusive. */
export interface ReadLimits {
  /** Bytes of a file read (an .xlsx as uploaded, or one .csv file). */
  maxFileBytes: number;
  /** Bytes an .xlsx unpacks to, all its zip entries together. */
  maxUncompressedBytes: number;
  /** Bytes one zip entry of an .xlsx (one sheet, the shared strings) unpacks to. */
  maxEntryBytes: number;
  /** Zip entries (parts) in an .xlsx. */
  maxEntries: number;
  /** How many times larger than its compressed bytes an entry may unpack, for entries over `ratioFromBytes`. */
  maxCompressionRatio: number;
  /** The unpacked size from which an entry's compression ratio is checked. */
  ratioFromBytes: number;
  /** Rows of one sheet, the header included. */
  maxRows: number;
  /** Cells with a value in one row (Excel's own limit is 16,384 columns). */
  maxCellsPerRow: number;
  /** Cells with a value in the whole workbook, all sheets together. */
  maxCells: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  maxCellLength: number;
}

const MIB = 1024 * 1024;

/** The limits a read keeps to unless told otherwise. */
export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxFileBytes: 50 * MIB,
  maxUncompressedBytes: 200 * MIB,
  maxEntryBytes: 100 * MIB,
  maxEntries: 1000,
  maxCompressionRatio: 100,
  ratioFromBytes: MIB,
  maxRows: 1_000_000,
  maxCellsPerRow: 16_384,
  maxCells: 5_000_000,
  maxCellLength: 32_767,
});

/** The limits of a read: the defaults, with those given replacing them. */
export function readLimits(given: Partial<ReadLimits> = {}): ReadLimits {
  const limits = { ...DEFAULT_READ_LIMITS };
  for (const key of Object.keys(limits) as (keyof ReadLimits)[]) {
    const value = given[key];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value <= 0)
        throw new RangeError(`read limit ${key} must be a positive number, not ${String(value)}`);
      limits[key] = value;
    }
  }
  return limits;
}

/** What each limit is, for a person, and whether it counts bytes. */
const LIMIT_TEXT: Readonly<Record<keyof ReadLimits, { vi: string; en: string; bytes: boolean }>> = {
  maxFileBytes: { vi: 'dung lượng tệp', en: 'file size', bytes: true },
  maxUncompressedBytes: {
    vi: 'dung lượng sau khi giải nén của cả tệp',
    en: 'size unpacked, whole file',
    bytes: true,
  },
  maxEntryBytes: {
    vi: 'dung lượng sau khi giải nén của một phần',
    en: 'size unpacked, one part',
    bytes: true,
  },
  maxEntries: { vi: 'số phần trong tệp nén', en: 'parts in the zip', bytes: false },
  maxCompressionRatio: { vi: 'tỉ lệ nén', en: 'compression ratio', bytes: false },
  ratioFromBytes: { vi: 'cỡ phần được kiểm tỉ lệ nén', en: 'part size ratio check', bytes: true },
  maxRows: { vi: 'số dòng của một trang tính', en: 'rows per sheet', bytes: false },
  maxCellsPerRow: { vi: 'số ô có giá trị của một dòng', en: 'cells per row', bytes: false },
  maxCells: { vi: 'số ô có giá trị của cả tệp', en: 'cells in the workbook', bytes: false },
  maxCellLength: { vi: 'số ký tự của một ô', en: 'characters per cell', bytes: false },
};

/** A count in the reader's locale: 10.851 in Vietnamese, 10,851 in English; bytes also in MB when whole. */
export function quantity(n: number, bytes: boolean): { vi: string; en: string } {
  const vi = n.toLocaleString('vi-VN');
  const en = n.toLocaleString('en-US');
  if (!bytes) return { vi, en };
  const mib = n / MIB;
  const inMib = mib >= 1 && Number.isInteger(mib) ? ` (${mib.toLocaleString('vi-VN')} MB)` : '';
  const inMibEn = mib >= 1 && Number.isInteger(mib) ? ` (${mib.toLocaleString('en-US')} MB)` : '';
  return { vi: `${vi} byte${inMib}`, en: `${en} bytes${inMibEn}` };
}

/**
 * The error of a limit passed: WHAT passed it (`«values.xlsx», part xl/worksheets/sheet1.xml`, in both
 * languages), the limit's name, the value in force and its default; `tooLarge` for sizes, `tooMany` otherwise.
 */
export function limitError(
  key: keyof ReadLimits,
  limits: ReadLimits,
  what: { vi: string; en: string },
): WorkbookReadError {
  const text = LIMIT_TEXT[key];
  const value = quantity(limits[key], text.bytes);
  const byDefault = quantity(DEFAULT_READ_LIMITS[key], text.bytes);
  const ratio = key === 'maxCompressionRatio';
  const size = text.bytes || ratio;
  return new WorkbookReadError(
    size ? 'tooLarge' : 'tooMany',
    `${what.vi} vượt quá giới hạn ${text.vi} (${key}): tối đa ${value.vi}${ratio ? ' lần' : ''}, mặc định ${byDefault.vi}${ratio ? ' lần' : ''}.${ratio ? ' Tệp có thể là một «bom zip».' : ''}`,
    `${what.en} is over the limit on ${text.en} (${key}): at most ${value.en}${ratio ? ':1' : ''}, by default ${byDefault.en}${ratio ? ':1' : ''}.${ratio ? ' The file may be a zip bomb.' : ''}`,
  );
}
