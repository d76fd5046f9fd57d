import { describe, expect, it } from 'vitest';
import type { XmlHandler } from './scan-xml.js';
import { XmlSyntaxError, createXmlScanner, decodeXmlText, xmlAttribute } from './scan-xml.js';

/** Every event the tokenizer gives for XML fed in CHUNK-long pieces (the whole text when 0). */
function events(xml: string, chunk = 0): string[] {
  const out: string[] = [];
  const handler: XmlHandler = {
    wantsText: true,
    open: (name, attributes) => out.push(`<${name}${attributes}>`),
    close: (name) => out.push(`</${name}>`),
    text: (t) => {
      // Text may come in pieces when a chunk ends inside it; join them as one event.
      const last = out.at(-1);
      if (last?.startsWith('"')) out[out.length - 1] = `${last.slice(0, -1)}${t}"`;
      else out.push(`"${t}"`);
    },
  };
  const scanner = createXmlScanner(handler);
  if (chunk === 0) scanner.write(xml);
  else for (let i = 0; i < xml.length; i += chunk) scanner.write(xml.slice(i, i + chunk));
  scanner.end();
  return out;
}

const SHEET =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<worksheet a="1"><!-- a comment --><sheetData>' +
  '<row r="2"><c r="A2" t="s"><v>14</v></c><c r="B2"\ts=\'3\' ><f>A1&amp;"&gt;"</f><v>x</v></c>' +
  '<c r="C2" t="inlineStr"><is><t>Lào&#x20;Cai&#7841;\r\nb<![CDATA[<ignored>]]></t></is></c><c r="D2" x="a>b"/></row>' +
  '</sheetData></worksheet>';

const SHEET_EVENTS = [
  '"\n"', // the CR LF after the declaration, as XML reads it
  '<worksheet a="1">',
  '<sheetData>',
  '<row r="2">',
  '<c r="A2" t="s">',
  '<v>',
  '"14"',
  '</v>',
  '</c>',
  `<c r="B2"\ts='3' >`,
  '<f>',
  '"A1&">""',
  '</f>',
  '<v>',
  '"x"',
  '</v>',
  '</c>',
  '<c r="C2" t="inlineStr">',
  '<is>',
  '<t>',
  '"Lào Caiạ\nb"',
  '</t>',
  '</is>',
  '</c>',
  '<c r="D2" x="a>b">',
  '</c>',
  '</row>',
  '</sheetData>',
  '</worksheet>',
];

describe('createXmlScanner', () => {
  it('gives opens, closes and decoded text; skips the declaration, comments and CDATA', () => {
    expect(events(SHEET)).toEqual(SHEET_EVENTS);
  });

  it.each([1, 2, 3, 5, 7, 16, 64])(
    'gives the same events when the text comes in %i-character chunks',
    (n) => {
      expect(events(SHEET, n)).toEqual(SHEET_EVENTS);
    },
  );

  it('hands a long run of text on as its chunks come, keeping back only what a chunk may cut', () => {
    // A workbook part of hundreds of megabytes of text between two tags must be read once, not again with each chunk.
    const texts: string[] = [];
    const scanner = createXmlScanner({
      wantsText: true,
      open: () => undefined,
      close: () => undefined,
      text: (t) => texts.push(t),
    });
    scanner.write('<t>abc&am');
    expect(texts).toEqual(['abc']);
    scanner.write('p;def\r');
    expect(texts).toEqual(['abc', '&def']);
    scanner.write('\nghi');
    expect(texts).toEqual(['abc', '&def', '\nghi']);
    scanner.write('</t>');
    scanner.end();
    expect(texts.join('')).toBe('abc&def\nghi');
  });

  it('keeps nothing of text nobody wants, however long', () => {
    let opened = 0;
    const scanner = createXmlScanner({
      wantsText: false,
      open: () => (opened += 1),
      close: () => undefined,
      text: () => undefined,
    });
    scanner.write('<sheetData>');
    for (let i = 0; i < 1000; i++) scanner.write(' '.repeat(65_536));
    scanner.write('<row r="1"/></sheetData>');
    scanner.end();
    expect(opened).toBe(2);
  });

  it('calls text only while the handler wants it', () => {
    const texts: string[] = [];
    const handler: XmlHandler = {
      wantsText: false,
      open: (name) => {
        handler.wantsText = name === 'v';
      },
      close: () => {
        handler.wantsText = false;
      },
      text: (t) => texts.push(t),
    };
    const scanner = createXmlScanner(handler);
    scanner.write('<c> skipped <v>kept</v> skipped <f>also skipped</f></c>');
    scanner.end();
    expect(texts).toEqual(['kept']);
  });

  it('lets the handler read markup itself through fastForward', () => {
    const seen: string[] = [];
    const handler: XmlHandler = {
      wantsText: false,
      open: (name) => seen.push(name),
      close: () => undefined,
      text: () => undefined,
      fastForward: (buf, at) => (buf.startsWith('<skip/>', at) ? at + '<skip/>'.length : at),
    };
    const scanner = createXmlScanner(handler);
    scanner.write('<a><skip/><b/><skip/></a>');
    scanner.end();
    expect(seen).toEqual(['a', 'b']);
  });

  it.each([
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>R&D</a>'],
    ['a tag never closed', '<a><b attr="x"'],
    ['a document type declaration', '<!DOCTYPE a [<!ENTITY e "x">]><a/>'],
    ['a < inside a tag', '<a <b>'],
    ['a tag without a name', '< a>'],
  ])('throws XmlSyntaxError on %s', (_name, xml) => {
    expect(() => events(xml)).toThrow(XmlSyntaxError);
  });
});

describe('xmlAttribute', () => {
  it.each([
    [' r="A1" s="3" t="s"', 'r', 'A1'],
    [' r="A1" s="3" t="s"', 's', '3'],
    [' r="A1" s="3" t="s"', 't', 's'],
    [" r = 'B2'", 'r', 'B2'],
    ['\n\tname="a &amp; b &#x1EA1;"', 'name', 'a & b ạ'],
    [' xr:r="X" r="Y"', 'r', 'Y'],
    [' rr="X"', 'r', undefined],
    [' s="3"', 'r', undefined],
    ['', 'r', undefined],
    [' r="a>b"', 'r', 'a>b'],
  ])('in %j, %s is %j', (raw, name, value) => {
    expect(xmlAttribute(raw, name)).toBe(value);
  });
});

describe('decodeXmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['a &lt; b &gt; c &amp; d &quot;e&quot; &apos;f&apos;', 'a < b > c & d "e" \'f\''],
    ['&#65;&#x42;&#x1F600;', 'AB😀'],
    ['line\r\nbreak\rand', 'line\nbreak\nand'],
    ['&amp;lt;', '&lt;'],
  ])('%j reads %j', (raw, text) => {
    expect(decodeXmlText(raw)).toBe(text);
  });
});
