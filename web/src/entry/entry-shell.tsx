import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useEntryForm, type EntryForm } from '../api/entry';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { useEntryAddress } from './entry-address';

/**
 * What the two entry pages share: the unit and period from the address, the form read for them, and the page's
 * title; without a unit to enter for, or when the server refuses the unit (403), the refusal in the reader's
 * language and no form.
 */
export function EntryShell({
  title,
  children,
}: {
  title: string;
  children: (form: EntryForm, change: (patch: Record<string, string>) => void) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const { query, change } = useEntryAddress();
  const form = useEntryForm(query);
  const heading = (
    <Typography.Title level={1} id="entry-title">
      {title}
    </Typography.Title>
  );
  if (query.unit === '') {
    return (
      <section aria-labelledby="entry-title">
        {heading}
        <Alert type="info" showIcon title={t.entry.noUnits} />
      </section>
    );
  }
  if (form.isPending) return <Loading />;
  if (form.isError) {
    const refused = form.error instanceof ApiError && [400, 403, 404].includes(form.error.status);
    return (
      <section aria-labelledby="entry-title">
        {heading}
        {refused && form.error instanceof ApiError ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="entry-refused"
            title={t.entry.refused}
            description={form.error.messageIn(lang)}
          />
        ) : (
          <QueryError error={form.error} onRetry={() => void form.refetch()} />
        )}
      </section>
    );
  }
  return (
    <section aria-labelledby="entry-title" className="entry">
      {heading}
      {children(form.data, change)}
    </section>
  );
}
