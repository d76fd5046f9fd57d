import { Alert, App, Button, Checkbox, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { PlanSummary } from '../../../src/contract/plans.js';
import { parseDecimal } from '../../../src/domain/validate-value.js';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { createPlan, updatePlan, usePlan, type PlanFields } from '../api/targets';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { mayAnywhere, unitsWith } from '../shell/permissions';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { cellText } from '../targets/grid-model';
import '../targets/targets.css';

interface PlanForm {
  code: string;
  name: string;
  unit: string;
  startYear: string;
  endYear: string;
  ownBands: boolean;
  exceeded: string;
  over80: string;
  from50to80: string;
}

const BOUNDS = ['exceeded', 'over80', 'from50to80'] as const;
type Bound = (typeof BOUNDS)[number];
const DEFAULT_PERCENT: Record<Bound, number> = { exceeded: 100, over80: 80, from50to80: 50 };

/** A percentage as typed ("80", "72,5", "80%"), or null when it is not a number. */
function percentOf(text: string | undefined): number | null {
  const parsed = parseDecimal(String(text ?? ''));
  return parsed.ok ? parsed.value.value : null;
}

/** A percentage typed as the ratio the API keeps (72,5 → 0.725), without binary noise. */
function ratioOf(text: string): number {
  return Number(((percentOf(text) ?? 0) / 100).toFixed(10));
}

function yearOf(text: string | undefined): number | null {
  const n = Number(String(text ?? '').trim());
  return Number.isInteger(n) && n >= 1900 && n <= 2100 ? n : null;
}

/** The form's first values: the plan's (its bands as percentages), or a new plan's over the user's first unit. */
function initialValues(plan: PlanSummary | undefined, unit: string, lang: 'vi' | 'en'): PlanForm {
  const year = new Date().getFullYear();
  const bound = (b: Bound) =>
    cellText(
      plan?.bands?.[b] !== undefined ? Math.round(plan.bands[b] * 100 * 1e6) / 1e6 : DEFAULT_PERCENT[b],
      lang,
    );
  return {
    code: plan?.code ?? '',
    name: plan?.name ?? '',
    unit: plan?.unit ?? unit,
    startYear: String(plan?.startYear ?? year),
    endYear: String(plan?.endYear ?? year),
    ownBands: Boolean(plan?.bands),
    exceeded: bound('exceeded'),
    over80: bound('over80'),
    from50to80: bound('from50to80'),
  };
}

/** The plan's form: code (new plans only), name, unit, years and band bounds, each checked before it is sent. */
function PlanSettingsForm({ plan }: { plan: PlanSummary | undefined }) {
  const { t, lang } = useI18n();
  const f = t.targets.form;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const [form] = Form.useForm<PlanForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const [bandsError, setBandsError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ownBands = Form.useWatch('ownBands', form);
  const managed = unitsWith(session.data, 'plans:manage').filter((u) => u !== '/');

  const submit = async (values: PlanForm) => {
    setFormError(null);
    setBandsError(null);
    const fields: PlanFields = {
      name: values.name.trim(),
      unit: values.unit.trim(),
      startYear: Number(values.startYear),
      endYear: Number(values.endYear),
      bands: values.ownBands
        ? {
            exceeded: ratioOf(values.exceeded),
            over80: ratioOf(values.over80),
            from50to80: ratioOf(values.from50to80),
          }
        : null,
    };
    setSaving(true);
    try {
      const saved = plan
        ? await updatePlan(plan.code, fields)
        : await createPlan({ ...fields, code: values.code.trim() });
      void client.invalidateQueries({ queryKey: ['plans'] });
      void client.invalidateQueries({ queryKey: ['plan', saved.code] });
      void client.invalidateQueries({ queryKey: ['dashboard-live'] });
      void message.success(f.saved);
      if (!plan) navigate(`/plans/${encodeURIComponent(saved.code)}/targets`);
    } catch (error) {
      const shown = showFormErrors(
        form,
        ['code', 'name', 'unit', 'startYear', 'endYear', 'exceeded', 'over80', 'from50to80'],
        error,
        lang,
        t,
      );
      const byField = error instanceof ApiError ? error.fieldMessages(lang) : {};
      if (byField.bands) setBandsError(byField.bands);
      else setFormError(shown);
    } finally {
      setSaving(false);
    }
  };

  const boundRule = (bound: Bound) => ({
    validator: async (_: unknown, value: string | undefined) => {
      if (!ownBands) return;
      const n = percentOf(value);
      if (n === null) throw new Error(f.required);
      if (n <= 0) throw new Error(f.positive);
      const all = form.getFieldsValue(['exceeded', 'over80', 'from50to80']) as Record<Bound, string>;
      const above = BOUNDS[BOUNDS.indexOf(bound) - 1];
      const below = BOUNDS[BOUNDS.indexOf(bound) + 1];
      const up = above ? percentOf(all[above]) : null;
      const down = below ? percentOf(all[below]) : null;
      if ((up !== null && n >= up) || (down !== null && n <= down))
        throw new Error(bound === 'exceeded' ? f.orderExceeded : f.orderOver80);
    },
  });

  return (
    <Form<PlanForm>
      form={form}
      className="plan-form"
      layout="vertical"
      requiredMark={false}
      initialValues={initialValues(plan, managed[0] ?? '', lang)}
      onFinish={(v) => void submit(v)}
    >
      {formError && <Alert type="error" showIcon title={formError} role="alert" />}
      <Form.Item
        label={f.code}
        name="code"
        extra={f.codeHelp}
        rules={[{ required: true, whitespace: true, message: f.required }]}
      >
        <Input disabled={plan !== undefined} maxLength={100} />
      </Form.Item>
      <Form.Item
        label={f.name}
        name="name"
        rules={[{ required: true, whitespace: true, message: f.required }]}
      >
        <Input maxLength={1000} />
      </Form.Item>
      <Form.Item
        label={f.unit}
        name="unit"
        extra={f.unitHelp}
        rules={[{ required: true, whitespace: true, message: f.required }]}
      >
        <Input maxLength={140} />
      </Form.Item>
      <Form.Item
        label={f.startYear}
        name="startYear"
        rules={[
          {
            validator: async (_: unknown, v: string) => {
              if (yearOf(v) === null) throw new Error(f.yearRange);
            },
          },
        ]}
      >
        <Input inputMode="numeric" maxLength={4} />
      </Form.Item>
      <Form.Item
        label={f.endYear}
        name="endYear"
        dependencies={['startYear']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_: unknown, v: string) => {
              const end = yearOf(v);
              if (end === null) throw new Error(f.yearRange);
              const start = yearOf(getFieldValue('startYear') as string);
              if (start !== null && end < start) throw new Error(f.endBeforeStart);
            },
          }),
        ]}
      >
        <Input inputMode="numeric" maxLength={4} />
      </Form.Item>
      <fieldset className="plan-bands" aria-describedby="plan-bands-intro">
        <legend>{f.bandsTitle}</legend>
        <p id="plan-bands-intro" className="entry-hint">
          {f.bandsIntro}
        </p>
        <Form.Item name="ownBands" valuePropName="checked">
          <Checkbox>{f.ownBands}</Checkbox>
        </Form.Item>
        {BOUNDS.map((bound) => (
          <Form.Item
            key={bound}
            label={f[bound]}
            name={bound}
            dependencies={[...BOUNDS.filter((b) => b !== bound), 'ownBands']}
            rules={[boundRule(bound)]}
          >
            <Input inputMode="decimal" disabled={!ownBands} suffix="%" />
          </Form.Item>
        ))}
        {bandsError && (
          <p className="entry-error" role="alert" data-testid="bands-error">
            {bandsError}
          </p>
        )}
      </fieldset>
      <Button type="primary" htmlType="submit" loading={saving}>
        {plan ? f.save : f.create}
      </Button>
    </Form>
  );
}

