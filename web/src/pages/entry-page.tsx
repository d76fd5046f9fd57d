import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { EntryForm } from '../api/entry';
import { EntryPickers } from '../entry/entry-pickers';
import { EntryShell } from '../entry/entry-shell';
import { ReviewPanel } from '../entry/review-panel';
import { ValueCell } from '../entry/value-cell';
import '../entry/entry.css';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { OfflineBanner } from '../offline/offline-banner';
import { useOffline, type OfflineState } from '../offline/use-offline';

/** The form's groups of cells, with the values the validation rules read kept up to date as cells are saved. */
function EntryGroups({ form, offline }: { form: EntryForm; offline: OfflineState }) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState(form.ruleValues);
  const context = {
    unit: form.unit.code,
    period: form.period,
    rules: form.rules,
    values,
    onSaved: (indicator: string, stored: number) => setValues((v) => ({ ...v, [indicator]: stored })),
    queue: offline.login
      ? { login: offline.login, unitName: form.unit.name, canSend: offline.canSend }
      : null,
  };
  if (form.groups.length === 0)
    return <Alert type="info" showIcon title={form.plan ? t.entry.noCells : t.entry.noPlan} />;
  return (
    <>
      {form.groups.map((g) => {
        const id = `entry-group-${g.code ?? 'other'}`;
        const name =
          g.code === 'registers'
            ? t.entry.registersGroup
            : ((lang === 'en' ? (g.nameEn ?? g.nameVi) : g.nameVi) ?? t.entry.otherGroup);
        return (
          <section key={id} className="entry-group" aria-labelledby={id}>
            <h2 id={id} className="card-title">
              {name}
            </h2>
            {g.cells.map((cell) => (
              <ValueCell key={cell.indicator} cell={cell} context={context} />
            ))}
          </section>
        );
      })}
    </>
  );
}

/**
 * Data entry (docs/web.md, "Data entry"): a unit's form for a period — every indicator it reports, grouped by
 * pillar, with the target and the previous value beside each cell, checked inline and saved cell by cell — and the
 * submission of the period for review with its state and history.
 */
export default function EntryPage() {
  const { t, lang } = useI18n();
  const offline = useOffline();
  return (
    <EntryShell title={t.entry.title}>
      {(form, change) => (
        <>
          <Typography.Paragraph className="entry-subtitle">
            {t.entry.subtitle(form.unit.name, formatPeriodId(form.period, lang))}
            {form.plan && ` · ${form.plan.name}`}
          </Typography.Paragraph>
          <p>
            <Link
              to={`/entry/upload?${new URLSearchParams({ unit: form.unit.code, period: form.period }).toString()}`}
            >
              {t.upload.link}
            </Link>
          </p>
          <EntryPickers form={form} onChange={change} />
          <OfflineBanner form={form} state={offline} />
          <p className="entry-hint">{t.entry.hint}</p>
          {form.registers.villages.length > 0 && (
            <p>
              <Link
                to={`/entry/registers?${new URLSearchParams({ unit: form.unit.code, period: form.period }).toString()}`}
              >
                {t.entry.grid.link}
              </Link>
            </p>
          )}
          <div className="entry-layout">
            <div className="entry-groups">
              <EntryGroups
                key={`${form.unit.code}|${form.period}|${form.plan?.code ?? ''}|${offline.login ?? ''}`}
                form={form}
                offline={offline}
              />
            </div>
            {form.plan && (
              <ReviewPanel
                key={`${form.unit.code}|${form.period}`}
                plan={form.plan.code}
                period={form.period}
                unit={form.unit.code}
              />
            )}
          </div>
        </>
      )}
    </EntryShell>
  );
}
