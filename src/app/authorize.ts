import { AppError } from '../domain/app-error.js';
import { formatUnitRef } from '../domain/unit-ref.js';
import { hasPermission, type Permission } from './auth/scope.js';
import type { Actor } from './context.js';

const PERMISSION_NAMES: Record<Permission, { vi: string; en: string }> = {
  read: { vi: 'xem', en: 'read' },
  'values:write': { vi: 'nhập số liệu', en: 'enter values' },
  'review:submit': { vi: 'gửi báo cáo', en: 'submit' },
  'review:return': { vi: 'trả lại báo cáo', en: 'return' },
  'review:approve': { vi: 'phê duyệt', en: 'approve' },
  'review:reopen': { vi: 'mở lại kỳ đã duyệt', en: 'reopen' },
  'plans:manage': { vi: 'quản lý kế hoạch, chỉ tiêu', en: 'manage plans and targets' },
  'units:manage': { vi: 'quản lý đơn vị', en: 'manage units' },
  'users:manage': { vi: 'quản lý người dùng', en: 'manage users' },
  'tokens:manage': { vi: 'quản lý mã truy cập API', en: 'manage API tokens' },
  'audit:read': { vi: 'xem nhật ký', en: 'read the audit log' },
};

/** True when the actor may do this on the unit at `unitPath` (the local admin and the system may do all). */
export function isAllowed(actor: Actor, permission: Permission, unitPath: string): boolean {
  if (actor.kind === 'localAdmin' || actor.kind === 'system') return true;
  return hasPermission(actor.grants, permission, unitPath);
}

/**
 * Refuses the operation unless the actor holds the permission on the unit at `unitPath` (issue 7:
 * every operation is checked in the app layer, API and CLI alike). `unitLabel` names the unit in the message.
 */
export function authorize(actor: Actor, permission: Permission, unitPath: string, unitLabel: string): void {
  if (isAllowed(actor, permission, unitPath)) return;
  const name = PERMISSION_NAMES[permission];
  throw new AppError('forbidden', {
    vi: `Bạn không có quyền ${name.vi} tại đơn vị ${unitLabel}.`,
    en: `You may not ${name.en} at unit ${unitLabel}.`,
  });
}

/**
 * A unit a written row concerns: its path, the unit as users write it, and the field (API) or column (import)
 * naming it, so that a refusal points there. `role` says what the unit is to the row when it is not the row's own
 * (the unit of a target's plan).
 */
export interface RowUnit {
  path: string;
  label: string;
  field?: string;
  role?: { vi: string; en: string };
}

/** A stored unit as a RowUnit, named as users write it (`15`, `pre2025:10`). */
export function rowUnit(
  unit: { path: string; set: string; code: string },
  field?: string,
  role?: RowUnit['role'],
): RowUnit {
  return {
    path: unit.path,
    label: formatUnitRef(unit),
    ...(field ? { field } : {}),
    ...(role ? { role } : {}),
  };
}

/**
 * One row written, for the write rule: the row as messages name it (`kế hoạch «KH-15»`), the units it belongs to
 * now (none for a new row) and those it will belong to.
 */
export interface RowWrite {
  row: { vi: string; en: string };
  current?: readonly RowUnit[];
  next?: readonly RowUnit[];
}

/** Why a write is refused: the unit the actor lacks the permission on, and the message naming it. */
export interface WriteRefusal {
  unit: RowUnit;
  /** Whether the unit is one the row belongs to now (else one it would belong to). */
  current: boolean;
  message_vi: string;
  message_en: string;
}

const role = (unit: RowUnit, lang: 'vi' | 'en'): string => (unit.role ? `, ${unit.role[lang]}` : '');

/**
 * The write rule of every entry point (API routes, CLI commands, import sheets): a new row needs the permission
 * over the units it will belong to; a change to an existing row needs it over the units the row belongs to now as
 * well — so nothing can be taken over from, nor moved into, units outside the actor's. A target belongs to its
 * plan's unit and to its own. The first unit refused (current ones first), or null when the write is allowed.
 */
export function writeRefusal(actor: Actor, permission: Permission, write: RowWrite): WriteRefusal | null {
  const name = PERMISSION_NAMES[permission];
  for (const unit of write.current ?? []) {
    if (isAllowed(actor, permission, unit.path)) continue;
    return {
      unit,
      current: true,
      message_vi: `Bạn không có quyền ${name.vi} tại đơn vị ${unit.label}${role(unit, 'vi')}: không thể sửa hay chuyển ${write.row.vi}.`,
      message_en: `You may not ${name.en} at unit ${unit.label}${role(unit, 'en')}: ${write.row.en} cannot be changed or moved.`,
    };
  }
  for (const unit of write.next ?? []) {
    if (isAllowed(actor, permission, unit.path)) continue;
    return {
      unit,
      current: false,
      message_vi: `Bạn không có quyền ${name.vi} tại đơn vị ${unit.label}${role(unit, 'vi')}: không thể ghi ${write.row.vi} vào đó.`,
      message_en: `You may not ${name.en} at unit ${unit.label}${role(unit, 'en')}: ${write.row.en} cannot be written there.`,
    };
  }
  return null;
}

/** Refuses a write that `writeRefusal` refuses: `forbidden`, naming the unit and the field that names it. */
export function authorizeWrite(actor: Actor, permission: Permission, write: RowWrite): void {
  const refusal = writeRefusal(actor, permission, write);
  if (!refusal) return;
  const { field } = refusal.unit;
  throw new AppError(
    'forbidden',
    { vi: refusal.message_vi, en: refusal.message_en },
    field ? [{ field, message_vi: refusal.message_vi, message_en: refusal.message_en }] : [],
  );
}

/** How write refusals name rows: the same words whatever the entry point. */
export const ROW_NAMES = {
  plan: (code: string) => ({ vi: `kế hoạch «${code}»`, en: `plan «${code}»` }),
  target: (t: { plan: string; indicator: string; unit: string; period: string }) => ({
    vi: `mục tiêu ${t.indicator} của kế hoạch «${t.plan}» tại đơn vị ${t.unit}, kỳ ${t.period}`,
    en: `the target ${t.indicator} of plan «${t.plan}» at unit ${t.unit}, period ${t.period}`,
  }),
  unit: (code: string) => ({ vi: `đơn vị «${code}»`, en: `unit «${code}»` }),
  task: (code: string) => ({ vi: `nhiệm vụ «${code}»`, en: `task «${code}»` }),
  indicator: (code: string) => ({ vi: `chỉ tiêu «${code}»`, en: `indicator «${code}»` }),
  indexNode: (methodology: string, code: string) => ({
    vi: `nút «${code}» của bộ chỉ số «${methodology}»`,
    en: `node «${code}» of index «${methodology}»`,
  }),
  value: (v: { indicator: string; unit: string; period: string }) => ({
    vi: `số liệu ${v.indicator} của đơn vị ${v.unit}, kỳ ${v.period}`,
    en: `the value of ${v.indicator} at unit ${v.unit}, period ${v.period}`,
  }),
} as const;

/** The role of the plan's unit in a target's write (`, the unit of plan «KH-15»`). */
export function planUnitRole(plan: string): { vi: string; en: string } {
  return { vi: `đơn vị của kế hoạch «${plan}»`, en: `the unit of plan «${plan}»` };
}

/** The installation root as a RowUnit: the shared catalogue (indicators, index methodologies) is written there. */
export const INSTALLATION_UNIT: RowUnit = { path: '/', label: '/' };
