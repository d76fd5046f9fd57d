import { Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n';

/**
 * The fields every catalogue entry starts with: its code (no spaces, fixed once created, so disabled when editing)
 * and its names in Vietnamese (required) and English.
 */
export function CodeAndNameFields({ editing }: { editing: boolean }) {
  const { t } = useI18n();
  const c = t.catalogue;
  const required = { required: true, whitespace: true, message: c.required };
  return (
    <>
      <Form.Item
        label={c.fields.code}
        name="code"
        extra={editing ? undefined : c.help.code}
        rules={[required, { pattern: /^\S*$/, message: c.codeSpaces }, { max: 100 }]}
      >
        <Input disabled={editing} autoComplete="off" />
      </Form.Item>
      <Form.Item label={c.fields.nameVi} name="nameVi" rules={[required, { max: 500 }]}>
        <Input />
      </Form.Item>
      <Form.Item label={c.fields.nameEn} name="nameEn" rules={[{ max: 500 }]}>
        <Input lang="en" />
      </Form.Item>
    </>
  );
}
