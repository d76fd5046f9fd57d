import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { squaresGeoJson, squaresTopoJson } from '../support/boundary-fixture.js';
import { workspaceCli } from '../support/cli.js';
import { putUnits } from '../support/evaluation-fixture.js';
import { tempDirSync } from '../support/temp-dir.js';

// `dxmon maps load FILE [--set]` (docs/maps.md) on a workspace with a small 2025 unit tree.

const dataDir = tempDirSync('dxmon-maps-');
const files = tempDirSync('dxmon-maps-files-');
const { dxmon, json } = workspaceCli(dataDir);

describe('dxmon maps load', () => {
  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    try {
      await putUnits(opened.db, [
        ['MP', 'Tỉnh MP', 'province', null],
        ['MC1', 'Xã MC1', 'commune', 'MP'],
        ['MC2', 'Xã MC2', 'commune', 'MP'],
      ]);
    } finally {
      await opened.close();
    }
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('loads TopoJSON communes, says what matched and what did not, and credits the file', async () => {
    const file = join(files, 'xa-mp.topojson');
    writeFileSync(file, JSON.stringify(squaresTopoJson(['MC1', 'MC2', 'X9'])));
    const run = await dxmon('maps', 'load', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Đã nạp ranh giới (bộ 2025): 2/3 đối tượng khớp đơn vị (commune 2); ghi mới hoặc thay đổi 2. Nguồn: xa-mp.topojson.\n' +
        'Mã không khớp đơn vị nào (1): X9\n',
    );
    const again = await json<{ written: number; unmatched: string[] }>('maps', 'load', file, '--set', '2025');
    expect(again).toMatchObject({ written: 0, unmatched: ['X9'] });
  });

  it('refuses a bad file naming the feature, and a file of another set, with an exit code', async () => {
    const bad = join(files, 'bad.geojson');
    const doc = squaresGeoJson(['MP']) as { features: { geometry: unknown }[] };
    const first = doc.features[0];
    if (first)
      first.geometry = {
        type: 'Polygon',
        coordinates: [
          [
            [104, 22],
            [104, 95],
            [105, 23],
            [104, 22],
          ],
        ],
      };
    writeFileSync(bad, JSON.stringify(doc));
    const run = await dxmon('--lang', 'en', 'maps', 'load', bad);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Feature 1 \(features\[0\]\.geometry\.coordinates\[0\]\[1\]\[1\]\).*latitude/);

    const other = join(files, 'p.geojson');
    writeFileSync(other, JSON.stringify(squaresGeoJson(['MP'])));
    const wrongSet = await dxmon('maps', 'load', other, '--set', 'pre2025');
    expect(wrongSet.code).not.toBe(0);
    expect(wrongSet.stderr).toMatch(/pre2025/);
    expect((await dxmon('maps', 'load', join(files, 'missing.json'))).code).not.toBe(0);
  });
});
