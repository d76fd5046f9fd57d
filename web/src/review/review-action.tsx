import { Alert, Input, Modal } from 'antd';
import { useState } from 'react';
import { REASON_REQUIRED, type ReviewEventType } from '../../../src/domain/approval.js';
import { ApiError } from '../api/client';
import { useReviewEvent, type ReviewEventResult, type ReviewTargets } from '../api/reviews';
import { useI18n } from '../i18n/i18n';

/** An event the reader asked for, waiting for their confirmation: what, on which units, said how. */
export interface ReviewActionRequest {
  event: ReviewEventType;
  targets: ReviewTargets;
  /** The confirmation's question, in the reader's language. */
  question: string;
}

/**
 * The confirmation before a review event: the question, a reason when the event needs one (return, reopen; shown
 * to the reporting unit), and the API's refusal in the reader's language if it refuses.
 */
export function ReviewAction({
  plan,
  period,
  request,
  onClose,
  onDone,
}: {
  plan: string;
  period: string;
  request: ReviewActionRequest | null;
  onClose: () => void;
  onDone: (result: ReviewEventResult) => void;
}) {
  const { t, lang } = useI18n();
  const mutation = useReviewEvent(plan, period);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const needsReason = request !== null && REASON_REQUIRED.includes(request.event);
  const close = () => {
    setReason('');
    setMissing(false);
    mutation.reset();
    onClose();
  };
  const confirm = () => {
    if (!request) return;
    if (needsReason && reason.trim() === '') {
      setMissing(true);
      return;
    }
    mutation.mutate(
      { event: request.event, targets: request.targets, ...(needsReason ? { reason: reason.trim() } : {}) },
      {
        onSuccess: (result) => {
          onDone(result);
          close();
        },
      },
    );
  };
  const error = mutation.error;
  const refusal =
    error instanceof ApiError
      ? error.status === 0
        ? t.errors.network
        : (error.messageIn(lang) ?? t.errors.unexpected)
      : error
        ? t.errors.unexpected
        : null;
  return (
    <Modal
      open={request !== null}
      title={request ? t.review[request.event] : ''}
      okText={t.review.confirm.ok}
      cancelText={t.review.confirm.cancel}
      onOk={confirm}
      onCancel={close}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      {request && <p data-testid="review-question">{request.question}</p>}
      {needsReason && (
        <label className="review-reason">
          <span>{t.review.reason}</span>
          <Input.TextArea
            aria-label={t.review.reason}
            aria-describedby="review-reason-help"
            aria-invalid={missing}
            value={reason}
            maxLength={2000}
            autoSize={{ minRows: 3 }}
            onChange={(e) => {
              setReason(e.target.value);
              setMissing(false);
            }}
          />
          <span id="review-reason-help" className={missing ? 'review-reason-missing' : 'review-reason-help'}>
            {missing ? t.review.reasonRequired : t.review.reasonHelp}
          </span>
        </label>
      )}
      {refusal && <Alert type="error" showIcon role="alert" title={refusal} />}
    </Modal>
  );
}
