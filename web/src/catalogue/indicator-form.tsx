import { App, AutoComplete, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import type { IndicatorGroupSummary, IndicatorSummary } from '../../../src/contract/catalogue.js';
import { DIRECTIONS } from '../../../src/domain/achievement.js';
import { TIME_AGGREGATIONS, VALUE_TYPES, type ValueType } from '../../../src/domain/aggregate.js';
import { checkIndicatorBounds, parseDecimal } from '../../../src/domain/validate-value.js';
import { useSaveIndicator, type IndicatorInput } from '../api/catalogue';
import { editableNumber } from '../format/format';
import { useI18n, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';
import { showFormErrors } from '../shell/form-errors';
import { CodeAndNameFields } from './code-name-fields';
import { EditorDrawer } from './editor-drawer';
import { nameIn, textOrNull } from './names';

interface IndicatorForm {
  code: string;
  nameVi: string;
  nameEn?: string;
  valueType: ValueType;
  measureUnit?: string;
  direction: IndicatorInput['direction'];
  timeAggregation: IndicatorInput['timeAggregation'];
  group?: string;
  description?: string;
  min?: string;
  max?: string;
}

const FIELDS = [
  'code',
  'nameVi',
  'nameEn',
  'valueType',
  'measureUnit',
  'direction',
  'timeAggregation',
  'group',
  'description',
  'min',
  'max',
] as const;

type Bound = 'min' | 'max';

/** A bound as typed: null when empty, a number, or the parser's message (Vietnamese 12,5 and English 12.5). */
function readBound(text: string | undefined, lang: Lang): number | null | string {
  if (!text || text.trim() === '') return null;
  const parsed = parseDecimal(text);
  if (!parsed.ok) return lang === 'en' ? parsed.error.message_en : parsed.error.message_vi;
  return parsed.value.value;
}

/** The message a bound shows at its field: the number's, then the domain's check of both bounds, as the API's. */
function boundError(field: Bound, form: Partial<IndicatorForm>, lang: Lang, t: Messages): string | null {
  const own = readBound(form[field], lang);
  if (typeof own === 'string') return own;
  const min = readBound(form.min, lang);
  const max = readBound(form.max, lang);
  if (typeof min === 'string' || typeof max === 'string' || !form.valueType) return null;
  const problem = checkIndicatorBounds(form.valueType, { min, max }).find((p) => p.field === field);
  if (!problem) return null;
  if (form.valueType === 'boolean') return t.catalogue.noBoundsForBoolean;
  return lang === 'en' ? problem.message_en : problem.message_vi;
}

const initialValues = (indicator: IndicatorSummary | null, lang: Lang): Partial<IndicatorForm> =>
  indicator
    ? {
        code: indicator.code,
        nameVi: indicator.nameVi,
        nameEn: indicator.nameEn ?? '',
        valueType: indicator.valueType,
        measureUnit: indicator.measureUnit ?? '',
        direction: indicator.direction,
        timeAggregation: indicator.timeAggregation,
        group: indicator.group ?? '',
        description: indicator.description ?? '',
        min: indicator.min === null ? '' : editableNumber(indicator.min, lang),
        max: indicator.max === null ? '' : editableNumber(indicator.max, lang),
      }
    : { valueType: 'number', direction: 'increase', timeAggregation: 'last' };

/**
 * Creates an indicator or edits one (`indicator`): every field the API takes, each checked as the API checks it
 * (the bounds with the domain's own rules) and the API's refusals shown at the field they name.
 */
export function IndicatorFormDrawer({
  open,
  indicator,
  groups,
  onClose,
}: {
  open: boolean;
  /** The one edited, or null for a new one. */
  indicator: IndicatorSummary | null;
  groups: IndicatorGroupSummary[];
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorForm>();
  const save = useSaveIndicator();
  const [formError, setFormError] = useState<string | null>(null);
  const valueType = Form.useWatch('valueType', form);
  const c = t.catalogue;
  const groupOptions = useMemo(
    () => groups.map((g) => ({ value: g.code, label: `${g.code} — ${nameIn(g, lang)}` })),
    [groups, lang],
  );

  const close = () => {
    setFormError(null);
    save.reset();
    onClose();
  };

  const submit = (values: IndicatorForm) => {
    setFormError(null);
    const bound = (text: string | undefined) => {
      const v = readBound(text, lang);
      return typeof v === 'number' ? v : null;
    };
    const input: IndicatorInput = {
      nameVi: values.nameVi.trim(),
      nameEn: textOrNull(values.nameEn),
      valueType: values.valueType,
      measureUnit: textOrNull(values.measureUnit),
      direction: values.direction,
      timeAggregation: values.timeAggregation,
      group: textOrNull(values.group),
      description: textOrNull(values.description),
      min: bound(values.min),
      max: bound(values.max),
    };
    const code = indicator ? indicator.code : values.code.trim();
    save.mutate(
      { mode: indicator ? 'update' : 'create', code, input },
      {
        onSuccess: () => {
          void message.success(c.saved(code));
          close();
        },
        onError: (error) => setFormError(showFormErrors(form, FIELDS, error, lang, t)),
      },
    );
  };

  const boundRule = (field: Bound) => ({
    validator: (): Promise<void> => {
      const error = boundError(field, form.getFieldsValue(), lang, t);
      return error ? Promise.reject(new Error(error)) : Promise.resolve();
    },
  });
  const formId = 'catalogue-indicator-form';

  return (
    <EditorDrawer
      open={open}
      title={indicator ? c.editIndicator(indicator.code) : c.newIndicator}
      formId={formId}
      error={formError}
      saving={save.isPending}
      onClose={close}
    >
      <Form<IndicatorForm>
        id={formId}
        form={form}
        layout="vertical"
        requiredMark
        initialValues={initialValues(indicator, lang)}
        onFinish={submit}
        onValuesChange={() => setFormError(null)}
      >
        <CodeAndNameFields editing={indicator !== null} />
        <div className="catalogue-form-row">
          <Form.Item
            label={c.fields.valueType}
            name="valueType"
            rules={[{ required: true, message: c.required }]}
            extra={valueType === 'ratio' ? c.help.ratio : undefined}
          >
            <Select options={VALUE_TYPES.map((v) => ({ value: v, label: c.valueTypes[v] }))} />
          </Form.Item>
          <Form.Item label={c.fields.measureUnit} name="measureUnit" rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
        </div>
        <div className="catalogue-form-row">
          <Form.Item label={c.fields.direction} name="direction">
            <Select options={DIRECTIONS.map((d) => ({ value: d, label: c.directions[d] }))} />
          </Form.Item>
          <Form.Item label={c.fields.timeAggregation} name="timeAggregation">
            <Select options={TIME_AGGREGATIONS.map((a) => ({ value: a, label: c.aggregations[a] }))} />
          </Form.Item>
        </div>
        <Form.Item
          label={c.fields.group}
          name="group"
          extra={c.help.group}
          rules={[{ pattern: /^\S*$/, message: c.codeSpaces }, { max: 100 }]}
        >
          <AutoComplete
            options={groupOptions}
            allowClear
            filterOption={(typed, option) =>
              (option?.label ?? '').toLowerCase().includes(typed.trim().toLowerCase())
            }
          />
        </Form.Item>
        <div className="catalogue-form-row">
          <Form.Item
            label={c.fields.min}
            name="min"
            dependencies={['max', 'valueType']}
            rules={[boundRule('min')]}
            extra={c.help.bounds}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={c.fields.max}
            name="max"
            dependencies={['min', 'valueType']}
            rules={[boundRule('max')]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item label={c.fields.description} name="description" rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </EditorDrawer>
  );
}
