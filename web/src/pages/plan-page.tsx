import { Descriptions, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import { usePlan, usePlanTargets } from '../api/plans';
import { formatCount, formatPeriodId, formatYears } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { comparePeriods, parsePeriod } from '../../../src/domain/period.js';

/** The periods a plan has targets for, oldest first (the project's period order, docs/domain.md §3). */
function targetPeriods(periods: readonly string[]): string[] {
  const unique = [...new Set(periods)];
  return unique.sort((a, b) => {
    const pa = parsePeriod(a);
    const pb = parsePeriod(b);
    return pa.ok && pb.ok ? comparePeriods(pa.value, pb.value) : a.localeCompare(b);
  });
}

/** One plan: its name, unit, years and target periods (the dashboard comes here in a later step). */
export default function PlanPage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const plan = usePlan(code);
  const targets = usePlanTargets(code);

  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    const missing =
      plan.error instanceof ApiError && (plan.error.status === 404 || plan.error.status === 403);
    return (
      <section>
        <Typography.Title level={1}>{t.plan.titleFallback}</Typography.Title>
        {missing ? (
          <Typography.Paragraph>{t.plan.notFound(code)}</Typography.Paragraph>
        ) : (
          <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
        )}
        <Link to="/">{t.plan.back}</Link>
      </section>
    );
  }
  const p = plan.data;
  const periods = targets.data ? targetPeriods(targets.data.map((x) => x.period)) : [];
  return (
    <section aria-labelledby="plan-title">
      <Typography.Title level={1} id="plan-title">
        {p.name}
      </Typography.Title>
      <Descriptions column={1} bordered size="small" className="plan-facts">
        <Descriptions.Item label={t.plan.code}>{p.code}</Descriptions.Item>
        <Descriptions.Item label={t.plan.unit}>{p.unitName}</Descriptions.Item>
        <Descriptions.Item label={t.plan.years}>{formatYears(p.startYear, p.endYear)}</Descriptions.Item>
        <Descriptions.Item label={t.plan.targetCount}>{formatCount(p.targetCount, lang)}</Descriptions.Item>
        <Descriptions.Item label={t.plan.periods}>
          {targets.isPending && <Loading />}
          {targets.isError && <QueryError error={targets.error} onRetry={() => void targets.refetch()} />}
          {targets.data && periods.length === 0 && t.plan.noPeriods}
          {periods.map((period) => (
            <Tag key={period}>{formatPeriodId(period, lang)}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <p>
        <Link to="/">{t.plan.back}</Link>
      </p>
    </section>
  );
}
