import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useSession } from '../api/session';
import { usePlan, usePlanTargets } from '../api/targets';
import { formatYears } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { mayAnywhere } from '../shell/permissions';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { TargetGrid } from '../targets/target-grid';

/** The plan's targets in an editable grid (docs/web.md, "The target grid"); read-only without plans:manage. */
export default function TargetGridPage() {
  const { t } = useI18n();
  const code = useParams().code ?? '';
  const session = useSession();
  const plan = usePlan(code);
  const targets = usePlanTargets(code);
  const editable = mayAnywhere(session.data, 'plans:manage');
  const path = `/plans/${encodeURIComponent(code)}`;
  return (
    <section aria-labelledby="target-grid-title">
      <Typography.Title level={1} id="target-grid-title">
        {t.targets.gridTitle}
      </Typography.Title>
      {plan.data && (
        <Typography.Paragraph className="entry-subtitle">
          {t.targets.planSubtitle(
            plan.data.name,
            plan.data.unitName,
            formatYears(plan.data.startYear, plan.data.endYear),
          )}
        </Typography.Paragraph>
      )}
      <p className="target-links">
        <Link to={path}>{t.targets.dashboardLink}</Link>
        {editable && <Link to={`${path}/settings`}>{t.targets.settingsLink}</Link>}
        <Link to="/plans">{t.dashboard.plansLink}</Link>
      </p>
      {(plan.isPending || targets.isPending) && !plan.isError && !targets.isError && <Loading />}
      {plan.isError && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {!plan.isError && targets.isError && (
        <QueryError error={targets.error} onRetry={() => void targets.refetch()} />
      )}
      {plan.data && targets.data && (
        <TargetGrid key={plan.data.code} plan={plan.data} targets={targets.data} editable={editable} />
      )}
    </section>
  );
}
