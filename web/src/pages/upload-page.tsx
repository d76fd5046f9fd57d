import { Alert, Button, Typography } from 'antd';
import { Link } from 'react-router';
import { templateHref } from '../api/imports';
import { EntryPickers } from '../entry/entry-pickers';
import { EntryShell } from '../entry/entry-shell';
import '../entry/entry.css';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { UploadPanel } from '../upload/upload-panel';
import '../upload/upload.css';

/**
 * The Excel round trip of data entry (docs/web.md, "Import from a file"): the entry template of the chosen unit and
 * period, then a filled file checked as a dry run — its preview, or its bad cells in place — and committed or
 * cancelled.
 */
export default function UploadPage() {
  const { t, lang } = useI18n();
  return (
    <EntryShell title={t.upload.title}>
      {(form, change) => (
        <>
          <Typography.Paragraph className="entry-subtitle">
            {t.entry.subtitle(form.unit.name, formatPeriodId(form.period, lang))}
            {form.plan && ` · ${form.plan.name}`}
          </Typography.Paragraph>
          <p>
            <Link
              to={`/entry?${new URLSearchParams({ unit: form.unit.code, period: form.period }).toString()}`}
            >
              {t.upload.back}
            </Link>
          </p>
          <EntryPickers form={form} onChange={change} />
          <p className="entry-hint">{t.upload.intro}</p>
          {form.plan ? (
            <p>
              <Button href={templateHref(form.plan.code, form.unit.code, form.period)} download>
                {t.upload.template}
              </Button>
            </p>
          ) : (
            <Alert type="info" showIcon title={t.upload.noPlan} />
          )}
          <UploadPanel key={`${form.unit.code}|${form.period}`} />
        </>
      )}
    </EntryShell>
  );
}
