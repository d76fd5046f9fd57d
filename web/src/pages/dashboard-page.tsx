import { Alert } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDashboard, useLiveDataVersion, type LiveState } from '../api/dashboard';
import type { Dashboard } from '../api/types';
import { useSession } from '../api/session';
import { BandSummary } from '../dashboard/band-summary';
import {
  DashboardNotices,
  DashboardRefusal,
  DashboardTitle,
  TargetsSection,
} from '../dashboard/dashboard-frame';
import { IndexPanel, LaggingPanel, RegistersPanel, TasksPanel } from '../dashboard/side-panels';
import { TraceDrawer, type TraceRequest } from '../dashboard/trace-drawer';
import { mapIndicators } from '../dashboard/map-indicators';
import '../dashboard/dashboard.css';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { mayDecide } from '../review/review-state';
import { Loading } from '../shell/route-page';
import { PeriodUnitPickers } from '../dashboard/period-unit-pickers';

/** The map panel, in its own chunk with ECharts' map code. */
const UnitMap = lazy(() => import('../dashboard/unit-map'));

/** How fresh the figures are: the data version they were read at, when it last changed, and the live state. */
function Freshness({
  dashboard,
  live,
  fetching,
}: {
  dashboard: Dashboard;
  live: LiveState;
  fetching: boolean;
}) {
  const { t, lang } = useI18n();
  const { version, changedAt } = dashboard.freshness;
  return (
    <p className="freshness" data-testid="freshness" data-version={version} aria-live="polite">
      {t.dashboard.freshness(formatTime(new Date(changedAt)), formatCount(version, lang))} ·{' '}
      <span className={`live live-${live}`}>{fetching ? t.dashboard.updating : t.dashboard.live[live]}</span>
    </p>
  );
}

/**
 * A plan's dashboard for a unit and period (docs/web.md, "The dashboard"): the bands as a chart and in the
 * committee's words, the targets, the lagging targets, the overdue tasks, the registers, the index ranks and the
 * map; every figure opens its trace; figures follow the data version live.
 */
export default function DashboardPage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  const query = { plan: code, period: search.get('period'), unit: search.get('unit') };
  const dashboard = useDashboard(query, lang);
  const live = useLiveDataVersion(dashboard.data?.freshness.version ?? null);
  const [trace, setTrace] = useState<TraceRequest | null>(null);
  const reviews = mayDecide((useSession().data?.grants ?? []).map((g) => g.role));

  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) {
    return (
      <DashboardRefusal
        error={dashboard.error}
        refused={[403, 404]}
        title={t.plan.titleFallback}
        fallback={t.plan.notFound(code)}
        back={{ to: '/plans', text: t.plan.back }}
        onRetry={() => void dashboard.refetch()}
      />
    );
  }
  const d = dashboard.data;
  const change = (patch: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(patch)) next.set(key, value);
    setSearch(next);
  };
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <header className="dashboard-head">
        <DashboardTitle dashboard={d} />
        <PeriodUnitPickers texts={t.dashboard} dashboard={d} onChange={change} />
        <Freshness dashboard={d} live={live} fetching={dashboard.isFetching} />
        <nav className="dashboard-links" aria-label={t.dashboard.title(d.plan.name)}>
          <Link to="/plans">{t.dashboard.plansLink}</Link>
          {reviews && (
            <Link to={`/plans/${encodeURIComponent(code)}/reviews?period=${encodeURIComponent(d.period.id)}`}>
              {t.review.inboxLink}
            </Link>
          )}
          {d.links.report && (
            <Link
              to={`/plans/${encodeURIComponent(code)}/report?${new URLSearchParams({
                period: d.period.id,
                ...(d.unit.code === d.plan.unit ? {} : { unit: d.unit.code }),
              }).toString()}`}
            >
              {t.dashboard.reportLink}
            </Link>
          )}
        </nav>
      </header>
      <DashboardNotices dashboard={d} />
      {d.periods.length === 0 && <Alert type="info" showIcon title={t.dashboard.noPeriods} />}
      <div className="dashboard-grid">
        <BandSummary dashboard={d} onTrace={setTrace} />
        <div className="dashboard-side">
          <LaggingPanel dashboard={d} onTrace={setTrace} />
          <IndexPanel dashboard={d} onTrace={setTrace} />
        </div>
      </div>
      <TargetsSection targets={d.targets} onTrace={setTrace} />
      <div className="dashboard-section">
        <Suspense fallback={<Loading />}>
          <UnitMap
            plan={d.plan.code}
            period={d.period.id}
            unit={d.unit.code}
            indicators={mapIndicators(d, lang)}
          />
        </Suspense>
      </div>
      <div className="dashboard-pair">
        <TasksPanel dashboard={d} onTrace={setTrace} />
        <RegistersPanel dashboard={d} onTrace={setTrace} />
      </div>
      <TraceDrawer request={trace} onClose={() => setTrace(null)} />
    </section>
  );
}
