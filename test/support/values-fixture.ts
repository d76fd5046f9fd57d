import type { Actor } from '../../src/app/context.js';
import type { Role } from '../../src/domain/approval.js';
import type { Queryable } from '../../src/store/db.js';
import { findUnit, refreshUnitPaths, upsertUnits, type UnitRow } from '../../src/store/units.queries.js';
import { unitInput as unit } from './units-fixture.js';

/**
 * A small unit tree: VN → province 15 (Lào Cai) → communes 04000, 04001; VN → province 01 (Hà Nội) → commune
 * 00001; and pre2025:10 (old Lào Cai) → pre2025:00100.
 */
export async function seedSmallUnitTree(q: Queryable): Promise<void> {
  await upsertUnits(q, '2025', [
    unit('VN', 'Việt Nam', 'national', null),
    unit('15', 'Tỉnh Lào Cai', 'province', 'VN'),
    unit('04000', 'Xã Bắc Hà', 'commune', '15'),
    unit('04001', 'Xã Si Ma Cai', 'commune', '15'),
    unit('01', 'Thành phố Hà Nội', 'province', 'VN'),
    unit('00001', 'Phường Ba Đình', 'commune', '01'),
  ]);
  await upsertUnits(q, 'pre2025', [
    unit('VN', 'Việt Nam', 'national', null, 'pre2025'),
    unit('10', 'Tỉnh Lào Cai', 'province', 'VN', 'pre2025'),
    unit('00100', 'Xã Cũ', 'commune', '10', 'pre2025'),
  ]);
  await refreshUnitPaths(q);
}

/** A unit row by set and code, failing the test when absent. */
export async function unitRow(q: Queryable, set: string, code: string): Promise<UnitRow> {
  const row = await findUnit(q, [set], code);
  if (!row) throw new Error(`unit ${set}:${code} missing from the fixture`);
  return row;
}

/** A user acting with one role over one unit's subtree, as the auth layer would build it. */
export function userWith(role: Role, unitPath: string, name: string = role): Actor {
  return { kind: 'user', name, grants: [{ role, unitPath }], source: 'api' };
}
