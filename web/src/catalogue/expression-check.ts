import { expressionCodes, parseExpression } from '../../../src/domain/validation-rule.js';
import type { Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';

/** What one side of a rule says as it is typed: the parser's error (with its position), or the indicators named. */
export type SideCheck =
  { ok: false; message: string; position: number | null } | { ok: true; codes: string[]; unknown: string[] };

/**
 * Reads one side of a validation rule with the server's own parser (src/domain/validation-rule.ts), so the page
 * refuses exactly what the API would, and names the indicators the catalogue does not have.
 */
export function checkSide(text: string, known: ReadonlySet<string>, lang: Lang): SideCheck {
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    const error = parsed.error;
    return {
      ok: false,
      message: lang === 'en' ? error.message_en : error.message_vi,
      position: error.position,
    };
  }
  const codes = expressionCodes(parsed.value);
  return { ok: true, codes, unknown: codes.filter((c) => !known.has(c)) };
}

/** The message a side shows at its field, or null when it may be saved. */
export function sideError(check: SideCheck, t: Messages): string | null {
  if (!check.ok) return check.message;
  if (check.unknown.length > 0) return t.catalogue.unknownIndicators(check.unknown.join(', '));
  return null;
}
