import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { PlansList } from '../shell/plans-list';

/** Every plan in the user's scope, each leading to its dashboard. */
export default function PlansPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="plans-title">
      <Typography.Title level={1} id="plans-title">
        {t.home.title}
      </Typography.Title>
      <PlansList />
    </section>
  );
}
