import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';

/**
 * Shows an API error on a form in the reader's language: each message that names one of the form's fields at that
 * field, and returns the message for the form as a whole (null when every message went to a field).
 */
export function showFormErrors<T extends object>(
  form: FormInstance<T>,
  fields: readonly (keyof T & string)[],
  error: unknown,
  lang: Lang,
  t: Messages,
): string | null {
  if (!(error instanceof ApiError)) return t.errors.unexpected;
  if (error.status === 0) return t.errors.network;
  const byField = error.fieldMessages(lang);
  const shown = fields.filter((f) => byField[f] !== undefined);
  // antd's setFields is typed by the form's own field names.
  form.setFields(shown.map((name) => ({ name: name as never, errors: [byField[name] ?? ''] })));
  if (shown.length > 0) return null;
  return error.messageIn(lang) ?? t.errors.unexpected;
}
