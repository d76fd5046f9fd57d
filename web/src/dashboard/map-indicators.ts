import type { Dashboard } from '../api/types';
import type { Lang } from '../i18n/i18n';

/** The indicators of a dashboard's targets, once each in their order, named in the reader's language: the map's picker. */
export function mapIndicators(dashboard: Dashboard, lang: Lang): { code: string; name: string }[] {
  const byCode = new Map(
    dashboard.targets.map((x) => [
      x.indicator,
      { code: x.indicator, name: lang === 'en' ? (x.indicatorNameEn ?? x.indicatorName) : x.indicatorName },
    ]),
  );
  return [...byCode.values()];
}
