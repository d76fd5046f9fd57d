import { err, ok, type DomainMessage, type Result } from './result.js';

/** A unit as users write it: a code within a unit set (docs/domain.md §2). */
export interface UnitRef {
  set: string;
  code: string;
}

/** The set a bare code names: the current administrative units. */
export const CURRENT_UNIT_SET = '2025';

/**
 * The set of units a workspace adds itself (agencies, villages). A bare code that is not a current
 * official unit names one of these; a workspace code may never repeat a current official code.
 */
export const WORKSPACE_UNIT_SET = 'workspace';

/** The sets a bare code is looked up in, in order. */
export const BARE_CODE_SETS: readonly string[] = [CURRENT_UNIT_SET, WORKSPACE_UNIT_SET];

const SET_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Splits a unit reference at its first colon into the set as written (null for a bare code) and the code (docs/domain.md §2). */
export function splitUnitRef(text: string): { set: string | null; code: string } {
  const colon = text.indexOf(':');
  return colon === -1
    ? { set: null, code: text }
    : { set: text.slice(0, colon), code: text.slice(colon + 1) };
}

/**
 * Parses `15` (the current set) or `pre2025:15` (a named set) into a unit reference (docs/domain.md §2:
 * a code alone is not an identity; the current set is meant unless another is named).
 */
export function parseUnitRef(
  text: string,
  defaultSet: string = CURRENT_UNIT_SET,
): Result<UnitRef, DomainMessage> {
  const written = splitUnitRef(text.trim());
  const set = written.set ?? defaultSet;
  const code = written.code;
  if (!SET_PATTERN.test(set) || !CODE_PATTERN.test(code)) {
    return err({
      code: 'badUnitRef',
      message_vi: `Mã đơn vị «${text}» không hợp lệ: dùng mã (ví dụ 15) hoặc bộ:mã (ví dụ pre2025:10).`,
      message_en: `Unit code «${text}» is invalid: write a code (e.g. 15) or set:code (e.g. pre2025:10).`,
    });
  }
  return ok({ set, code });
}

/** Writes a unit reference back as users write it: the bare code where a bare code finds it, else `set:code`. */
export function formatUnitRef(ref: UnitRef): string {
  return BARE_CODE_SETS.includes(ref.set) ? ref.code : `${ref.set}:${ref.code}`;
}

/** True when the reference was written without a set, so the lookup may fall back to the workspace set. */
export function isBareUnitRef(text: string): boolean {
  return splitUnitRef(text).set === null;
}
