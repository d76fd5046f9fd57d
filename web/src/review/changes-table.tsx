import { Table } from 'antd';
import { formatNumber } from '../../../src/domain/format-number.js';
import type { ReviewChange, ReviewChanges, ValueFigures } from '../api/reviews';
import { ScrollRegion } from '../dashboard/trace-drawer';
import { formatPeriodId, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';

/**
 * A unit's values changed since the last approval beside their approved version (the diff): indicator, unit,
 * period, approved, now, who changed it and when.
 */
export function ChangesTable({ changes }: { changes: ReviewChanges }) {
  const { t, lang } = useI18n();
  const figures = (f: ValueFigures | null): string => {
    if (f === null || f.value === null) return t.review.noValue;
    if (typeof f.value === 'boolean') return f.value ? t.review.yes : t.review.no;
    const value = formatNumber(f.value, lang);
    return f.numerator !== null && f.denominator !== null
      ? `${value} (${formatNumber(f.numerator, lang)}/${formatNumber(f.denominator, lang)})`
      : value;
  };
  return (
    <section className="review-section" aria-labelledby="review-changes-title">
      <h3 id="review-changes-title">{t.review.changesTitle}</h3>
      <p>
        {changes.approvedAt === null
          ? t.review.changesNever
          : `${t.review.lastApproved}: ${t.review.by(changes.approvedBy ?? '—', formatTime(new Date(changes.approvedAt)))}`}
      </p>
      {changes.changes.length === 0 ? (
        <p>{t.review.changesNone}</p>
      ) : (
        <ScrollRegion label={t.review.changesTitle}>
          <Table<ReviewChange>
            size="small"
            data-testid="review-changes"
            pagination={changes.changes.length > 50 ? { pageSize: 50 } : false}
            rowKey={(c) => `${c.indicator}|${c.unit}|${c.period}`}
            dataSource={changes.changes}
            columns={[
              {
                title: t.review.colIndicator,
                key: 'indicator',
                className: 'review-wide',
                render: (_, c) => (lang === 'en' ? (c.indicatorNameEn ?? c.indicatorName) : c.indicatorName),
              },
              { title: t.review.colValueUnit, key: 'unit', render: (_, c) => c.unitName },
              { title: t.review.colPeriod, key: 'period', render: (_, c) => formatPeriodId(c.period, lang) },
              { title: t.review.colOld, key: 'old', render: (_, c) => figures(c.approved) },
              { title: t.review.colNew, key: 'new', render: (_, c) => figures(c.current) },
              {
                title: t.review.colWho,
                key: 'who',
                render: (_, c) => t.review.by(c.changedBy ?? '—', formatTime(new Date(c.changedAt))),
              },
            ]}
          />
        </ScrollRegion>
      )}
    </section>
  );
}
