import { Alert, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { NOTE_SECTIONS } from '../../../src/domain/report-narrative/narrative-input.js';
import { useDashboard } from '../api/dashboard';
import { useReportNotes, useReportPreview, type ReportScope } from '../api/report';
import { useSession } from '../api/session';
import { DashboardRefusal } from '../dashboard/dashboard-frame';
import '../dashboard/dashboard.css';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { NoteEditor } from '../report/note-editor';
import { ReportDownloads } from '../report/report-downloads';
import { PeriodUnitPickers } from '../dashboard/period-unit-pickers';
import { ReportPreview } from '../report/report-preview';
import { ReportSettingsForm } from '../report/report-settings-form';
import '../report/report.css';
import { mayAnywhere } from '../shell/permissions';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';

/**
 * The meeting report of a plan's period and unit (docs/web.md, "The meeting report"): the report as the server
 * writes it, previewed in a frame; beside it the secretariat's sections, each saved with its version, and the
 * heading settings; the same report as Word, PDF, Excel and Markdown files. Readers see the preview and the files.
 */
export default function ReportPage() {
  const { t, lang } = useI18n();
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  // The plan's name, the unit's and the periods with values come with the dashboard's answer (its latest period
  // when none is asked for).
  const dashboard = useDashboard(
    { plan: code, period: search.get('period'), unit: search.get('unit') },
    lang,
  );
  const d = dashboard.data;
  const scope: ReportScope | null =
    d && d.periods.length > 0
      ? { plan: d.plan.code, period: d.period.id, unit: d.unit.code === d.plan.unit ? null : d.unit.code }
      : null;
  const preview = useReportPreview(scope, lang);
  const notes = useReportNotes(scope);
  const writer = mayAnywhere(useSession().data, 'plans:manage');

  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError || !d) {
    return (
      <DashboardRefusal
        error={dashboard.error ?? new Error('no report')}
        refused={[403, 404]}
        title={t.report.title}
        fallback={t.plan.notFound(code)}
        back={{ to: '/plans', text: t.plan.back }}
        onRetry={() => void dashboard.refetch()}
      />
    );
  }
  const change = (patch: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(patch)) next.set(key, value);
    setSearch(next);
  };
  const periodText = formatPeriodId(d.period.id, lang);
  const dashboardLink = `/plans/${encodeURIComponent(code)}?${new URLSearchParams({
    period: d.period.id,
    ...(d.unit.code === d.plan.unit ? {} : { unit: d.unit.code }),
  }).toString()}`;

  return (
    <section aria-labelledby="report-title" className="report">
      <header className="dashboard-head">
        <Typography.Title level={1} id="report-title">
          {t.report.title}
        </Typography.Title>
        <Typography.Paragraph className="dashboard-subtitle">
          {t.report.subtitle(d.plan.name, d.unit.name, periodText)}
        </Typography.Paragraph>
        {d.periods.length > 0 && <PeriodUnitPickers texts={t.report} dashboard={d} onChange={change} />}
        <nav className="dashboard-links" aria-label={t.report.title}>
          <Link to={dashboardLink}>{t.report.toDashboard}</Link>
        </nav>
      </header>
      {!scope && <Alert type="info" showIcon title={t.report.noPeriods} />}
      {scope && (
        <div className="report-layout">
          <section aria-labelledby="report-preview-title" className="report-panel">
            <h2 id="report-preview-title" className="report-h2">
              {t.report.preview}
            </h2>
            {preview.isPending && <Loading />}
            {preview.isError && <QueryError error={preview.error} onRetry={() => void preview.refetch()} />}
            {preview.data !== undefined && (
              <ReportPreview
                key={`${scope.period}|${scope.unit ?? ''}`}
                html={preview.data}
                title={t.report.previewFrame(periodText, d.unit.name)}
                refreshing={preview.isFetching}
              />
            )}
          </section>
          <div className="report-side">
            <div className="report-panel">
              <ReportDownloads scope={scope} />
            </div>
            <section aria-labelledby="report-notes-title" className="report-panel">
              <h2 id="report-notes-title" className="report-h2">
                {t.report.notesTitle}
              </h2>
              {!writer && (
                <Alert type="info" showIcon title={t.report.readOnly} data-testid="report-read-only" />
              )}
              {writer && (
                <>
                  <p className="report-note">
                    {t.report.notesIntro} {t.report.sectionsHint}
                  </p>
                  {notes.isPending && <Loading />}
                  {notes.isError && <QueryError error={notes.error} onRetry={() => void notes.refetch()} />}
                  {notes.data &&
                    NOTE_SECTIONS.map((section) => (
                      <NoteEditor
                        // A new report (period, unit) starts each editor afresh.
                        key={`${scope.period}|${scope.unit ?? ''}|${section}`}
                        scope={scope}
                        section={section}
                        note={notes.data.notes.find((n) => n.section === section)}
                      />
                    ))}
                </>
              )}
            </section>
            {writer && (
              <details className="report-panel report-settings-toggle">
                <summary>{t.report.settingsTitle}</summary>
                <ReportSettingsForm plan={d.plan.code} />
              </details>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
