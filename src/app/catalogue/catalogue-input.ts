import { AppError } from '../../domain/app-error.js';
import { isAllowed } from '../authorize.js';
import type { Actor } from '../context.js';

const CODE_MAX = 100;

/** A code as the import format accepts it: not empty, no whitespace, at most 100 characters. */
export function requireCode(text: string, field: string): string {
  const code = text.trim();
  if (code === '' || /\s/.test(code) || code.length > CODE_MAX) {
    throw new AppError(
      'badInput',
      {
        vi: `Mã «${text}» (${field}) không hợp lệ: cần 1–${CODE_MAX} ký tự, không có khoảng trắng.`,
        en: `Code «${text}» (${field}) is invalid: it needs 1–${CODE_MAX} characters without spaces.`,
      },
      [{ field, message_vi: 'Mã không hợp lệ.', message_en: 'Invalid code.' }],
    );
  }
  return code;
}

/** A name: trimmed, not empty. */
export function requireText(text: string, field: string): string {
  const s = text.normalize('NFC').trim();
  if (s === '') {
    throw new AppError('badInput', { vi: `Thiếu ${field}.`, en: `${field} is missing.` }, [
      { field, message_vi: 'Không được để trống.', message_en: 'Must not be empty.' },
    ]);
  }
  return s;
}

/** An optional text: trimmed, and null when empty. */
export function optionalText(text: string | null | undefined): string | null {
  const s = text?.normalize('NFC').trim() ?? '';
  return s === '' ? null : s;
}

/**
 * Refuses a change to the shared catalogue (indicators, groups, validation rules) unless the actor manages
 * plans over the whole installation (a secretariat or admin grant at the root `/`).
 */
export function authorizeCatalogue(actor: Actor): void {
  if (isAllowed(actor, 'plans:manage', '/')) return;
  throw new AppError('forbidden', {
    vi: 'Bạn không có quyền sửa danh mục chỉ tiêu (cần vai trò thư ký hoặc quản trị trên toàn hệ thống).',
    en: 'You may not change the indicator catalogue (it takes the secretariat or admin role over the whole installation).',
  });
}
