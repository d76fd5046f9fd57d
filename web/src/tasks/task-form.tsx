import { Alert, AutoComplete, Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { TASK_STATUSES, type TaskKind, type TaskStatus } from '../../../src/domain/task-status.js';
import type { TaskDetail } from '../../../src/contract/tasks.js';
import type { TaskInput } from '../api/tasks';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { programmeLabel } from './task-parts';

/** The form's fields, named as the API names them so its refusals land at their field. */
export interface TaskFormValues {
  code: string;
  programme: string;
  title: string;
  kind: TaskKind;
  leadUnit: string;
  supportingUnits: string[];
  start: string;
  due: string;
  recurring: boolean;
  status: TaskStatus;
  note: string;
  budgetPlanned: number | null;
  budgetDisbursed: number | null;
}

export const TASK_FORM_FIELDS = [
  'code',
  'programme',
  'title',
  'kind',
  'leadUnit',
  'supportingUnits',
  'start',
  'due',
  'recurring',
  'status',
  'note',
  'budgetPlanned',
  'budgetDisbursed',
] as const satisfies readonly (keyof TaskFormValues)[];

/** The form's values of a stored task. */
export function formValuesOf(task: TaskDetail): TaskFormValues {
  return {
    code: task.code,
    programme: task.programme,
    title: task.title,
    kind: task.kind,
    leadUnit: task.leadUnit.code,
    supportingUnits: task.supportingUnits.map((u) => u.code),
    start: task.start ?? '',
    due: task.due ?? '',
    recurring: task.recurring,
    status: task.status,
    note: task.note ?? '',
    budgetPlanned: task.budget?.planned ?? null,
    budgetDisbursed: task.budget?.disbursed ?? null,
  };
}

/** What the API takes from the form: empty dates and notes clear, a budget only for a project. */
export function taskInputOf(values: TaskFormValues): TaskInput {
  const project = values.kind === 'project';
  return {
    programme: values.programme.trim(),
    title: values.title.trim(),
    kind: values.kind,
    leadUnit: values.leadUnit.trim(),
    supportingUnits: values.supportingUnits.map((u) => u.trim()).filter((u) => u !== ''),
    start: values.start === '' ? null : values.start,
    due: values.due === '' ? null : values.due,
    // The status «recurring» is a recurring task: the flag follows it.
    recurring: values.status === 'recurring' ? true : values.recurring,
    status: values.status,
    note: values.note.trim() === '' ? null : values.note,
    ...(project
      ? { budgetPlanned: values.budgetPlanned ?? 0, budgetDisbursed: values.budgetDisbursed ?? 0 }
      : {}),
  };
}

export const EMPTY_TASK: TaskFormValues = {
  code: '',
  programme: '',
  title: '',
  kind: 'task',
  leadUnit: '',
  supportingUnits: [],
  start: '',
  due: '',
  recurring: false,
  status: 'notStarted',
  note: '',
  budgetPlanned: null,
  budgetDisbursed: null,
};

/**
 * A task's fields, to create one (`creating`: its code and kind too) or change one. `submit` sends the values and
 * resolves, or rejects with the API's refusal, which is shown at the field it names (due before start at the due
 * date) or above the form. `units` and `programmes` are offered as suggestions; any code may be typed.
 */
export function TaskForm({
  initial,
  creating,
  submitLabel,
  units,
  programmes,
  submit,
  extra,
  formKey,
}: {
  initial: TaskFormValues;
  creating: boolean;
  submitLabel: string;
  units: readonly { code: string; name: string }[];
  programmes: readonly { code: string; name: string }[];
  submit: (values: TaskFormValues) => Promise<unknown>;
  /** Shown above the fields (a refusal the page handles itself, such as a stale version). */
  extra?: React.ReactNode;
  /** Changing it resets the form to `initial` (a newer version loaded). */
  formKey?: string | number;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<TaskFormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form) ?? initial.kind;

  // Reset only when another version is loaded (`formKey`), not on every render of the same one.
  const [loadedKey, setLoadedKey] = useState(formKey);
  useEffect(() => {
    if (formKey === loadedKey) return;
    setLoadedKey(formKey);
    form.resetFields();
    form.setFieldsValue(initial);
    setFormError(null);
  }, [formKey, loadedKey, form, initial]);

  const onFinish = async (values: TaskFormValues) => {
    setFormError(null);
    setBusy(true);
    try {
      await submit({ ...initial, ...values });
    } catch (error) {
      const message = showFormErrors(form, TASK_FORM_FIELDS, error, lang, t);
      setFormError(message);
      // The refusal may name a field far above the button: bring it into view.
      const first = form.getFieldsError().find((f) => f.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center' });
    } finally {
      setBusy(false);
    }
  };

  const unitOptions = units.map((u) => ({ value: u.code, label: `${u.code} — ${u.name}` }));
  return (
    <Form<TaskFormValues>
      form={form}
      name="task"
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void onFinish(v)}
      requiredMark
      className="task-form"
      data-testid="task-form"
    >
      {extra}
      {formError && (
        <Alert type="error" showIcon role="alert" title={formError} data-testid="task-form-error" />
      )}
      {creating && (
        <div className="task-form-row">
          <Form.Item
            label={t.tasks.code}
            name="code"
            extra={t.tasks.codeHint}
            rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={t.tasks.kind} name="kind">
            <Select
              aria-label={t.tasks.kind}
              options={(['task', 'project'] as const).map((k) => ({ value: k, label: t.tasks.kinds[k] }))}
            />
          </Form.Item>
        </div>
      )}
      <Form.Item
        label={t.tasks.taskTitle}
        name="title"
        rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
      >
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <div className="task-form-row">
        <Form.Item
          label={t.tasks.programme}
          name="programme"
          rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
        >
          <AutoComplete
            aria-label={t.tasks.programme}
            options={programmes.map((p) => ({ value: p.code, label: programmeLabel(p.code, p.name) }))}
            filterOption={(input, option) =>
              String(option?.label ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
          />
        </Form.Item>
        <Form.Item
          label={t.tasks.leadUnit}
          name="leadUnit"
          extra={t.tasks.unitHint}
          rules={[{ required: true, whitespace: true, message: t.tasks.required }]}
        >
          <AutoComplete
            aria-label={t.tasks.leadUnit}
            options={unitOptions}
            filterOption={(input, option) =>
              String(option?.label ?? '')
                .toLowerCase()
                .includes(input.toLowerCase())
            }
          />
        </Form.Item>
      </div>
      <Form.Item label={t.tasks.supportingUnits} name="supportingUnits">
        <Select
          mode="tags"
          aria-label={t.tasks.supportingUnits}
          options={unitOptions}
          tokenSeparators={[',']}
        />
      </Form.Item>
      <div className="task-form-row">
        <Form.Item label={t.tasks.status} name="status">
          <Select
            aria-label={t.tasks.status}
            options={TASK_STATUSES.map((s) => ({ value: s, label: t.tasks.statuses[s] }))}
          />
        </Form.Item>
        <Form.Item label={t.tasks.start} name="start">
          <Input type="date" />
        </Form.Item>
        <Form.Item label={t.tasks.due} name="due">
          <Input type="date" />
        </Form.Item>
      </div>
      <Form.Item name="recurring" valuePropName="checked">
        <Checkbox>{t.tasks.recurring}</Checkbox>
      </Form.Item>
      {kind === 'project' && (
        <div className="task-form-row">
          <Form.Item label={t.tasks.budgetPlanned} name="budgetPlanned">
            <InputNumber min={0} step={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t.tasks.budgetDisbursed} name="budgetDisbursed">
            <InputNumber min={0} step={1_000_000} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      )}
      <Form.Item label={t.tasks.note} name="note">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="task-submit">
        {submitLabel}
      </Button>
    </Form>
  );
}
