import { Alert } from 'antd';
import type { WhatIfIndexSuggestion } from '../../../src/contract/composite-index.js';
import type { IndexValue } from '../../../src/domain/compute-index.js';
import { useWhatIf } from '../api/composite-index';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import type { Lang } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { formatScore } from './ranking-format';

/** The single changes, most places gained first, then most score. */
export function byGain(suggestions: readonly WhatIfIndexSuggestion[]): WhatIfIndexSuggestion[] {
  return [...suggestions].sort((a, b) => b.rankGain - a.rankGain || b.scoreGain - a.scoreGain);
}

function formatValue(v: IndexValue, lang: Lang, none: string, yes: string, no: string): string {
  if (v === null) return none;
  if (typeof v === 'boolean') return v ? yes : no;
  return formatScore(v, lang);
}

/**
 * What would lift one unit most (docs/composite-index.md, "What would lift"): its score and rank now, then each
 * single improvement in plain words, with the score and the rank it would give, most places gained first.
 */
export function WhatIfPanel({
  methodology,
  year,
  unit,
  unitName,
}: {
  methodology: string;
  year: number;
  unit: string;
  unitName: string;
}) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const whatIf = useWhatIf(methodology, year, unit);
  return (
    <section className="index-card" aria-labelledby="index-whatif-title" data-testid="what-if">
      <h2 id="index-whatif-title" className="card-title" tabIndex={-1}>
        {c.whatIfTitle(unitName)}
      </h2>
      {whatIf.isPending ? (
        <Loading />
      ) : whatIf.isError ? (
        <QueryError error={whatIf.error} onRetry={() => void whatIf.refetch()} />
      ) : (
        <>
          <p>
            {c.whatIfNow(
              whatIf.data.name,
              formatScore(whatIf.data.score, lang),
              formatCount(whatIf.data.rank, lang),
              formatCount(whatIf.data.compared, lang),
            )}
          </p>
          {whatIf.data.suggestions.length === 0 ? (
            <Alert type="info" showIcon role="status" title={c.whatIfNone} />
          ) : (
            <ol className="index-whatif">
              {byGain(whatIf.data.suggestions).map((s) => {
                const from = formatValue(s.fromValue, lang, c.noValue, c.yes, c.no);
                const to = formatValue(s.toValue, lang, c.noValue, c.yes, c.no);
                const source =
                  s.sourceName === null
                    ? null
                    : s.scenarios.includes('best')
                      ? c.sameAsBest(s.sourceName)
                      : c.sameAs(s.sourceName);
                const score = formatScore(s.score, lang);
                const gain = `+${formatScore(s.scoreGain, lang)}`;
                const rankNow = formatCount(whatIf.data.rank, lang);
                return (
                  <li key={`${s.node}-${String(s.toValue)}`}>
                    {c.whatIfLine(
                      s.nodeName,
                      from,
                      to,
                      source,
                      score,
                      gain,
                      rankNow,
                      s.rankGain > 0 ? formatCount(s.rank, lang) : null,
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
