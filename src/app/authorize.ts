import { AppError } from '../domain/app-error.js';
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
