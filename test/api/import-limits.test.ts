import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/api/routes/imports.routes.js';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { dumpDatabase } from '../support/import-fixture.js';
import { createTestDb } from '../support/test-db.js';
import { declaringSize, handMadeXlsx } from '../support/xlsx-parts.js';

// A request records when its API token was last used; everything else must stay as it was.
const USED_TOKENS = ['api_token'];

/** A sheet of the same row repeated to about SIZE bytes: deflated, a few kilobytes. */
function repeatedSheet(size: number): string {
  const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>';
  return `<sheetData>${row.repeat(Math.ceil(size / row.length))}</sheetData>`;
}

describe('an upload past the reader limits', () => {
  let db: Db;
  let app: TestServer;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    await loadSmallTree(db);
    app = await buildTestServer({ ctx: testContext(db, () => new Date('2025-03-01T08:00:00Z')) });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const upload = (payload: Buffer, contentType = XLSX_TYPE) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=bomb.xlsx',
      headers: { 'content-type': contentType, 'accept-language': 'en' },
      payload,
    });

  it.each<[string, () => Uint8Array, string]>([
    [
      'a zip bomb: a small .xlsx whose sheet unpacks over 100 times larger',
      () => handMadeXlsx(repeatedSheet(4_000_000), {}, true),
      'maxCompressionRatio',
    ],
    [
      'a sheet declaring 629 MB unpacked, refused before anything is unpacked',
      () => declaringSize(handMadeXlsx(repeatedSheet(10_000), {}, true), 'xl/worksheets/sheet1.xml', 629e6),
      'maxEntryBytes',
    ],
  ])('answers 413 to %s, naming the limit, and writes nothing', async (_name, bytes, limit) => {
    const before = await dumpDatabase(db, USED_TOKENS);
    const res = await upload(Buffer.from(bytes()));
    expect(res.statusCode).toBe(413);
    const body = res.json() as { code: string; message_vi: string; message_en: string };
    expect(body.code).toBe('tooLarge');
    expect(body.message_en).toContain(limit);
    expect(body.message_vi).toContain(limit);
    expect(body.message_en).toContain('bomb.xlsx');
    expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
  });

  it('answers 400 to a CSV cell longer than Excel allows, naming the limit, the separator and the encoding', async () => {
    const csv = `indicator_code;unit_code;period;value;comment\nP1;15;2024;1;${'x'.repeat(32_768)}\n`;
    const res = await upload(Buffer.from(csv), 'text/csv');
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message_en: string };
    expect(body.code).toBe('badInput');
    expect(body.message_en).toContain('maxCellLength');
    expect(body.message_en).toContain('separator «;», encoding UTF-8');
  });

  it('answers 400 to an .xlsx with a DOCTYPE', async () => {
    const strings = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaa">]><sst><si><t>&a;</t></si></sst>';
    const res = await upload(Buffer.from(handMadeXlsx('<sheetData/>', { 'xl/sharedStrings.xml': strings })));
    expect(res.statusCode).toBe(400);
    expect((res.json() as { message_en: string }).message_en).toContain('DOCTYPE');
  });
});
