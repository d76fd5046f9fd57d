// A small streaming XML tokenizer for the parts of an .xlsx workbook that hold cells (worksheets, shared
// strings): it cuts text fed in chunks into element opens and closes and the character data between them,
// nothing more. It reads what a conforming XML parser reads for those parts: the five predefined entities
// and character references are decoded, CR LF and lone CR become LF (XML 1.0 §2.11), CDATA sections,
// comments and processing instructions are skipped (exceljs, whose reading this must match, ignores CDATA
// too). A `>` inside a quoted attribute value does not end a tag. It is not a validating parser: it throws
// XmlSyntaxError only for what it cannot cut (an unknown entity, a tag never closed, a document type
// declaration); the caller then reads the file another way.

/** The tokenizer could not cut the text into tags. */
export class XmlSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** What the tokenizer calls, in document order; a self-closing `<x/>` gives `open` then `close`. */
export interface XmlHandler {
  /** An element opens; `attributes` is the raw text between its name and `>` (read one with `xmlAttribute`). */
  open(name: string, attributes: string): void;
  close(name: string): void;
  /** Decoded character data between two tags; called only while `wantsText` is true (and maybe in pieces). */
  text(text: string): void;
  /** Whether `text` is to be called: set while inside an element whose text matters, to skip the rest cheaply. */
  wantsText: boolean;
  /**
   * While set, called at each `<` with the text and its position: the handler may read the markup there
   * itself (a common element, quicker than tag by tag) and return the position after it, or return AT to
   * leave it to the tokenizer.
   */
  fastForward?: ((buf: string, at: number) => number) | undefined;
}

/** A tokenizer fed text in chunks; `end` checks that nothing is left open. */
export interface XmlScanner {
  write(chunk: string): void;
  end(): void;
}

/** Whether a character ends an element's name: white space, `/` or `>`. */
const isNameEnd = (ch: number): boolean =>
  ch === 0x20 || ch === 0x3e || ch === 0x2f || ch === 0x0a || ch === 0x09 || ch === 0x0d;
// A tag cut at the end of a chunk is waited for; one this long without its `>` is not a tag.
const MAX_TAG = 1 << 16;

/** Creates a tokenizer that calls HANDLER for each element and, while it wants them, for text between tags. */
export function createXmlScanner(handler: XmlHandler): XmlScanner {
  let rest = '';

  const scan = (buf: string, final: boolean): string => {
    let pos = 0;
    const n = buf.length;
    while (pos < n) {
      const lt = buf.indexOf('<', pos);
      if (lt === -1) {
        // Text up to the end of the chunk: it may go on (or end in the middle of an entity) in the next one.
        if (final) {
          if (handler.wantsText) handler.text(decodeXmlText(buf.slice(pos)));
          return '';
        }
        // Nothing to keep of text nobody wants; wanted text is handed on now but for what the chunk may cut (an
        // entity `&am|p;`, a line end CR|LF), so a long run of text is scanned once, not again with every chunk.
        if (!handler.wantsText) return '';
        const amp = buf.lastIndexOf('&');
        const keep =
          amp >= pos && buf.indexOf(';', amp) === -1 ? amp : buf.charCodeAt(n - 1) === 0x0d ? n - 1 : n;
        if (keep > pos) handler.text(decodeXmlText(buf.slice(pos, keep)));
        return buf.slice(keep);
      }
      if (lt > pos && handler.wantsText) handler.text(decodeXmlText(buf.slice(pos, lt)));
      pos = lt;
      if (handler.fastForward !== undefined) {
        const after = handler.fastForward(buf, lt);
        if (after !== lt) {
          pos = after;
          continue;
        }
      }
      const next = buf.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 0x2f /* / */) {
        const gt = buf.indexOf('>', lt + 2);
        if (gt === -1) break;
        handler.close(buf.slice(lt + 2, gt).trim());
        pos = gt + 1;
        continue;
      }
      if (next === 0x3f /* ? */) {
        const end = buf.indexOf('?>', lt + 2);
        if (end === -1) break;
        pos = end + 2;
        continue;
      }
      if (next === 0x21 /* ! */) {
        if (buf.startsWith('<!--', lt)) {
          const end = buf.indexOf('-->', lt + 4);
          if (end === -1) break;
          pos = end + 3;
          continue;
        }
        if (buf.startsWith('<![CDATA[', lt)) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end === -1) break;
          pos = end + 3;
          continue;
        }
        if (n - lt < 9) break;
        throw new XmlSyntaxError(`unexpected markup at «${buf.slice(lt, lt + 20)}»`);
      }
      // An element opens: its name, then its attributes up to the `>` outside quotes.
      let i = lt + 1;
      while (i < n && !isNameEnd(buf.charCodeAt(i))) i++;
      let j = i;
      let quote = 0;
      for (; j < n; j++) {
        const ch = buf.charCodeAt(j);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) quote = ch;
        else if (ch === 0x3e /* > */ || ch === 0x3c /* < */) break;
      }
      if (j >= n) {
        if (!final && n - lt < MAX_TAG) break; // cut by the chunk's end: wait for the rest
        throw new XmlSyntaxError(`unfinished tag at «${buf.slice(lt, lt + 40)}»`);
      }
      if (i === lt + 1 || buf.charCodeAt(j) !== 0x3e)
        throw new XmlSyntaxError(`malformed tag at «${buf.slice(lt, lt + 40)}»`);
      const selfClosing = buf.charCodeAt(j - 1) === 0x2f; /* / */
      const name = buf.slice(lt + 1, i);
      handler.open(name, i < j ? buf.slice(i, selfClosing ? j - 1 : j) : '');
      if (selfClosing) handler.close(name);
      pos = j + 1;
    }
    if (final && pos < n) throw new XmlSyntaxError(`unfinished markup at «${buf.slice(pos, pos + 40)}»`);
    return buf.slice(pos);
  };

  return {
    write(chunk: string): void {
      rest = scan(rest === '' ? chunk : rest + chunk, false);
    },
    end(): void {
      rest = scan(rest, true);
    },
  };
}

/** One attribute of an element, from the raw text `open` received, its value decoded; undefined when absent. */
export function xmlAttribute(raw: string, name: string): string | undefined {
  const n = raw.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    const start = i;
    while (i < n && raw.charCodeAt(i) !== 0x3d /* = */ && !isSpace(raw.charCodeAt(i))) i++;
    const isIt = i - start === name.length && raw.startsWith(name, start);
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    if (raw.charCodeAt(i) !== 0x3d) return undefined; // not attributes as XML writes them
    i++;
    while (i < n && isSpace(raw.charCodeAt(i))) i++;
    const quote = raw.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return undefined;
    const end = raw.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end === -1) return undefined;
    if (isIt) {
      const value = raw.slice(i + 1, end);
      return value.includes('&') ? decodeXmlText(value) : value;
    }
    i = end + 1;
  }
  return undefined;
}

const isSpace = (ch: number): boolean => ch === 0x20 || ch === 0x0a || ch === 0x09 || ch === 0x0d;

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Character data as XML reads it: entities and character references decoded, CR LF and lone CR as LF. */
export function decodeXmlText(raw: string): string {
  let s = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (!s.includes('&')) return s;
  s = s.replace(ENTITY, (_whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code > 0x10ffff) throw new XmlSyntaxError(`character reference out of range: &${ref};`);
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity &${ref};`);
    return named;
  });
  if (s.includes('&') && /&(?!(?:#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);)/.test(raw))
    throw new XmlSyntaxError('a bare & in character data');
  return s;
}
