import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** A request that failed, in the reader's language, with a button to try again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t, lang } = useI18n();
  const text =
    error instanceof ApiError
      ? error.status === 0
        ? t.errors.network
        : (error.messageIn(lang) ?? t.errors.unexpected)
      : t.errors.unexpected;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={text}
      action={<Button onClick={onRetry}>{t.app.retry}</Button>}
    />
  );
}
