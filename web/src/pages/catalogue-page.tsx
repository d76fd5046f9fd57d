import { Alert, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useIndicatorGroups, useIndicators, useValidationRules } from '../api/catalogue';
import { useSession } from '../api/session';
import { GroupsTab } from '../catalogue/groups-tab';
import { IndicatorsTab } from '../catalogue/indicators-tab';
import { mayEditCatalogue } from '../catalogue/may-edit';
import { RulesTab } from '../catalogue/rules-tab';
import '../catalogue/catalogue.css';
import '../dashboard/dashboard.css';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';

const TABS = ['indicators', 'groups', 'rules'] as const;
type Tab = (typeof TABS)[number];
const isTab = (s: string | null): s is Tab => TABS.some((t) => t === s);

/**
 * The indicator catalogue (docs/web.md, "The indicator catalogue"): the indicators, their groups and the validation
 * rules, in tabs (`?tab=groups`, `?tab=rules`). Everyone signed in reads it; the secretariat or an administrator over
 * the whole installation adds and edits, and the API's refusals are shown where the user acted.
 */
export default function CataloguePage() {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const tabText = search.get('tab');
  const tab: Tab = isTab(tabText) ? tabText : 'indicators';
  const session = useSession();
  const canEdit = mayEditCatalogue(session.data);
  const indicators = useIndicators();
  const groups = useIndicatorGroups();
  const rules = useValidationRules();
  const c = t.catalogue;

  const failed = [indicators, groups, rules].find((q) => q.isError);
  const body = (() => {
    if (failed) return <QueryError error={failed.error} onRetry={() => void failed.refetch()} />;
    if (!indicators.data || !groups.data || !rules.data) return <Loading />;
    switch (tab) {
      case 'indicators':
        return <IndicatorsTab indicators={indicators.data} groups={groups.data} canEdit={canEdit} />;
      case 'groups':
        return <GroupsTab groups={groups.data} indicators={indicators.data} canEdit={canEdit} />;
      case 'rules':
        return <RulesTab rules={rules.data} indicators={indicators.data} canEdit={canEdit} />;
    }
  })();

  return (
    <section aria-labelledby="catalogue-title" className="catalogue">
      <Typography.Title level={1} id="catalogue-title">
        {c.title}
      </Typography.Title>
      <Typography.Paragraph>{c.intro}</Typography.Paragraph>
      {session.data && !canEdit && <Alert type="info" showIcon role="note" title={c.readOnly} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearch(key === 'indicators' ? {} : { tab: key })}
        items={TABS.map((key) => ({ key, label: c.tabs[key], children: key === tab ? body : null }))}
      />
    </section>
  );
}
