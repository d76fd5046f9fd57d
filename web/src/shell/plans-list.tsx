import { Card, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import { usePlans } from '../api/plans';
import { useSession } from '../api/session';
import { formatCount, formatTime, formatYears } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { mayAnywhere } from './permissions';
import { Loading } from './route-page';
import { QueryError } from './query-error';

/** The plans of the units the user may read (`GET /api/v1/plans`), each linking to its dashboard. */
export function PlansList() {
  const { t, lang } = useI18n();
  const plans = usePlans();
  const manages = mayAnywhere(useSession(false).data, 'plans:manage');
  return (
    <>
      <Typography.Paragraph>{t.home.intro}</Typography.Paragraph>
      {manages && (
        <Typography.Paragraph>
          <Link to="/plans/new">{t.targets.newPlanLink}</Link>
        </Typography.Paragraph>
      )}
      {plans.isPending && <Loading />}
      {plans.isError && <QueryError error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data && plans.data.length === 0 && <Empty description={t.home.empty} />}
      {plans.data && plans.data.length > 0 && (
        <ul className="plan-list" aria-label={t.home.title}>
          {plans.data.map((plan) => (
            <li key={plan.code}>
              <Card>
                <Typography.Title level={2} className="card-heading">
                  <Link to={`/plans/${encodeURIComponent(plan.code)}`}>{plan.name}</Link>
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t.home.unit}: {plan.unitName} · {t.home.years(formatYears(plan.startYear, plan.endYear))} ·{' '}
                  {t.home.targets(formatCount(plan.targetCount, lang))}
                </Typography.Paragraph>
                <p className="plan-links">
                  <Link
                    to={`/plans/${encodeURIComponent(plan.code)}/targets`}
                    aria-label={`${t.targets.targetsLink} — ${plan.name}`}
                  >
                    {t.targets.targetsLink}
                  </Link>
                  {manages && (
                    <Link
                      to={`/plans/${encodeURIComponent(plan.code)}/settings`}
                      aria-label={`${t.targets.settingsLink} — ${plan.name}`}
                    >
                      {t.targets.settingsLink}
                    </Link>
                  )}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {plans.data && (
        <Typography.Paragraph type="secondary">
          {t.home.updated(formatTime(new Date(plans.dataUpdatedAt)))}
        </Typography.Paragraph>
      )}
    </>
  );
}
