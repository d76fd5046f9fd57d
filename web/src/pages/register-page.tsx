import { Alert, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useRegisters } from '../api/registers';
import { useI18n } from '../i18n/i18n';
import { ChangeSection } from '../registers/change-section';
import { LackingSection } from '../registers/lacking-section';
import { PeriodList } from '../registers/period-field';
import { useRegisterScope } from '../registers/register-scope';
import { registerName } from '../registers/register-words';
import { TemplateSection } from '../registers/template-section';
import { UnitPicker } from '../registers/unit-picker';
import '../registers/registers.css';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

/**
 * One register (docs/web.md, "Registers"): every unit lacking it at a period, filtered and searched; its change
 * between any two periods in the report's words; and, for those who may enter values, the Excel template to fill
 * and import back.
 */
export default function RegisterPage() {
  const { t, lang } = useI18n();
  const indicator = useParams().indicator ?? '';
  const scope = useRegisterScope();
  const list = useRegisters(scope.unit);
  const register = list.data?.registers.find((r) => r.indicator === indicator);
  const back = `/registers${scope.unit ? `?unit=${encodeURIComponent(scope.unit)}` : ''}`;
  const listId = 'registers-periods';
  return (
    <section aria-labelledby="register-title" className="registers-page">
      <p>
        <Link to={back}>{t.registers.back}</Link>
      </p>
      <Typography.Title level={1} id="register-title">
        {register ? registerName(register, lang) : t.registers.title}
      </Typography.Title>
      <UnitPicker scope={scope} />
      {list.isLoading && <Loading />}
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && !register && (
        <Alert type="warning" showIcon role="alert" title={t.registers.unknown(indicator)} />
      )}
      {register && (
        <>
          <PeriodList id={listId} periods={register.periods} />
          <LackingSection register={register} scope={scope} periodListId={listId} />
          <ChangeSection register={register} scope={scope} periodListId={listId} />
          <TemplateSection register={register} scope={scope} periodListId={listId} />
        </>
      )}
    </section>
  );
}
