import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useReportSettings, useSaveReportSettings, type ReportSettingsPatch } from '../api/report';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { showFormErrors } from '../shell/form-errors';

const TEXT_FIELDS = ['issuingBody', 'parentBody', 'symbol', 'place', 'signer', 'signerTitle'] as const;
const FIELDS = ['issuingBody', 'parentBody', 'number', 'symbol', 'place', 'signer', 'signerTitle'] as const;
type Field = (typeof FIELDS)[number];
type FormValues = Record<Field, string>;

/**
 * The plan's heading and signature settings (docs/report.md, "Heading and signature"): each field empty where the
 * report uses its default, which the field shows greyed; an emptied field is cleared. Saved for the whole plan.
 */
export function ReportSettingsForm({ plan }: { plan: string }) {
  const { t, lang } = useI18n();
  const settings = useReportSettings(plan, true);
  const save = useSaveReportSettings(plan);
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    const s = settings.data;
    if (!s) return;
    form.setFieldsValue({
      ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, s[f] ?? ''])),
      number: s.number === null ? '' : String(s.number),
    } as FormValues);
  }, [settings.data, form]);

  if (settings.isPending) return <Loading />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;

  const submit = (values: FormValues) => {
    setFormError(null);
    setDone(false);
    const patch: ReportSettingsPatch = {};
    for (const f of TEXT_FIELDS) {
      const v = (values[f] ?? '').trim();
      patch[f] = v === '' ? null : v;
    }
    const number = (values.number ?? '').trim();
    if (number !== '' && !/^\d{1,7}$/.test(number)) {
      form.setFields([{ name: 'number', errors: [t.report.numberInvalid] }]);
      return;
    }
    patch.number = number === '' ? null : Number(number);
    save.mutate(patch, {
      onSuccess: () => setDone(true),
      onError: (error) => setFormError(showFormErrors(form, FIELDS, error, lang, t)),
    });
  };

  return (
    <Form
      form={form}
      name="report-settings"
      layout="vertical"
      className="report-settings"
      data-testid="report-settings"
      onFinish={submit}
      onValuesChange={() => setDone(false)}
    >
      <p className="report-note">{t.report.settingsIntro}</p>
      {FIELDS.map((f) => (
        <Form.Item key={f} name={f} label={t.report.settingsFields[f]}>
          <Input
            placeholder={t.report.settingsDefaults[f]}
            inputMode={f === 'number' ? 'numeric' : undefined}
            autoComplete="off"
          />
        </Form.Item>
      ))}
      {formError && <Alert type="error" showIcon role="alert" title={formError} />}
      <div className="report-note-actions">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t.report.settingsSave}
        </Button>
        <span role="status" className="report-done">
          {done ? t.report.settingsSaved : null}
        </span>
      </div>
    </Form>
  );
}
