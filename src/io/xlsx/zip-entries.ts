// The zip container of an .xlsx, opened with yauzl: its central directory is read first, so the number of
// entries, the size each says it unpacks to, all of them together and each one's compression ratio are checked
// against the read's limits before anything is unpacked (read-limits.ts). An entry is then unpacked as a
// stream, its bytes counted as they come (yauzl's entry size validation refuses an entry that unpacks to more
// than it declared), and handed over as UTF-8 text, a character cut between two chunks being put back together.
// Reading stops at the next chunk once the signal aborts.
import yauzl from 'yauzl';
import { WorkbookReadError } from '../raw-workbook.js';
import type { ReadLimits } from '../read-limits.js';
import { limitError } from '../read-limits.js';

/** The entries of an .xlsx, by name, ready to be unpacked one at a time. */
export interface ZipEntries {
  /** Whether the zip holds an entry of that name (compared without case, as Excel does). */
  has(name: string): boolean;
  /** The text of an entry, in chunks, unpacked as it is read; refuses it past the limits. */
  text(name: string): AsyncGenerator<string>;
  close(): void;
}

/** A container that is not a zip, or a damaged one. */
export function unreadable(source: string): WorkbookReadError {
  return new WorkbookReadError(
    'unreadable',
    `Không mở được «${source}» như một bảng tính Excel .xlsx (tệp hỏng, hoặc là định dạng khác như .xls).`,
    `Cannot open «${source}» as an Excel .xlsx workbook (the file is damaged, or another format such as .xls).`,
  );
}

const part = (source: string, name: string) => ({
  vi: `Tệp «${source}», phần ${name}`,
  en: `File «${source}», part ${name}`,
});

/** Opens DATA as a zip and checks what its central directory declares against LIMITS. */
export async function openZipEntries(
  data: Uint8Array,
  source: string,
  limits: ReadLimits,
  signal?: AbortSignal,
): Promise<ZipEntries> {
  const whole = { vi: `Tệp «${source}»`, en: `File «${source}»` };
  if (data.byteLength > limits.maxFileBytes) throw limitError('maxFileBytes', limits, whole);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch {
    throw unreadable(source);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw limitError('maxEntries', limits, whole);
  }
  const entries = new Map<string, yauzl.Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      signal?.throwIfAborted();
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes)
        throw limitError('maxEntryBytes', limits, part(source, entry.fileName));
      declared += size;
      if (declared > limits.maxUncompressedBytes) throw limitError('maxUncompressedBytes', limits, whole);
      if (size >= limits.ratioFromBytes && size > limits.maxCompressionRatio * entry.compressedSize)
        throw limitError('maxCompressionRatio', limits, part(source, entry.fileName));
      entries.set(entry.fileName.toLowerCase(), entry);
    }
  } catch (error) {
    zip.close();
    if (error instanceof WorkbookReadError || signal?.aborted) throw error;
    throw unreadable(source);
  }

  let unpacked = 0;
  async function* text(name: string): AsyncGenerator<string> {
    const entry = entries.get(name.toLowerCase());
    if (entry === undefined) return;
    let stream;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch {
      throw unreadable(source);
    }
    const decoder = new TextDecoder('utf-8');
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        signal?.throwIfAborted();
        bytes += chunk.byteLength;
        unpacked += chunk.byteLength;
        // yauzl checks the declared size too; these hold even for an entry that declares none.
        if (bytes > limits.maxEntryBytes) throw limitError('maxEntryBytes', limits, part(source, name));
        if (unpacked > limits.maxUncompressedBytes) throw limitError('maxUncompressedBytes', limits, whole);
        const t = decoder.decode(chunk, { stream: true });
        if (t !== '') yield t;
      }
    } catch (error) {
      if (error instanceof WorkbookReadError || signal?.aborted) throw error;
      throw unreadable(source);
    } finally {
      stream.destroy();
    }
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  }

  return {
    has: (name) => entries.has(name.toLowerCase()),
    text,
    close: () => zip.close(),
  };
}
