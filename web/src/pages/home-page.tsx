import { Alert, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useLanding } from '../api/dashboard';
import { useI18n } from '../i18n/i18n';
import { PlansList } from '../shell/plans-list';
import { Loading } from '../shell/route-page';
import { dashboardPath } from './dashboard-path';

/**
 * After sign-in: the dashboard of the most recent plan in the user's scope, at its latest period with values
 * (`GET /api/v1/dashboard/landing`); a user with no such plan sees why, and the plans they may read.
 */
export default function HomePage() {
  const { t, lang } = useI18n();
  const landing = useLanding();
  if (landing.isPending) return <Loading />;
  if (landing.data?.plan) {
    return <Navigate replace to={dashboardPath(landing.data.plan, landing.data.period, landing.data.unit)} />;
  }
  const reason = landing.data?.reason;
  return (
    <section aria-labelledby="home-title">
      <Typography.Title level={1} id="home-title">
        {t.home.title}
      </Typography.Title>
      {reason && <Alert type="info" showIcon title={lang === 'en' ? reason.message_en : reason.message_vi} />}
      <PlansList />
    </section>
  );
}
