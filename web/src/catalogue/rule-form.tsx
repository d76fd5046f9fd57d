import { App, Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { ValidationRuleSummary } from '../../../src/contract/catalogue.js';
import {
  MISSING_VALUE_STRATEGIES,
  RULE_OPERATORS,
  type MissingValueStrategy,
  type RuleOperator,
} from '../../../src/domain/validation-rule.js';
import { useSaveRule, type RuleInput } from '../api/catalogue';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { CodeAndNameFields } from './code-name-fields';
import { EditorDrawer } from './editor-drawer';
import { checkSide, sideError } from './expression-check';
import { textOrNull } from './names';

interface RuleForm {
  code: string;
  nameVi: string;
  nameEn?: string;
  description?: string;
  leftSide: string;
  operator: RuleOperator;
  rightSide: string;
  missingValueStrategy: MissingValueStrategy;
}

const FIELDS = [
  'code',
  'nameVi',
  'nameEn',
  'description',
  'leftSide',
  'operator',
  'rightSide',
  'missingValueStrategy',
] as const;

type Side = 'leftSide' | 'rightSide';

/** The expression as typed with the character at fault (1-based `position`; past the end: a blank) marked. */
function MarkedExpression({ text, position }: { text: string; position: number }) {
  const i = position - 1;
  return (
    <code className="catalogue-marked" data-testid="expression-mark">
      {text.slice(0, i)}
      <mark>{text.charAt(i) || '\u00a0'}</mark>
      {text.slice(i + 1)}
    </code>
  );
}

/**
 * Creates a validation rule or edits one (`rule`). Each side is read as it is typed by the domain's own parser:
 * its error, with the character at fault, or the indicators it names that the catalogue lacks, is shown at the
 * field before anything is sent; what it names otherwise is listed under it.
 */
export function RuleFormDrawer({
  open,
  rule,
  known,
  onClose,
}: {
  open: boolean;
  rule: ValidationRuleSummary | null;
  /** The codes of the catalogue's indicators. */
  known: ReadonlySet<string>;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleForm>();
  const save = useSaveRule();
  const [formError, setFormError] = useState<string | null>(null);
  const left = Form.useWatch('leftSide', form);
  const right = Form.useWatch('rightSide', form);
  const c = t.catalogue;

  const close = () => {
    setFormError(null);
    save.reset();
    onClose();
  };

  const submit = (values: RuleForm) => {
    setFormError(null);
    const input: RuleInput = {
      nameVi: values.nameVi.trim(),
      nameEn: textOrNull(values.nameEn),
      description: textOrNull(values.description),
      leftSide: values.leftSide.trim(),
      operator: values.operator,
      rightSide: values.rightSide.trim(),
      missingValueStrategy: values.missingValueStrategy,
    };
    const code = rule ? rule.code : values.code.trim();
    save.mutate(
      { mode: rule ? 'update' : 'create', code, input },
      {
        onSuccess: () => {
          void message.success(c.saved(code));
          close();
        },
        onError: (error) => setFormError(showFormErrors(form, FIELDS, error, lang, t)),
      },
    );
  };

  const sideRule = {
    validator: (_rule: unknown, value: string | undefined): Promise<void> => {
      if (!value || value.trim() === '') return Promise.reject(new Error(c.required));
      const error = sideError(checkSide(value, known, lang), t);
      return error ? Promise.reject(new Error(error)) : Promise.resolve();
    },
  };
  /** Under a side that reads well: the indicators it names. */
  const named = (text: string | undefined) => {
    if (!text || text.trim() === '') return c.help.expression;
    const check = checkSide(text, known, lang);
    if (!check.ok && check.position !== null)
      return <MarkedExpression text={text} position={check.position} />;
    if (!check.ok || check.unknown.length > 0) return c.help.expression;
    return check.codes.length > 0 ? c.namesIndicators(check.codes.join(', ')) : c.expressionOk;
  };
  const sideItem = (name: Side, text: string | undefined) => (
    <Form.Item
      label={c.fields[name]}
      name={name}
      validateTrigger={['onChange', 'onBlur']}
      rules={[sideRule]}
      extra={named(text)}
      validateFirst
    >
      <Input.TextArea
        autoSize={{ minRows: 1, maxRows: 4 }}
        spellCheck={false}
        className="catalogue-expression"
      />
    </Form.Item>
  );
  const formId = 'catalogue-rule-form';

  return (
    <EditorDrawer
      open={open}
      title={rule ? c.editRule(rule.code) : c.newRule}
      formId={formId}
      error={formError}
      saving={save.isPending}
      onClose={close}
    >
      <Form<RuleForm>
        id={formId}
        form={form}
        layout="vertical"
        initialValues={
          rule
            ? {
                code: rule.code,
                nameVi: rule.nameVi,
                nameEn: rule.nameEn ?? '',
                description: rule.description ?? '',
                leftSide: rule.leftSide,
                operator: rule.operator as RuleOperator,
                rightSide: rule.rightSide,
                missingValueStrategy: rule.missingValueStrategy,
              }
            : { operator: '<=', missingValueStrategy: 'skipIfAnyValueMissing' }
        }
        onFinish={submit}
        onValuesChange={() => setFormError(null)}
      >
        <CodeAndNameFields editing={rule !== null} />
        {sideItem('leftSide', left)}
        <Form.Item
          label={c.fields.operator}
          name="operator"
          rules={[{ required: true, message: c.required }]}
        >
          <Select options={RULE_OPERATORS.map((o) => ({ value: o, label: o }))} />
        </Form.Item>
        {sideItem('rightSide', right)}
        <Form.Item label={c.fields.missingValueStrategy} name="missingValueStrategy">
          <Select options={MISSING_VALUE_STRATEGIES.map((s) => ({ value: s, label: c.strategies[s] }))} />
        </Form.Item>
        <Form.Item label={c.fields.description} name="description" rules={[{ max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </EditorDrawer>
  );
}
