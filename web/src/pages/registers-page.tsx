import { Card, Typography } from 'antd';
import { Link } from 'react-router';
import type { RegisterSummary } from '../../../src/contract/registers.js';
import { useLacking, useRegisters } from '../api/registers';
import { formatCount, formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useRegisterScope, type RegisterScope } from '../registers/register-scope';
import { lackingSentence, registerName } from '../registers/register-words';
import { UnitPicker } from '../registers/unit-picker';
import '../registers/registers.css';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

/** One register: its name, where it is kept, how many units lack it at its latest period, and a link to it. */
function RegisterCard({ register, scope }: { register: RegisterSummary; scope: RegisterScope }) {
  const { t, lang } = useI18n();
  const latest = register.periods[register.periods.length - 1] ?? null;
  const lacking = useLacking(register.indicator, latest, scope.unit);
  const name = registerName(register, lang);
  const to = `/registers/${encodeURIComponent(register.indicator)}${scope.unit ? `?unit=${encodeURIComponent(scope.unit)}` : ''}`;
  return (
    <Card size="small" className="registers-card" data-testid={`register-${register.indicator}`}>
      <Typography.Title level={2} className="registers-card-title">
        <Link to={to}>{name}</Link>
      </Typography.Title>
      {lacking.data && (
        <p className="registers-sentence">
          <strong>
            {lackingSentence(
              t,
              lang,
              register,
              lacking.data.count,
              formatCount(lacking.data.count, lang),
              lacking.data.noun,
            )}
          </strong>{' '}
          ({formatPeriodId(lacking.data.period, lang)})
        </p>
      )}
      <p className="registers-note">
        {t.registers.keptAt(
          register.noun[lang],
          register.periods.length > 0
            ? register.periods.map((p) => formatPeriodId(p, lang)).join(', ')
            : t.registers.noPeriods,
        )}
      </p>
    </Card>
  );
}

/**
 * The registers (docs/web.md, "Registers"): the yes/no items kept for the villages or communes under the reader's
 * unit, each with how many units lack it at its latest period, leading to its page.
 */
export default function RegistersPage() {
  const { t } = useI18n();
  const scope = useRegisterScope();
  const list = useRegisters(scope.unit);
  return (
    <section aria-labelledby="registers-title" className="registers-page">
      <Typography.Title level={1} id="registers-title">
        {t.registers.title}
      </Typography.Title>
      <p>{t.registers.intro}</p>
      <UnitPicker scope={scope} />
      {list.isLoading && <Loading />}
      {list.error && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.registers.length === 0 && <p>{t.registers.none}</p>}
      <div className="registers-cards">
        {list.data?.registers.map((r) => (
          <RegisterCard key={r.indicator} register={r} scope={scope} />
        ))}
      </div>
    </section>
  );
}
