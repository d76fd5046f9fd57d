import { App, Form, InputNumber, Select } from 'antd';
import { useState } from 'react';
import type { IndicatorGroupSummary } from '../../../src/contract/catalogue.js';
import { useSaveGroup, type GroupInput } from '../api/catalogue';
import { useI18n } from '../i18n/i18n';
import { showFormErrors } from '../shell/form-errors';
import { CodeAndNameFields } from './code-name-fields';
import { EditorDrawer } from './editor-drawer';

interface GroupForm {
  code: string;
  nameVi: string;
  nameEn?: string;
  kind: GroupInput['kind'];
  sort: number;
}

const FIELDS = ['code', 'nameVi', 'nameEn', 'kind', 'sort'] as const;
const KINDS = ['pillar', 'foundation', 'custom'] as const;
/** The database's integer column: a group's place in lists. */
const SORT_LIMIT = 2_147_483_647;

/** Creates a group of indicators or edits one (`group`): names, kind and place in lists. */
export function GroupFormDrawer({
  open,
  group,
  onClose,
}: {
  open: boolean;
  group: IndicatorGroupSummary | null;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupForm>();
  const save = useSaveGroup();
  const [formError, setFormError] = useState<string | null>(null);
  const c = t.catalogue;

  const close = () => {
    setFormError(null);
    save.reset();
    onClose();
  };

  const submit = (values: GroupForm) => {
    setFormError(null);
    const nameVi = values.nameVi.trim();
    const input: GroupInput = {
      nameVi,
      // The API names a group in English too; without one, its Vietnamese name stands for both.
      nameEn: values.nameEn?.trim() || nameVi,
      kind: values.kind,
      sort: values.sort,
    };
    const code = group ? group.code : values.code.trim();
    save.mutate(
      { mode: group ? 'update' : 'create', code, input },
      {
        onSuccess: () => {
          void message.success(c.saved(code));
          close();
        },
        onError: (error) => setFormError(showFormErrors(form, FIELDS, error, lang, t)),
      },
    );
  };

  const formId = 'catalogue-group-form';
  return (
    <EditorDrawer
      open={open}
      title={group ? c.editGroup(group.code) : c.newGroup}
      formId={formId}
      error={formError}
      saving={save.isPending}
      onClose={close}
    >
      <Form<GroupForm>
        id={formId}
        form={form}
        layout="vertical"
        initialValues={
          group
            ? {
                code: group.code,
                nameVi: group.nameVi,
                nameEn: group.nameEn,
                kind: group.kind,
                sort: group.sort,
              }
            : { kind: 'custom', sort: 100 }
        }
        onFinish={submit}
        onValuesChange={() => setFormError(null)}
      >
        <CodeAndNameFields editing={group !== null} />
        <div className="catalogue-form-row">
          <Form.Item label={c.fields.kind} name="kind">
            <Select options={KINDS.map((k) => ({ value: k, label: c.groupKinds[k] }))} />
          </Form.Item>
          <Form.Item
            label={c.fields.sort}
            name="sort"
            extra={c.help.sort}
            rules={[{ required: true, message: c.required }]}
          >
            <InputNumber precision={0} min={-SORT_LIMIT - 1} max={SORT_LIMIT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
      </Form>
    </EditorDrawer>
  );
}
