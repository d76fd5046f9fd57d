import { Alert, Button, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { unitLevelName } from '../../../src/domain/unit-vocabulary.js';
import { ApiError } from '../api/client';
import { useIndexResults, useMethodology, usePublishYear } from '../api/composite-index';
import { useSession } from '../api/session';
import { mayManageIndex, ownUnits } from '../composite-index/index-permissions';
import { RankingTable } from '../composite-index/ranking-table';
import { WhatIfPanel } from '../composite-index/what-if-panel';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import '../dashboard/dashboard.css';
import '../composite-index/composite-index.css';

/** The years offered: the last ten and every year published on the methodology, newest first. */
function yearOptions(published: readonly number[], now: number): number[] {
  const years = new Set(published);
  for (let y = now; y > now - 10; y -= 1) years.add(y);
  return [...years].sort((a, b) => b - a);
}

/** Publishing a year, asked for twice: it freezes the year's results for good. */
function PublishButton({ methodology, year }: { methodology: string; year: number }) {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const publish = usePublishYear(methodology);
  const [asking, setAsking] = useState(false);
  return (
    <div className="index-publish" aria-live="polite">
      {!asking ? (
        <Button onClick={() => setAsking(true)}>{c.publish(year)}</Button>
      ) : (
        <div role="group" aria-label={c.publish(year)} className="index-publish-confirm">
          <span>{c.publishConfirm(year)}</span>
          <Button
            type="primary"
            loading={publish.isPending}
            onClick={() => publish.mutate(year, { onSuccess: () => setAsking(false) })}
          >
            {c.publishYes}
          </Button>
          <Button onClick={() => setAsking(false)}>{c.cancel}</Button>
        </div>
      )}
      {publish.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={
            (publish.error instanceof ApiError ? publish.error.messageIn(lang) : null) ?? t.errors.unexpected
          }
        />
      )}
    </div>
  );
}

/**
 * A year's ranking by a methodology (docs/web.md, "Composite indices"): the total score, each pillar's score and
 * rank, last year's and the change; publishing the year for those who may; and the what-if of one unit (the
 * reader's own when it is ranked, or the one chosen in the table).
 */
export default function IndexRankingPage() {
  const { t, lang } = useI18n();
  const c = t.compositeIndex;
  const code = useParams().code ?? '';
  const [search, setSearch] = useSearchParams();
  const now = new Date().getFullYear();
  const yearText = search.get('year');
  const methodology = useMethodology(code, null);
  const publishedYears = methodology.data?.versions.flatMap((v) => v.publishedYears) ?? [];
  const year =
    yearText && /^\d{4}$/.test(yearText)
      ? Number(yearText)
      : publishedYears.length > 0
        ? Math.max(...publishedYears)
        : now - 1;
  const session = useSession();
  const manager = mayManageIndex(session.data);
  const ranking = useIndexResults(code, year);
  const ranked = new Set(ranking.data?.results.map((r) => r.unit) ?? []);
  const own = ownUnits(session.data).find((u) => ranked.has(u)) ?? null;
  const unit = search.get('unit') ?? own;

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true });
  };

  const data = ranking.data;
  return (
    <section className="index-page" aria-labelledby="index-ranking-title">
      <header className="index-head">
        <Link to={`/index/${encodeURIComponent(code)}`}>{c.backToMethodology}</Link>
        <Typography.Title level={1} id="index-ranking-title">
          {c.rankingTitle(methodology.data?.name ?? code)}
        </Typography.Title>
      </header>
      <div className="index-toolbar">
        <label className="picker">
          <span>{c.year}</span>
          <Select
            aria-label={c.year}
            value={year}
            onChange={(y: number) => {
              const next = new URLSearchParams(search);
              next.set('year', String(y));
              setSearch(next, { replace: true });
            }}
            options={yearOptions(publishedYears, now).map((y) => ({ value: y, label: String(y) }))}
          />
        </label>
      </div>
      {ranking.isPending ? (
        <Loading />
      ) : ranking.isError || !data ? (
        <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        <>
          <p className="index-meta" role="status">
            {c.rankingMeta(
              data.version,
              unitLevelName(data.level, lang),
              formatCount(data.total, lang),
              data.published ? c.publishedAt(formatTime(new Date(data.computedAt))) : c.notPublishedYet,
            )}
          </p>
          {manager && !data.published && data.total > 0 && <PublishButton methodology={code} year={year} />}
          {data.reason ? (
            <Alert
              type="info"
              showIcon
              role="status"
              title={lang === 'en' ? data.reason.message_en : data.reason.message_vi}
            />
          ) : (
            <section className="index-card" aria-labelledby="index-table-title">
              <h2 id="index-table-title" className="card-title">
                {c.rankingTableTitle}
              </h2>
              <RankingTable
                ranking={data}
                selected={unit}
                onWhatIf={(u) => {
                  setParam('unit', u);
                  // The panel is below the table: take the reader (and the keyboard) there.
                  requestAnimationFrame(() => document.getElementById('index-whatif-title')?.focus());
                }}
              />
            </section>
          )}
          {unit !== null && data.total > 0 && (
            <WhatIfPanel
              methodology={code}
              year={year}
              unit={unit}
              unitName={data.results.find((r) => r.unit === unit)?.name ?? unit}
            />
          )}
        </>
      )}
    </section>
  );
}
