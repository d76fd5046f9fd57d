import { Button, Table } from 'antd';
import type { ReviewItem } from '../api/reviews';
import { ScrollRegion } from '../dashboard/trace-drawer';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { StateTag } from './state-tag';

/**
 * The units of a plan's period: state, values changed since the last approval, last submission, reason; each row
 * opens the unit's side panel. With `selection`, submitted rows can be ticked for a bulk approval.
 */
export function ReviewTable({
  units,
  selection,
  onOpen,
}: {
  units: ReviewItem[];
  selection: { selected: ReadonlySet<string>; onToggle: (unit: string, on: boolean) => void } | null;
  onOpen: (item: ReviewItem) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ScrollRegion label={t.review.tableLabel}>
      <Table<ReviewItem>
        size="small"
        data-testid="review-table"
        rowKey="unit"
        dataSource={units}
        pagination={units.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t.review.empty }}
        columns={[
          ...(selection
            ? [
                {
                  title: <span className="review-hidden-label">{t.review.colSelect}</span>,
                  key: 'select',
                  width: 40,
                  render: (_: unknown, x: ReviewItem) =>
                    x.state === 'submitted' ? (
                      <input
                        type="checkbox"
                        aria-label={t.review.selectRow(x.unitName)}
                        checked={selection.selected.has(x.unit)}
                        onChange={(e) => selection.onToggle(x.unit, e.target.checked)}
                      />
                    ) : null,
                },
              ]
            : []),
          { title: t.review.colUnit, key: 'unit', className: 'review-wide', render: (_, x) => x.unitName },
          { title: t.review.colState, key: 'state', render: (_, x) => <StateTag item={x} /> },
          {
            title: t.review.colChanged,
            key: 'changed',
            align: 'right',
            render: (_, x) => (
              <span data-testid="changed-count">{formatCount(x.changedSinceApproval, lang)}</span>
            ),
          },
          {
            title: t.review.colSubmitted,
            key: 'submitted',
            render: (_, x) => (x.lastSubmittedAt ? formatTime(new Date(x.lastSubmittedAt)) : t.review.never),
          },
          { title: t.review.colReason, key: 'reason', render: (_, x) => x.reason ?? '' },
          {
            title: t.review.colOpen,
            key: 'open',
            render: (_, x) => (
              <Button size="small" aria-label={t.review.openFor(x.unitName)} onClick={() => onOpen(x)}>
                {t.review.open}
              </Button>
            ),
          },
        ]}
      />
    </ScrollRegion>
  );
}
