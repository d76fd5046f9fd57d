import { allowedEvents, type ReviewEventType, type Role } from '../../../src/domain/approval.js';
import type { ReviewItem } from '../api/reviews';

/**
 * The states the inbox shows: the server's `open` split into not started (nothing entered, never moved) and draft
 * (values entered, or reopened), then submitted, returned and approved.
 */
export type ShownState = 'notStarted' | 'draft' | 'submitted' | 'returned' | 'approved';

export const SHOWN_STATES: readonly ShownState[] = [
  'notStarted',
  'draft',
  'submitted',
  'returned',
  'approved',
];

/** A unit's state as the inbox shows it. */
export function shownState(
  item: Pick<ReviewItem, 'state' | 'updatedAt' | 'changedSinceApproval'>,
): ShownState {
  if (item.state !== 'open') return item.state;
  return item.updatedAt !== null || item.changedSinceApproval > 0 ? 'draft' : 'notStarted';
}

/** A colour per state (white text at 4.5:1 or more), the same in the table and the side panel. */
export const STATE_COLOURS: Readonly<Record<ShownState, string>> = {
  notStarted: '#595959',
  draft: '#ad4e00',
  submitted: '#0b57d0',
  returned: '#a8071a',
  approved: '#237804',
};

/**
 * The events the reader's roles allow from a unit's state (the roles they hold anywhere: the server still checks
 * the unit), so that buttons are shown only to those who may use them.
 */
export function eventsFor(item: Pick<ReviewItem, 'state'>, roles: readonly Role[]): ReviewEventType[] {
  return allowedEvents(item.state, { roles });
}

/** Whether the reader's roles may return, approve or reopen anywhere (the secretariat, an administrator). */
export function mayDecide(roles: readonly Role[]): boolean {
  return roles.includes('secretariat') || roles.includes('admin');
}
