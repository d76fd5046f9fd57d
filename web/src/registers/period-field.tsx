import { Form, Input } from 'antd';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

/**
 * A period typed as users write it (2024Q2, 2024S1, 2024), with the periods with values suggested from the datalist
 * `listId` (PeriodList); the API's refusal of it is shown here, at the field (`error`).
 */
export function PeriodField({
  name,
  label,
  error,
  listId,
}: {
  name: string;
  label: string;
  error: string | undefined;
  listId: string;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, whitespace: true, message: t.registers.periodHint }]}
      {...(error ? { validateStatus: 'error' as const, help: error } : {})}
    >
      <Input
        list={listId}
        autoComplete="off"
        placeholder={t.registers.periodHint}
        className="registers-period"
      />
    </Form.Item>
  );
}

/** The periods with values, suggested to every PeriodField that names `id`. */
export function PeriodList({ id, periods }: { id: string; periods: readonly string[] }) {
  const { lang } = useI18n();
  return (
    <datalist id={id}>
      {periods.map((p) => (
        <option key={p} value={p}>
          {formatPeriodId(p, lang)}
        </option>
      ))}
    </datalist>
  );
}
