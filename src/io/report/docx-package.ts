import { zipSync, strToU8 } from 'fflate';
import type { Lang } from '../../domain/format-number.js';
import { FONT, paragraph, pageNumberRuns, xmlText } from './ooxml.js';

// The package around a DOCX body (ECMA-376 part 2: Open Packaging Conventions): content types, relationships,
// styles with Times New Roman as every run's default, the two page headers (the first page's empty, the others
// with the page number centred: the decree numbers pages from page 2), document properties, zipped.

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The namespaces of document.xml (pictures need the drawing ones). */
export const DOCUMENT_NS =
  `${W_NS} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT_WORD = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** The relationship ids document.xml uses for its headers. */
export const HEADER_DEFAULT_REL = 'rIdHeaderDefault';
export const HEADER_FIRST_REL = 'rIdHeaderFirst';

function styles(lang: Lang, bodySize: number): string {
  const language = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return (
    `${XML_HEAD}<w:styles ${W_NS}><w:docDefaults><w:rPrDefault><w:rPr>` +
    `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:cs="${FONT}" w:eastAsia="${FONT}"/>` +
    `<w:color w:val="000000"/><w:sz w:val="${bodySize * 2}"/><w:szCs w:val="${bodySize * 2}"/>` +
    `<w:lang w:val="${language}" w:eastAsia="${language}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    `<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>` +
    `</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>` +
    `<w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>` +
    `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>` +
    `<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
  );
}

function header(content: string): string {
  return `${XML_HEAD}<w:hdr ${W_NS}>${content}</w:hdr>`;
}

/** Everything but the body: the parts a DOCX needs, keyed by path. */
export interface DocxParts {
  lang: Lang;
  title: string;
  /** The body's <w:body> content, section properties included. */
  body: string;
  /** Pictures by relationship id: the PNG bytes. */
  images: ReadonlyMap<string, Uint8Array>;
  /** The page number's size in points. */
  pageNumberSize: number;
  bodySize: number;
}

/** The DOCX file: every part zipped (deflate), `[Content_Types].xml` first. */
export function packageDocx(parts: DocxParts): Uint8Array {
  const imageRels = [...parts.images.keys()]
    .map((id) => `<Relationship Id="${id}" Type="${REL}/image" Target="media/${id}.png"/>`)
    .join('');
  const documentRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rIdStyles" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${REL}/settings" Target="settings.xml"/>` +
    `<Relationship Id="${HEADER_DEFAULT_REL}" Type="${REL}/header" Target="header1.xml"/>` +
    `<Relationship Id="${HEADER_FIRST_REL}" Type="${REL}/header" Target="header2.xml"/>` +
    `${imageRels}</Relationships>`;
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
    `<Override PartName="/word/document.xml" ContentType="${CT_WORD}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${CT_WORD}.styles+xml"/>` +
    `<Override PartName="/word/settings.xml" ContentType="${CT_WORD}.settings+xml"/>` +
    `<Override PartName="/word/header1.xml" ContentType="${CT_WORD}.header+xml"/>` +
    `<Override PartName="/word/header2.xml" ContentType="${CT_WORD}.header+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `</Types>`;
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
    `</Relationships>`;
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    `xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xmlText(parts.title)}</dc:title>` +
    `<dc:language>${parts.lang}</dc:language><dc:creator>DX Monitor</dc:creator></cp:coreProperties>`;
  const settings =
    `${XML_HEAD}<w:settings ${W_NS}><w:defaultTabStop w:val="720"/>` +
    `<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" ` +
    `w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rootRels),
    'docProps/core.xml': strToU8(core),
    'word/document.xml': strToU8(
      `${XML_HEAD}<w:document ${DOCUMENT_NS}><w:body>${parts.body}</w:body></w:document>`,
    ),
    'word/_rels/document.xml.rels': strToU8(documentRels),
    'word/styles.xml': strToU8(styles(parts.lang, parts.bodySize)),
    'word/settings.xml': strToU8(settings),
    'word/header1.xml': strToU8(
      header(paragraph(pageNumberRuns({ size: parts.pageNumberSize }), { align: 'center' })),
    ),
    'word/header2.xml': strToU8(header(paragraph(''))),
  };
  for (const [id, png] of parts.images) files[`word/media/${id}.png`] = png;
  return zipSync(files, { level: 6, mtime: new Date('2024-01-01T00:00:00Z') });
}
