/**
 * Times as users in Vietnam read them (docs/domain.md §9): Vietnam's time zone (Asia/Ho_Chi_Minh, UTC+07:00 all
 * year, no daylight saving), the hour first and the day before the month: "21:05 05/12/2026". JSON keeps
 * ISO 8601 with its offset; this is for messages, tables and generated files.
 */

/** Vietnam's offset from UTC, in minutes: +07:00 all year since 1975. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in Vietnam. */
function vietnamParts(at: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const shifted = new Date(at.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** An instant given as a Date or as ISO 8601 text with its offset; null for text that is not one. */
function instant(at: Date | string): Date | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The time and date in Vietnam, "21:05 05/12/2026" (both languages write it so here). Text that is not a time
 * is returned as it is rather than shown as "NaN".
 */
export function formatVietnamTime(at: Date | string): string {
  const d = instant(at);
  if (!d) return String(at);
  const p = vietnamParts(d);
  return `${pad2(p.hour)}:${pad2(p.minute)} ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** The date in Vietnam, "05/12/2026". */
export function formatVietnamDate(at: Date | string): string {
  const d = instant(at);
  if (!d) return String(at);
  const p = vietnamParts(d);
  return `${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}

/** ISO 8601 in Vietnam's time with its offset, "2026-12-05T21:05:00+07:00", for files people open. */
export function isoVietnamTime(at: Date): string {
  const shifted = new Date(at.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return `${shifted.toISOString().slice(0, 19)}+07:00`;
}
