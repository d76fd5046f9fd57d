import { Alert, Form, Table, Typography } from 'antd';
import { useEffect } from 'react';
import type { RegisterUnit } from '../../../src/contract/registers.js';
import { useRegisterChange } from '../api/registers';
import { formatCount, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { PeriodField } from './period-field';
import {
  fieldErrors,
  otherError,
  RegisterSection,
  SectionForm,
  useParam,
  type SectionProps,
} from './register-section';
import { useSetAddressParams } from '../shell/address-params';

/** One group of the change: its units with the unit above each. */
function UnitGroup({
  id,
  title,
  caption,
  units,
}: {
  id: string;
  title: string;
  caption: string;
  units: RegisterUnit[];
}) {
  const { t, lang } = useI18n();
  return (
    <div className="registers-group" data-testid={`registers-${id}`}>
      <Typography.Title level={3}>
        {t.registers.groupTitle(title, formatCount(units.length, lang))}
      </Typography.Title>
      {units.length > 0 && (
        <Table<RegisterUnit>
          size="small"
          rowKey="code"
          dataSource={units}
          pagination={units.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          title={() => caption}
          columns={[
            { title: t.registers.name, dataIndex: 'name', key: 'name' },
            { title: t.registers.code, dataIndex: 'code', key: 'code' },
            {
              title: t.registers.parent,
              key: 'parent',
              render: (_: unknown, u: RegisterUnit) => u.parentName ?? '—',
            },
          ]}
        />
      )}
    </div>
  );
}

/**
 * The change of the register between any two periods (`GET /registers/{indicator}/change`): the report's sentence
 * ("xóa được 4 thôn, còn 6 thôn"), then the units no longer lacking it, those still lacking it and those newly
 * lacking it.
 */
export function ChangeSection({ register, scope, periodListId }: SectionProps) {
  const { t, lang } = useI18n();
  const periods = register.periods;
  const [fromParam] = useParam('from');
  const [toParam] = useParam('to');
  const setParams = useSetAddressParams();
  const from = fromParam ?? periods[periods.length - 2] ?? null;
  const to = toParam ?? periods[periods.length - 1] ?? null;
  const change = useRegisterChange(register.indicator, from, to, scope.unit);
  const [form] = Form.useForm<{ from: string; to: string }>();
  useEffect(() => form.setFieldsValue({ from: from ?? '', to: to ?? '' }), [form, from, to]);
  const errors = fieldErrors(change.error, lang);
  const other = otherError(change.error, ['from', 'to'], lang, t.errors.unexpected);
  const data = change.data;
  const opened = new Set(data?.opened.units.map((u) => u.code) ?? []);
  const still = data?.to.units.filter((u) => !opened.has(u.code)) ?? [];
  const fromText = data ? formatPeriodId(data.from.period, lang) : '';
  const toText = data ? formatPeriodId(data.to.period, lang) : '';

  return (
    <RegisterSection id="registers-change" title={t.registers.changeTitle}>
      <SectionForm
        form={form}
        name="registers-change"
        label={t.registers.changeTitle}
        submit={t.registers.compare}
        onFinish={(v) => setParams({ from: v.from.trim(), to: v.to.trim() }, { replace: true })}
      >
        <PeriodField name="from" label={t.registers.from} error={errors.from} listId={periodListId} />
        <PeriodField name="to" label={t.registers.to} error={errors.to} listId={periodListId} />
      </SectionForm>
      {other && <Alert type="error" showIcon role="alert" title={other} />}
      {change.isLoading && <Loading />}
      {data && (
        <>
          <p className="registers-sentence" role="status" data-testid="registers-phrase">
            <strong>{data.phrase[lang]}</strong> ({fromText} → {toText})
          </p>
          <div className="registers-groups">
            <UnitGroup
              id="closed"
              title={t.registers.closed}
              caption={t.registers.changeCaption(t.registers.closed, fromText, toText)}
              units={data.closed.units}
            />
            <UnitGroup
              id="still"
              title={t.registers.still}
              caption={t.registers.changeCaption(t.registers.still, fromText, toText)}
              units={still}
            />
            <UnitGroup
              id="opened"
              title={t.registers.opened}
              caption={t.registers.changeCaption(t.registers.opened, fromText, toText)}
              units={data.opened.units}
            />
          </div>
        </>
      )}
    </RegisterSection>
  );
}
