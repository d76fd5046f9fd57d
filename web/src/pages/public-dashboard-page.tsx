import { Select, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { usePublicDashboard } from '../api/dashboard';
import { downloadHref } from '../api/public';
import type { Dashboard } from '../api/types';
import { BandSummary } from '../dashboard/band-summary';
import {
  DashboardNotices,
  DashboardRefusal,
  DashboardTitle,
  TargetsSection,
} from '../dashboard/dashboard-frame';
import { IndexPanel, LaggingPanel } from '../dashboard/side-panels';
import '../dashboard/dashboard.css';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';

/** The CSV and JSON downloads of the period shown, as real links the browser saves. */
function Downloads({ dashboard }: { dashboard: Dashboard }) {
  const { t, lang } = useI18n();
  const period = formatPeriodId(dashboard.period.id, lang);
  const file = `${dashboard.plan.code}-${dashboard.period.id}`;
  const { csv, json } = dashboard.links;
  if (!csv && !json) return null;
  return (
    <nav className="dashboard-links" aria-label={t.publicPage.downloadsLabel}>
      {csv && (
        <a href={downloadHref(csv, dashboard.period.id)} download={`${file}.csv`}>
          {t.publicPage.downloadCsv(period)}
        </a>
      )}
      {json && (
        <a href={downloadHref(json, dashboard.period.id)} download={`${file}.json`}>
          {t.publicPage.downloadJson(period)}
        </a>
      )}
    </nav>
  );
}

/**
 * A plan's public dashboard (docs/web.md, "Public page"): the signed-in dashboard's components at the plan's unit,
 * for an approved period, from approved data only; plain figures without trace (the public does not see who
 * entered what), and the downloads of the period's open data.
 */
export default function PublicDashboardPage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  const dashboard = usePublicDashboard({ plan: code, period: search.get('period'), unit: null }, lang);

  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) {
    return (
      <DashboardRefusal
        error={dashboard.error}
        refused={[404]}
        title={t.publicPage.planTitle}
        fallback={t.publicPage.notFound(code)}
        back={{ to: '/public', text: t.publicPage.allPlans }}
        onRetry={() => void dashboard.refetch()}
      />
    );
  }
  const d = dashboard.data;
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <header className="dashboard-head">
        <DashboardTitle dashboard={d} />
        <div className="dashboard-pickers">
          <label className="picker">
            <span>{t.publicPage.period}</span>
            <Select
              aria-label={t.publicPage.period}
              value={d.period.id}
              onChange={(period: string) => setSearch({ period })}
              options={d.periods.map((p) => ({ value: p.id, label: formatPeriodId(p.id, lang) }))}
              popupMatchSelectWidth={false}
            />
          </label>
        </div>
        <Typography.Paragraph data-testid="open-data-note">{t.publicPage.openData}</Typography.Paragraph>
        <Downloads dashboard={d} />
        <nav className="dashboard-links" aria-label={t.publicPage.title}>
          <Link to="/public">{t.publicPage.allPlans}</Link>
        </nav>
      </header>
      <DashboardNotices dashboard={d} />
      <div className="dashboard-grid">
        <BandSummary dashboard={d} />
        <div className="dashboard-side">
          <LaggingPanel dashboard={d} />
          <IndexPanel dashboard={d} />
        </div>
      </div>
      <TargetsSection targets={d.targets} />
    </section>
  );
}
