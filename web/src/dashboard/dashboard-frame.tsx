import { Alert, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import type { Dashboard, DashboardTarget } from '../api/types';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { TargetsTable } from './targets-table';
import type { OpenTrace } from './trace-drawer';

/**
 * The parts the signed-in and the public dashboards share around the figures: the refusal page, the title, the
 * server's notices, and the targets section.
 */

/**
 * A dashboard the server would not give: a refusal (`refused` statuses: the plan or unit is not the reader's, or
 * not published) said in the reader's language with a way back; any other failure with a retry.
 */
export function DashboardRefusal(props: {
  error: Error;
  refused: number[];
  title: string;
  fallback: string;
  back: { to: string; text: string };
  onRetry: () => void;
}) {
  const { lang } = useI18n();
  const { error } = props;
  const refusal = error instanceof ApiError && props.refused.includes(error.status) ? error : null;
  return (
    <section>
      <Typography.Title level={1}>{props.title}</Typography.Title>
      {refusal ? (
        <Typography.Paragraph>{refusal.messageIn(lang) ?? props.fallback}</Typography.Paragraph>
      ) : (
        <QueryError error={error} onRetry={props.onRetry} />
      )}
      <Link to={props.back.to}>{props.back.text}</Link>
    </section>
  );
}

/** The plan's name as the page's heading, and the unit and period shown ("Tỉnh Lào Cai · 6 tháng đầu năm 2024"). */
export function DashboardTitle({ dashboard }: { dashboard: Dashboard }) {
  const { t, lang } = useI18n();
  return (
    <>
      <Typography.Title level={1} id="dashboard-title">
        {dashboard.plan.name}
      </Typography.Title>
      <Typography.Paragraph className="dashboard-subtitle">
        {t.dashboard.subtitle(dashboard.unit.name, formatPeriodId(dashboard.period.id, lang))}
      </Typography.Paragraph>
    </>
  );
}

/** The server's notice (actuals read from the values while the rollup is rebuilt) and why nothing was evaluated. */
export function DashboardNotices({ dashboard }: { dashboard: Dashboard }) {
  const { lang } = useI18n();
  const message = (m: { message_vi: string; message_en: string }) =>
    lang === 'en' ? m.message_en : m.message_vi;
  return (
    <>
      {dashboard.notice && <Alert type="warning" showIcon title={message(dashboard.notice)} />}
      {dashboard.reason && <Alert type="info" showIcon title={message(dashboard.reason)} />}
    </>
  );
}

/** The targets table under its heading. */
export function TargetsSection({ targets, onTrace }: { targets: DashboardTarget[]; onTrace?: OpenTrace }) {
  const { t } = useI18n();
  return (
    <section className="dashboard-section" aria-labelledby="targets-title">
      <h2 id="targets-title" className="card-title">
        {t.dashboard.targetsTitle}
      </h2>
      <TargetsTable targets={targets} {...(onTrace ? { onTrace } : {})} />
    </section>
  );
}
