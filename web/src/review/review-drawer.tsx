import { Button, Descriptions, Drawer } from 'antd';
import type { ReviewEventType, Role } from '../../../src/domain/approval.js';
import { useReview, useReviewChanges, type ReviewDetail } from '../api/reviews';
import { formatPeriodId, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { ChangesTable } from './changes-table';
import { eventsFor } from './review-state';
import { StateTag } from './state-tag';

/** A review's history, oldest first: each event with who, when and its reason. */
function History({ detail }: { detail: ReviewDetail }) {
  const { t } = useI18n();
  return (
    <section className="review-section" aria-labelledby="review-history-title">
      <h3 id="review-history-title">{t.review.historyTitle}</h3>
      {detail.history.length === 0 ? (
        <p>{t.review.historyNone}</p>
      ) : (
        <ol className="review-history" data-testid="review-history">
          {detail.history.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              {t.review.historyLine(t.review.events[e.event], e.actor, formatTime(new Date(e.at)))}
              {e.reason && <div className="review-history-reason">{t.review.historyReason(e.reason)}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The reason a unit's state carries: why it was returned, or why it was reopened. */
function reasonLabel(detail: ReviewDetail, t: ReturnType<typeof useI18n>['t']): string {
  return detail.state === 'returned' ? t.review.returnReason : t.review.reopenReason;
}

/**
 * One unit's review in a side panel: its state and reason, its values changed since the last approval beside their
 * approved version, its history, and the events the reader's roles allow (`unit` null keeps it closed).
 */
export function ReviewDrawer({
  plan,
  period,
  unit,
  roles,
  onClose,
  onAct,
}: {
  plan: string;
  period: string;
  unit: { code: string; name: string } | null;
  roles: readonly Role[];
  onClose: () => void;
  onAct: (event: ReviewEventType, unit: { code: string; name: string }) => void;
}) {
  const { t, lang } = useI18n();
  const detail = useReview(plan, period, unit?.code ?? null);
  const changes = useReviewChanges(plan, period, unit?.code ?? null);
  const d = detail.data;
  return (
    <Drawer
      open={unit !== null}
      onClose={onClose}
      title={unit ? t.review.drawerTitle(unit.name) : t.review.title}
      size="large"
      closable={{ 'aria-label': t.review.close }}
      destroyOnHidden
      rootClassName="review-drawer"
    >
      {detail.isPending && <Loading />}
      {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      {d && unit && (
        <>
          <Descriptions column={1} size="small" bordered data-testid="review-summary">
            <Descriptions.Item label={t.review.period}>{formatPeriodId(d.period, lang)}</Descriptions.Item>
            <Descriptions.Item label={t.review.state}>
              <StateTag item={d} />
            </Descriptions.Item>
            {d.reason && <Descriptions.Item label={reasonLabel(d, t)}>{d.reason}</Descriptions.Item>}
            <Descriptions.Item label={t.review.colSubmitted}>
              {d.lastSubmittedAt ? formatTime(new Date(d.lastSubmittedAt)) : t.review.never}
            </Descriptions.Item>
            <Descriptions.Item label={t.review.lastApproved}>
              {d.lastApprovedAt ? formatTime(new Date(d.lastApprovedAt)) : t.review.neverApproved}
            </Descriptions.Item>
          </Descriptions>
          <div className="review-actions">
            {eventsFor(d, roles).map((event) => (
              <Button
                key={event}
                type={event === 'approve' || event === 'submit' ? 'primary' : 'default'}
                onClick={() => onAct(event, unit)}
              >
                {t.review[event]}
              </Button>
            ))}
          </div>
        </>
      )}
      {changes.isError && <QueryError error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.data && <ChangesTable changes={changes.data} />}
      {d && <History detail={d} />}
    </Drawer>
  );
}
