import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import type { AppError } from '../../domain/app-error.js';
import type { Db } from '../../store/db.js';
import type { CompositeIndexNodeRow } from '../../store/composite-index.queries.js';
import { LOCAL_ADMIN, type Actor } from '../context.js';
import { copyMethodology } from './copy-methodology.js';
import { editMethodologyNodes, validateMethodology } from './edit-methodology-nodes.js';
import { importMethodologyNodes, type IndexNodeImportRow } from './import-methodology-nodes.js';
import { getMethodology, listMethodologies } from './list-methodologies.js';
import { loadIndexTemplate } from './load-index-template.js';
import { mergeNodes } from './save-methodology-version.js';
import { tempDirSync } from '../../../test/support/temp-dir.js';

const row = (
  methodology: string,
  code: string,
  parentCode: string | null,
  weight: number,
  indicatorCode: string | null = null,
  extra: Partial<IndexNodeImportRow> = {},
): IndexNodeImportRow => ({
  methodology,
  code,
  parentCode,
  name: `Nút ${code}`,
  weight,
  indicatorCode,
  normalization: indicatorCode ? 'value' : null,
  reference: null,
  ...extra,
});

const simple = [
  row('M', 'R', null, 1, null, { row: 2 }),
  row('M', 'A', 'R', 0.6, 'IA', { row: 3 }),
  row('M', 'B', 'R', 0.4, 'IB', { row: 4 }),
];

const node = (code: string, parentCode: string | null): CompositeIndexNodeRow => ({
  code,
  parentCode,
  name: code,
  weight: 1,
  indicatorCode: null,
  normalization: null,
  reference: null,
});

describe('mergeNodes', () => {
  const current = [node('R', null), node('A', 'R'), node('A1', 'A'), node('A11', 'A1'), node('B', 'R')];
  it.each([
    [
      'replaces in place and appends new codes',
      [{ ...node('A', 'R'), name: 'new' }, node('C', 'R')],
      [],
      ['R', 'A:new', 'A1', 'A11', 'B', 'C'],
    ],
    ['removes a node with its whole subtree', [], ['A'], ['R', 'B']],
    ['removes a leaf only', [], ['A11'], ['R', 'A', 'A1', 'B']],
    ['changes nothing for an empty edit', [], [], ['R', 'A', 'A1', 'A11', 'B']],
  ])('%s', (_name, upsert, remove, expected) => {
    const merged = mergeNodes(current, upsert, remove);
    expect(merged.map((n) => (n.name === n.code ? n.code : `${n.code}:${n.name}`))).toEqual(expected);
  });
});

