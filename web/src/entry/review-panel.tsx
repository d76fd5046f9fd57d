import { Alert, Button, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { reviewKey, submitReview, useReview } from '../api/entry';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { QueryError } from '../shell/query-error';

/**
 * The review of the unit's period (docs/auth-review.md): its state (draft, submitted, returned with the reason,
 * approved), the button that submits it, and its history.
 */
export function ReviewPanel({ plan, period, unit }: { plan: string; period: string; unit: string }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const review = useReview(plan, period, unit);
  const submit = useMutation({
    mutationFn: () => submitReview(plan, period, unit),
    // The review, and the form's periods (which show each period's state).
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: reviewKey(plan, period, unit) }),
        client.invalidateQueries({ queryKey: ['entry-form'] }),
      ]),
  });
  const state = review.data?.state ?? 'open';
  const submitError = submit.error instanceof ApiError ? submit.error.messageIn(lang) : null;
  return (
    <section className="entry-review" aria-labelledby="entry-review-title">
      <h2 id="entry-review-title" className="card-title">
        {t.entry.review.title}
      </h2>
      {review.isError ? (
        <QueryError error={review.error} onRetry={() => void review.refetch()} />
      ) : (
        <>
          <p>
            {t.entry.review.stateLabel}:{' '}
            <Tag
              className={`review-state review-state-${state}`}
              data-testid="review-state"
              data-state={state}
            >
              {t.entry.review.state[state]}
            </Tag>
          </p>
          {state === 'returned' && review.data?.reason && (
            <Alert type="warning" showIcon title={t.entry.review.reason(review.data.reason)} />
          )}
          {(state === 'open' || state === 'returned') && (
            <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
              {t.entry.review.submit}
            </Button>
          )}
          {submit.isSuccess && (
            <p role="status" className="entry-review-done">
              {t.entry.review.submitted}
            </p>
          )}
          {submitError && <Alert type="error" showIcon role="alert" title={submitError} />}
          <h3 className="entry-review-history-title">{t.entry.review.history}</h3>
          {review.data && review.data.history.length > 0 ? (
            <ol className="entry-review-history" data-testid="review-history">
              {review.data.history.map((e, i) => (
                <li key={i}>
                  {t.entry.review.line(
                    t.entry.review.event[e.event] ?? e.event,
                    e.actor,
                    formatTime(new Date(e.at)),
                  )}
                  {e.reason && ` · ${t.entry.review.reason(e.reason)}`}
                </li>
              ))}
            </ol>
          ) : (
            <p>{t.entry.review.noHistory}</p>
          )}
        </>
      )}
    </section>
  );
}
