import { Alert, Form, Input, Select, Table } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import type { RegisterUnit } from '../../../src/contract/registers.js';
import { useLacking } from '../api/registers';
import { formatCount, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { PeriodField } from './period-field';
import { lackingSentence, matchesSearch } from './register-words';
import {
  fieldErrors,
  otherError,
  RegisterSection,
  SectionForm,
  useParam,
  type SectionProps,
} from './register-section';

/**
 * Every unit lacking the register at a period (`GET /registers/{indicator}/lacking`), counted in the committee's
 * words, filtered by the unit above (commune or district) and searchable by name or code; those who may enter
 * values get a link to the register grid of each village's commune.
 */
export function LackingSection({ register, scope, periodListId }: SectionProps) {
  const { t, lang } = useI18n();
  const latest = register.periods[register.periods.length - 1] ?? null;
  const [periodParam, setPeriod] = useParam('period');
  const period = periodParam ?? latest;
  const [parent, setParent] = useParam('parent');
  const [text, setText] = useParam('q');
  const lacking = useLacking(register.indicator, period, scope.unit);
  const [form] = Form.useForm<{ period: string }>();
  useEffect(() => form.setFieldsValue({ period: period ?? '' }), [form, period]);

  const data = lacking.data;
  const parents = useMemo(() => {
    const byCode = new Map<string, { name: string; count: number }>();
    for (const u of data?.units ?? []) {
      if (!u.parentCode) continue;
      const entry = byCode.get(u.parentCode) ?? { name: u.parentName ?? u.parentCode, count: 0 };
      entry.count += 1;
      byCode.set(u.parentCode, entry);
    }
    return [...byCode].sort((a, b) => a[1].name.localeCompare(b[1].name, 'vi'));
  }, [data]);
  const shown = (data?.units ?? []).filter(
    (u) => (parent === null || u.parentCode === parent) && matchesSearch(text ?? '', u.name, u.code),
  );
  const errors = fieldErrors(lacking.error, lang);
  const other = otherError(lacking.error, ['period'], lang, t.errors.unexpected);
  const periodText = data ? formatPeriodId(data.period, lang) : '';

  const columns = [
    { title: t.registers.name, dataIndex: 'name', key: 'name' },
    { title: t.registers.code, dataIndex: 'code', key: 'code' },
    {
      title: t.registers.parent,
      key: 'parent',
      render: (_: unknown, u: RegisterUnit) => u.parentName ?? '—',
    },
    ...(scope.mayEnter && register.level === 'village' && data
      ? [
          {
            title: t.registers.enter,
            key: 'enter',
            render: (_: unknown, u: RegisterUnit) =>
              u.parentCode ? (
                <Link
                  to={`/entry/registers?${new URLSearchParams({ unit: u.parentCode, period: data.period }).toString()}`}
                  aria-label={t.registers.enterAt(u.parentName ?? u.parentCode)}
                >
                  {t.registers.enter}
                </Link>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <RegisterSection id="registers-lacking" title={t.registers.lackingTitle}>
      <SectionForm
        form={form}
        name="registers-lacking"
        label={t.registers.lackingTitle}
        submit={t.registers.show}
        onFinish={(v) => setPeriod(v.period.trim())}
      >
        <PeriodField name="period" label={t.registers.period} error={errors.period} listId={periodListId} />
      </SectionForm>
      {other && <Alert type="error" showIcon role="alert" title={other} data-testid="registers-refusal" />}
      {period === null && <Alert type="info" showIcon title={t.registers.none} />}
      {lacking.isLoading && <Loading />}
      {data && (
        <>
          <p className="registers-sentence" role="status" data-testid="registers-lacking-count">
            <strong>
              {lackingSentence(t, lang, register, data.count, formatCount(data.count, lang), data.noun)}
            </strong>{' '}
            {t.registers.outOf(formatCount(data.withValue, lang), data.noun[lang], periodText)}
          </p>
          <div className="registers-filters">
            <span className="registers-filter">
              <label htmlFor="registers-parent">{t.registers.parent}</label>
              <Select
                id="registers-parent"
                className="registers-select"
                value={parent ?? ''}
                onChange={(v: string) => setParent(v === '' ? null : v)}
                showSearch={{ optionFilterProp: 'label' }}
                popupMatchSelectWidth={false}
                options={[
                  { value: '', label: `${t.registers.allParents} (${formatCount(data.count, lang)})` },
                  ...parents.map(([code, p]) => ({
                    value: code,
                    label: `${p.name} (${formatCount(p.count, lang)})`,
                  })),
                ]}
              />
            </span>
            <span className="registers-filter">
              <label htmlFor="registers-search">{t.registers.search}</label>
              <Input
                id="registers-search"
                className="registers-search"
                type="search"
                allowClear
                value={text ?? ''}
                onChange={(e) => setText(e.target.value)}
              />
            </span>
          </div>
          {shown.length !== data.count && (
            <p data-testid="registers-shown">
              {t.registers.shown(formatCount(shown.length, lang), formatCount(data.count, lang))}
            </p>
          )}
          <Table<RegisterUnit>
            data-testid="registers-lacking-table"
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={shown}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t.registers.noneLacking }}
            title={() => t.registers.tableCaption(data.noun[lang], periodText)}
          />
        </>
      )}
    </RegisterSection>
  );
}