describe.each(TEST_DB_KINDS)('methodology import and editing on %s', (kind) => {
  let db: Db;
  const ctx = () => ({ db, now: () => new Date('2026-01-15T08:00:00Z') });

  beforeAll(async () => {
    db = await createTestDb(kind);
  }, 120_000);
  afterAll(async () => db.close());

  it('creates a methodology from rows, names it after the root, and changes nothing when imported again', async () => {
    const first = await db.transaction((tx) => importMethodologyNodes(tx, LOCAL_ADMIN, simple));
    expect(first).toEqual([{ code: 'M', status: 'created', version: 1, nodes: 3 }]);
    const again = await db.transaction((tx) => importMethodologyNodes(tx, LOCAL_ADMIN, simple));
    expect(again).toEqual([{ code: 'M', status: 'unchanged', version: 1, nodes: 3 }]);
    const m = await getMethodology(ctx(), 'M');
    expect(m).toMatchObject({ name: 'Nút R', level: 'province', version: 1 });
    expect(m.nodes.map((n) => [n.code, n.rootShare, n.leaf])).toEqual([
      ['R', 1, false],
      ['A', 0.6, true],
      ['B', 0.4, true],
    ]);
    const audit = await db.query<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log WHERE entity = 'methodology' AND entity_key = 'M'`,
    );
    expect(audit).toEqual([{ action: 'create', actor: 'local-admin' }]);
  });

  it('upserts rows onto the newest version: component indicators added beneath a leaf make a new version', async () => {
    const result = await db.transaction((tx) =>
      importMethodologyNodes(tx, LOCAL_ADMIN, [
        row('M', 'B', 'R', 0.4, null),
        row('M', 'B1', 'B', 0.5, 'IB1'),
        row('M', 'B2', 'B', 0.5, 'IB2', { normalization: 'ratio', reference: 100 }),
      ]),
    );
    expect(result).toEqual([{ code: 'M', status: 'updated', version: 2, nodes: 5 }]);
    const v1 = await getMethodology(ctx(), 'M', 1);
    expect(v1.nodes).toHaveLength(3);
    const v2 = await getMethodology(ctx(), 'M');
    expect(v2.nodes.map((n) => [n.code, n.rootShare])).toEqual([
      ['R', 1],
      ['A', 0.6],
      ['B', 0.4],
      ['B1', 0.2],
      ['B2', 0.2],
    ]);
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses a whole import when one methodology is invalid, listing every problem with its row and node', async () => {
    const bad = [
      row('N', 'R', null, 1000, null, { row: 2 }),
      row('N', 'X', 'R', 600, 'IX', { row: 3 }),
      row('N', 'Y', 'R', 300, null, { row: 4 }),
      row('N', 'Z', 'Q', 100, 'IZ', { row: 5 }),
    ];
    const error = await db
      .transaction((tx) =>
        importMethodologyNodes(tx, LOCAL_ADMIN, [...bad, ...simple.map((r) => ({ ...r, methodology: 'P' }))]),
      )
      .catch((e: unknown) => e as AppError);
    expect(error).toMatchObject({ code: 'badInput' });
    const details = (error as AppError).details;
    expect(details.map((d) => [d.row, d.field])).toEqual(
      expect.arrayContaining([
        [5, 'nodes.Z'],
        [4, 'nodes.Y'],
        [2, 'nodes.R'],
      ]),
    );
    expect(details.find((d) => d.field === 'nodes.Y')?.message_en).toBe('N: Leaf node "Y" has no indicator.');
    expect(details.every((d) => d.message_vi.startsWith('N: '))).toBe(true);
    expect((await listMethodologies(ctx())).map((m) => m.code)).toEqual(['M']);
  });

  it('refuses an actor who may not manage plans', async () => {
    const reporter: Actor = {
      kind: 'user',
      name: 'r',
      grants: [{ role: 'reporter', unitPath: '/' }],
      source: 'web',
    };
    await expect(db.transaction((tx) => importMethodologyNodes(tx, reporter, simple))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('validates an edit without saving it: problems named by node, and indicators not defined', async () => {
    const v = await validateMethodology(ctx(), 'M', {
      upsert: [
        { code: 'A', parentCode: 'R', name: 'A', weight: 0.7, indicatorCode: 'IA', normalization: 'value' },
      ],
    });
    expect(v).toMatchObject({ code: 'M', version: 2, valid: false });
    expect(v.problems.map((p) => [p.code, p.nodeCode])).toEqual([['weightsDoNotAddUp', 'R']]);
    expect(v.problems[0]?.message_vi).toContain('cộng lại 1.1');
    expect(v.unknownIndicators).toEqual(['IA', 'IB1', 'IB2']);
    expect((await getMethodology(ctx(), 'M')).version).toBe(2);
  });

  it('edits as a new version, refuses a stale base version and an invalid result, and removes subtrees', async () => {
    await expect(
      editMethodologyNodes(ctx(), LOCAL_ADMIN, 'M', { remove: ['B1'], baseVersion: 1 }),
    ).rejects.toMatchObject({ code: 'staleVersion' });
    await expect(editMethodologyNodes(ctx(), LOCAL_ADMIN, 'M', { remove: ['B1'] })).rejects.toMatchObject({
      code: 'badInput',
      details: [expect.objectContaining({ field: 'nodes.B' })],
    });
    const edited = await editMethodologyNodes(ctx(), LOCAL_ADMIN, 'M', {
      remove: ['B'],
      upsert: [
        { code: 'A', parentCode: 'R', name: 'A', weight: 1, indicatorCode: 'IA', normalization: 'value' },
      ],
      baseVersion: 2,
    });
    expect(edited).toEqual({ code: 'M', version: 3, changed: true, nodes: 2 });
    const same = await editMethodologyNodes(ctx(), LOCAL_ADMIN, 'M', {});
    expect(same).toEqual({ code: 'M', version: 3, changed: false, nodes: 2 });
  });

  it('copies a methodology under a new code, recording what it was based on; refuses a taken code', async () => {
    const copy = await copyMethodology(ctx(), LOCAL_ADMIN, { from: 'M', to: 'M-copy', version: 1 });
    expect(copy).toEqual({ code: 'M-copy', basedOn: 'M', version: 1, nodes: 3 });
    expect(await getMethodology(ctx(), 'M-copy')).toMatchObject({ name: 'Nút R (bản sao)', basedOn: 'M' });
    await expect(copyMethodology(ctx(), LOCAL_ADMIN, { from: 'M', to: 'M-copy' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(copyMethodology(ctx(), LOCAL_ADMIN, { from: 'M', to: 'bad code' })).rejects.toMatchObject({
      code: 'badInput',
    });
  });

  it('loads the shipped templates by name, creating their indicators once', async () => {
    const first = await loadIndexTemplate(ctx(), LOCAL_ADMIN, 'dti-ministry-922-2022');
    expect(first.methodologies).toEqual([
      { code: 'dti-ministry-922-2022', status: 'created', version: 1, nodes: 9 },
    ]);
    expect(first.indicatorsCreated).toHaveLength(6);
    expect((await getMethodology(ctx(), 'dti-ministry-922-2022')).level).toBe('agency');
    const again = await loadIndexTemplate(ctx(), LOCAL_ADMIN, 'dti-ministry-922-2022');
    expect(again).toMatchObject({ indicatorsCreated: [], methodologies: [{ status: 'unchanged' }] });
    const indicator = await db.query<{ name_vi: string; value_type: string }>(
      `SELECT name_vi, value_type FROM indicator WHERE code = 'DTI922_M_HDCDS'`,
    );
    expect(indicator).toEqual([{ name_vi: 'Hoạt động chuyển đổi số', value_type: 'number' }]);
  });

  it('loads a file of the user’s own, and refuses an unknown name or a bad cell', async () => {
    const dir = tempDirSync('dxmon-index-');
    const file = join(dir, 'mine.csv');
    writeFileSync(
      file,
      'methodology,code,parent_code,name,weight,indicator_code,normalization,reference\n' +
        'mine,R,,Chỉ số riêng,1,,,\nmine,A,R,"Tỷ lệ, phần trăm",1,IND_A,ratio,"100"\n',
    );
    const loaded = await loadIndexTemplate(ctx(), LOCAL_ADMIN, file);
    expect(loaded).toMatchObject({ template: null, indicatorsCreated: ['IND_A'] });
    expect((await getMethodology(ctx(), 'mine')).nodes[1]).toMatchObject({
      name: 'Tỷ lệ, phần trăm',
      normalization: 'ratio',
      reference: 100,
    });
    await expect(loadIndexTemplate(ctx(), LOCAL_ADMIN, 'dti-nope')).rejects.toMatchObject({
      code: 'notFound',
    });
    writeFileSync(file, 'methodology,code,parent_code,name,weight\nmine,R,,R,abc\n');
    await expect(loadIndexTemplate(ctx(), LOCAL_ADMIN, file)).rejects.toMatchObject({
      code: 'badInput',
      details: [expect.objectContaining({ row: 2, column: 'weight' })],
    });
  });
});