/** `/plans/new` and `/plans/:code/settings`: a plan created or its settings changed, by plans:manage. */
export default function PlanSettingsPage() {
  const { t } = useI18n();
  const code = useParams().code;
  const session = useSession();
  const plan = usePlan(code);
  const allowed = mayAnywhere(session.data, 'plans:manage');
  const title = code ? t.targets.settingsTitle : t.targets.newTitle;
  const path = code ? `/plans/${encodeURIComponent(code)}` : null;
  return (
    <section aria-labelledby="plan-settings-title">
      <Typography.Title level={1} id="plan-settings-title">
        {title}
      </Typography.Title>
      {plan.data && <Typography.Paragraph className="entry-subtitle">{plan.data.name}</Typography.Paragraph>}
      <p className="target-links">
        {path && <Link to={`${path}/targets`}>{t.targets.targetsLink}</Link>}
        {path && <Link to={path}>{t.targets.dashboardLink}</Link>}
        <Link to="/plans">{t.dashboard.plansLink}</Link>
      </p>
      {!allowed && (
        <Alert type="info" showIcon title={code ? t.targets.form.readOnly : t.targets.form.noRight} />
      )}
      {allowed && code && plan.isPending && <Loading />}
      {allowed && plan.isError && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {allowed && (!code || plan.data) && (
        <PlanSettingsForm key={plan.data?.code ?? 'new'} plan={plan.data} />
      )}
    </section>
  );
}
