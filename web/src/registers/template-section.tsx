import { Alert, Form, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatPeriod, nextPeriod, parsePeriod } from '../../../src/domain/period.js';
import { useLacking, useTemplateDownload, type TemplateFile } from '../api/registers';
import { useSession } from '../api/session';
import { useI18n } from '../i18n/i18n';
import { grantsWith } from '../shell/permissions';
import { PeriodField } from './period-field';
import {
  fieldErrors,
  otherError,
  RegisterSection,
  SectionForm,
  useParam,
  type SectionProps,
} from './register-section';

/** The period after the latest with values: the one being entered next. */
function periodToEnter(periods: readonly string[]): string {
  const latest = periods[periods.length - 1];
  const parsed = latest ? parsePeriod(latest) : null;
  const next = parsed?.ok ? nextPeriod(parsed.value) : undefined;
  return next ? formatPeriod(next) : (latest ?? '');
}

/**
 * Bulk entry (`GET /registers/template`): the Excel workbook of a commune's (or the province's) units for a period,
 * prefilled with each one's latest value, and the way back in through the upload page. Offered to those who may
 * enter values at the unit; the API refuses anyone else, and its refusal is shown at the field it names.
 */
export function TemplateSection({ register, scope, periodListId }: SectionProps) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [periodParam] = useParam('period');
  const [parent] = useParam('parent');
  const latest = register.periods[register.periods.length - 1] ?? null;
  // The same request as the list above: read from the cache, for the names of the communes.
  const lacking = useLacking(register.indicator, periodParam ?? latest, scope.unit);
  const download = useTemplateDownload();
  const [done, setDone] = useState<{ file: TemplateFile; unit: string; period: string } | null>(null);
  const [form] = Form.useForm<{ unit: string; period: string }>();

  const options = useMemo(() => {
    const byCode = new Map<string, string>();
    for (const g of grantsWith(session.data, 'values:write'))
      if (g.unit !== '/') byCode.set(g.unit, g.unitName ?? g.unit);
    if (scope.unit !== null && !byCode.has(scope.unit)) byCode.set(scope.unit, scope.unit);
    for (const u of lacking.data?.units ?? [])
      if (u.parentCode && !byCode.has(u.parentCode)) byCode.set(u.parentCode, u.parentName ?? u.parentCode);
    return [...byCode].map(([value, label]) => ({ value, label: `${label} (${value})` }));
  }, [session.data, scope.unit, lacking.data]);

  if (!scope.mayEnter) {
    return (
      <p className="registers-note" data-testid="registers-read-only">
        {t.registers.readOnly}
      </p>
    );
  }
  const errors = fieldErrors(download.error, lang);
  const other = otherError(download.error, ['unit', 'period', 'indicator'], lang, t.errors.unexpected);

  return (
    <RegisterSection id="registers-template" title={t.registers.templateTitle}>
      <p>{t.registers.templateIntro}</p>
      <SectionForm
        form={form}
        name="registers-template"
        label={t.registers.templateTitle}
        submit={t.registers.download}
        pending={download.isPending}
        initialValues={{ unit: parent ?? scope.unit ?? '', period: periodToEnter(register.periods) }}
        onFinish={(v) => {
          setDone(null);
          const request = { indicator: register.indicator, unit: v.unit, period: v.period.trim() };
          download.mutate(request, {
            onSuccess: (file) => setDone({ file, unit: request.unit, period: request.period }),
          });
        }}
      >
        <Form.Item
          name="unit"
          label={t.registers.templateUnit}
          rules={[{ required: true, message: t.registers.templateUnit }]}
          {...(errors.unit ? { validateStatus: 'error' as const, help: errors.unit } : {})}
        >
          <Select
            className="registers-select"
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            popupMatchSelectWidth={false}
          />
        </Form.Item>
        <PeriodField name="period" label={t.registers.period} error={errors.period} listId={periodListId} />
      </SectionForm>
      {other && <Alert type="error" showIcon role="alert" title={other} />}
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t.registers.downloaded(done.file.fileName)}
          description={
            <Link
              to={`/entry/upload?${new URLSearchParams({ unit: done.unit, period: done.period }).toString()}`}
            >
              {t.registers.importBack}
            </Link>
          }
        />
      )}
      {!done && (
        <p>
          <Link
            to={`/entry/upload?${new URLSearchParams(scope.unit ? { unit: scope.unit } : {}).toString()}`}
          >
            {t.registers.importBack}
          </Link>
        </p>
      )}
    </RegisterSection>
  );
}
