import { Card, Empty, Typography } from 'antd';
import { Link } from 'react-router';
import { usePublicPlans } from '../api/public';
import { formatPeriodId, formatYears } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';

/**
 * The open data, for everyone without signing in (docs/web.md, "Public page"): the plans whose own unit has an
 * approved review, each with its unit and approved periods, linking to its public dashboard.
 */
export default function PublicPlansPage() {
  const { t, lang } = useI18n();
  const plans = usePublicPlans();
  return (
    <section aria-labelledby="public-title">
      <Typography.Title level={1} id="public-title">
        {t.publicPage.title}
      </Typography.Title>
      <Typography.Paragraph>{t.publicPage.intro}</Typography.Paragraph>
      {plans.isPending && <Loading />}
      {plans.isError && <QueryError error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data && plans.data.length === 0 && <Empty description={t.publicPage.empty} />}
      {plans.data && plans.data.length > 0 && (
        <ul className="plan-list" aria-label={t.publicPage.listLabel}>
          {plans.data.map((plan) => (
            <li key={plan.code}>
              <Card>
                <Typography.Title level={2} className="card-heading">
                  <Link to={`/public/plans/${encodeURIComponent(plan.code)}`}>{plan.name}</Link>
                </Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t.publicPage.unit}: {plan.unitName} ·{' '}
                  {t.publicPage.years(formatYears(plan.startYear, plan.endYear))}
                </Typography.Paragraph>
                <Typography.Paragraph>
                  {t.publicPage.periods(plan.periods.map((p) => formatPeriodId(p, lang)).join(', '))}
                </Typography.Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
