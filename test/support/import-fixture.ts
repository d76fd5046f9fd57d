import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db, Queryable } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { unitInput } from './units-fixture.js';
import { tempDir } from './temp-dir.js';

/** A small official tree: province 15 (2025) with commune 00001; old province 10 (pre2025) with commune 00002. */
export async function loadSmallUnitTree(db: Db): Promise<void> {
  await upsertUnits(db, '2025', [
    unitInput('15', 'Tỉnh Lào Cai', 'province', null),
    unitInput('00001', 'Xã Một', 'commune', { set: '2025', code: '15' }),
  ]);
  await upsertUnits(db, 'pre2025', [
    unitInput('10', 'Tỉnh Lào Cai (cũ)', 'province', null),
    unitInput('00002', 'Xã Hai', 'commune', { set: 'pre2025', code: '10' }),
  ]);
  await refreshUnitPaths(db);
}

/** Writes CSV files (sheet name → lines) into a fresh temporary folder, removed when the test file ends, and returns its path. */
export async function csvFolder(files: Record<string, readonly string[]>): Promise<string> {
  const dir = await tempDir('dxmon-import-');
  for (const [sheet, lines] of Object.entries(files)) {
    await writeFile(path.join(dir, `${sheet}.csv`), `${lines.join('\n')}\n`, 'utf8');
  }
  return dir;
}

/** Every sheet of the import format, every value type, units of both sets and of the workspace. */
export const FULL_FILE = {
  units: [
    'code,name,kind,parent_code',
    'LCI-STTTT,Sở Thông tin và Truyền thông,agency,15',
    'LCI-THON1,Thôn Một,village,00001',
    'LCI-THON2,Thôn Hai,village,LCI-THON1',
  ],
  indicators: [
    'code,name_vi,name_en,value_type,unit,direction,time_aggregation,group',
    'P1,Tỷ lệ A,Share A,percent,%,increase,last,digitalGovernment',
    'C1,Số hộ B,Households B,count,hộ,increase,sum,digitalSociety',
    'N1,Chỉ số C,Index C,number,điểm,decrease,average,NEWGROUP',
    'M1,Vốn D,Capital D,money,đồng,increase,sum,digitalEconomy',
    'B1,Có cáp quang,Has fibre,boolean,,reach,last,infrastructure',
    'R1,Tỷ lệ hộ có cáp quang,Households with fibre,ratio,%,increase,last,infrastructure',
  ],
  plans: ['code,name,unit_code,start_year,end_year', 'KH1,Kế hoạch chuyển đổi số,15,2024,2025'],
  targets: [
    'plan_code,indicator_code,unit_code,period,target,baseline,baseline_period,lead_unit_code,note',
    'KH1,P1,15,2024,95,80,2023,LCI-STTTT,Mục tiêu năm',
    'KH1,C1,15,2024,1200,,,LCI-STTTT,',
    'KH1,B1,LCI-THON1,2024,có,,,,',
    'KH1,R1,15,2025,60,,,,',
  ],
  values: [
    'indicator_code,unit_code,period,value,numerator,denominator,comment',
    'P1,15,2024S1,"36,8",,,Báo cáo sơ kết',
    'C1,15,2024Q1,1234,,,',
    'N1,15,2024,-2.5,,,',
    'M1,15,2024,1500000,,,',
    'B1,LCI-THON1,2024,có,,,',
    'B1,LCI-THON2,2024,0,,,',
    'R1,15,2024,,30,40,',
    'P1,pre2025:10,2024,97%,,,giá trị cũ',
    'C1,LCI-STTTT,2024Q1,12,,,',
  ],
  tasks: [
    'code,programme,title,lead_unit_code,start,due,recurring,status,note',
    'T1,DA06,Ban hành kế hoạch,LCI-STTTT,2024-01-02,2024-02-29,false,completed,',
    'T2,DA06,Cập nhật dữ liệu dân cư,15,2024-01-01,,true,recurring,ghi chú',
  ],
  index_nodes: [
    'methodology,code,parent_code,name,weight,indicator_code,normalization,reference',
    'IDX,ROOT,,Chỉ số thử,1,,,',
    'IDX,A,ROOT,Thành phần A,0.6,P1,value,',
    'IDX,B,ROOT,Thành phần B,0.4,C1,ratio,2000',
  ],
} as const;

/**
 * A fingerprint of every table's rows (but those named in `except`): equal before and after means the
 * database is byte-for-byte the same.
 */
export async function dumpDatabase(
  q: Queryable,
  except: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables = await q.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const rows = await q.query<{ md5: string | null; n: number }>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS md5, count(*)::int AS n FROM "${name}" t`,
    );
    out[name] = `${rows[0]?.n ?? 0}:${rows[0]?.md5 ?? ''}`;
  }
  return out;
}

/** The stored values as users read them, sorted: indicator, unit, period, value, parts, comment. */
export async function storedValues(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ line: string }>(
    `SELECT concat_ws(' ', i.code, CASE WHEN u.set_code IN ('2025', 'workspace') THEN u.code
                                         ELSE u.set_code || ':' || u.code END,
                      v.period, coalesce(v.value::text, '∅'), coalesce(v.numerator::text, '∅'),
                      coalesce(v.denominator::text, '∅'), coalesce(v.comment, '∅')) AS line
     FROM data_value v JOIN indicator i ON i.id = v.indicator_id JOIN unit u ON u.id = v.unit_id
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}
