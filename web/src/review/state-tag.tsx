import { Tag } from 'antd';
import type { ReviewItem } from '../api/reviews';
import { useI18n } from '../i18n/i18n';
import { shownState, STATE_COLOURS } from './review-state';

/** A unit's review state as a coloured tag in the reader's language. */
export function StateTag({
  item,
}: {
  item: Pick<ReviewItem, 'state' | 'updatedAt' | 'changedSinceApproval'>;
}) {
  const { t } = useI18n();
  const state = shownState(item);
  return (
    <Tag color={STATE_COLOURS[state]} data-state={state}>
      {t.review.states[state]}
    </Tag>
  );
}
