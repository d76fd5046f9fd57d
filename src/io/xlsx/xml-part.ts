// One XML part of an .xlsx (a worksheet, the shared strings, the workbook...) parsed as it is unpacked, with
// saxes, a streaming XML parser that knows only XML's five predefined entities and character references. A
// part with a document type declaration (DOCTYPE, where entities are declared, as in the "billion laughs"
// attack) is refused: no spreadsheet writes one. Element names are given without their namespace prefix
// (`x:c` is `c`), as some writers prefix them.
import { SaxesParser } from 'saxes';
import { WorkbookReadError } from '../raw-workbook.js';

/** What a part's reader does with its elements and text. */
export interface XmlVisitor {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  /** Text and CDATA, in pieces (one element's text may come in several). */
  text(text: string): void;
}

const localName = (name: string): string => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** An attribute by its local name (`r:id` is found as `id`, `r` as `r`). */
export function attribute(attributes: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = attributes[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

/** Parses the XML text CHUNKS of PART of SOURCE, calling VISITOR; throws WorkbookReadError when it is not XML. */
export async function parseXmlPart(
  chunks: AsyncIterable<string>,
  visitor: XmlVisitor,
  source: string,
  part: string,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw new WorkbookReadError(
      'unsafeXml',
      `Tệp «${source}», phần ${part}: có khai báo DOCTYPE (nơi khai báo thực thể XML); bảng tính không bao giờ có, nên tệp bị từ chối.`,
      `File «${source}», part ${part}: holds a DOCTYPE declaration (where XML entities are declared); spreadsheets never write one, so the file is refused.`,
    );
  });
  parser.on('error', (error) => {
    throw new WorkbookReadError(
      'unreadable',
      `Tệp «${source}», phần ${part}: không phải XML hợp lệ (${error.message}).`,
      `File «${source}», part ${part}: not well-formed XML (${error.message}).`,
    );
  });
  parser.on('opentag', (tag) => visitor.open(localName(tag.name), tag.attributes));
  parser.on('closetag', (tag) => visitor.close(localName(tag.name)));
  parser.on('text', (text) => visitor.text(text));
  parser.on('cdata', (text) => visitor.text(text));
  for await (const chunk of chunks) parser.write(chunk);
  parser.close();
}
