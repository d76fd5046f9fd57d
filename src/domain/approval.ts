import type { DomainMessage, Result } from './result.js';
import { err, ok } from './result.js';

/** The review state of one (plan, unit, period): values are entered, submitted, then approved or returned. */
export type ReviewState = 'open' | 'submitted' | 'approved' | 'returned';
export type ReviewEventType = 'submit' | 'return' | 'approve' | 'reopen';
export type Role = 'reporter' | 'secretariat' | 'admin' | 'viewer';

export type ReviewEvent = { type: ReviewEventType; reason?: string | undefined };
export type Actor = { roles: readonly Role[] };

/** What a transition records; who and when are added by the caller. */
export type ReviewAudit = {
  event: ReviewEventType;
  from: ReviewState;
  to: ReviewState;
  role: Role;
  reason: string | null;
};

export const REVIEW_STATES: readonly ReviewState[] = ['open', 'submitted', 'approved', 'returned'];
export const REVIEW_EVENTS: readonly ReviewEventType[] = ['submit', 'return', 'approve', 'reopen'];
export const ROLES: readonly Role[] = ['reporter', 'secretariat', 'admin', 'viewer'];

/** The state each event leads to from each state; a missing entry is not allowed. */
export const REVIEW_TRANSITIONS: Readonly<
  Record<ReviewState, Partial<Record<ReviewEventType, ReviewState>>>
> = {
  open: { submit: 'submitted' },
  submitted: { approve: 'approved', return: 'returned' },
  returned: { submit: 'submitted' },
  approved: { reopen: 'open' },
};

/** The roles allowed to cause each event. */
export const EVENT_ROLES: Readonly<Record<ReviewEventType, readonly Role[]>> = {
  submit: ['reporter'],
  return: ['secretariat', 'admin'],
  approve: ['secretariat', 'admin'],
  reopen: ['secretariat', 'admin'],
};

/** The events that must give a reason. */
export const REASON_REQUIRED: readonly ReviewEventType[] = ['return', 'reopen'];

const EVENT_VI: Record<ReviewEventType, string> = {
  submit: 'gửi duyệt',
  return: 'trả lại',
  approve: 'phê duyệt',
  reopen: 'mở lại',
};
const STATE_VI: Record<ReviewState, string> = {
  open: 'đang nhập số liệu',
  submitted: 'đã gửi duyệt',
  approved: 'đã phê duyệt',
  returned: 'bị trả lại',
};

/** Whether a period's values are locked against every change: only once approved (docs/domain.md §10, docs/auth-review.md). */
export function isLocked(state: ReviewState): boolean {
  return state === 'approved';
}

/** Whether the reporting unit may edit its values: while open or after being returned (docs/auth-review.md, review and approval). */
export function isEditable(state: ReviewState): boolean {
  return state === 'open' || state === 'returned';
}

/** The events an actor may cause from a state, in REVIEW_EVENTS order (docs/auth-review.md, review and approval). */
export function allowedEvents(state: ReviewState, actor: Actor): ReviewEventType[] {
  return REVIEW_EVENTS.filter(
    (e) => REVIEW_TRANSITIONS[state][e] !== undefined && EVENT_ROLES[e].some((r) => actor.roles.includes(r)),
  );
}

/**
 * Applies a review event to a (plan, unit, period) for an actor, returning the new state and its audit record,
 * or a vi/en error: role not allowed, period locked, event not allowed in this state, reason missing (docs/auth-review.md, review and approval).
 */
export function transition(
  state: ReviewState,
  event: ReviewEvent,
  actor: Actor,
): Result<{ state: ReviewState; audit: ReviewAudit }, DomainMessage> {
  const { type } = event;
  const role = actor.roles.find((r) => EVENT_ROLES[type].includes(r));
  if (role === undefined) {
    const roles = actor.roles.join(', ');
    return err({
      code: 'forbidden',
      message_vi: `Vai trò ${roles ? `(${roles})` : '(không có)'} không được ${EVENT_VI[type]} số liệu của kỳ.`,
      message_en: `Role ${roles ? `(${roles})` : '(none)'} may not ${type} the period's values.`,
    });
  }
  const to = REVIEW_TRANSITIONS[state][type];
  if (to === undefined) {
    return err(
      isLocked(state)
        ? {
            code: 'locked',
            message_vi: 'Kỳ đã được phê duyệt và khóa số liệu; chỉ Tổ giúp việc có thể mở lại, kèm lý do.',
            message_en:
              'The period has been approved and its values are locked; only the secretariat can reopen it, giving a reason.',
          }
        : {
            code: 'invalidTransition',
            message_vi: `Không thể ${EVENT_VI[type]} khi kỳ ở trạng thái "${STATE_VI[state]}".`,
            message_en: `Cannot ${type} a period in state "${state}".`,
          },
    );
  }
  const reason = event.reason?.trim() || null;
  if (reason === null && REASON_REQUIRED.includes(type)) {
    return err({
      code: 'reasonRequired',
      message_vi: `Phải nêu lý do (reason) khi ${EVENT_VI[type]} kỳ.`,
      message_en: `A reason (reason) is required to ${type} the period.`,
    });
  }
  return ok({ state: to, audit: { event: type, from: state, to, role, reason } });
}
