import { describe, it, expect } from 'vitest';
import type { Actor, ReviewEventType, ReviewState, Role } from './approval.js';
import { allowedEvents, isEditable, isLocked, transition } from './approval.js';

const STATES: ReviewState[] = ['open', 'submitted', 'approved', 'returned'];
const EVENTS: ReviewEventType[] = ['submit', 'return', 'approve', 'reopen'];
const ROLES: Role[] = ['reporter', 'secretariat', 'admin', 'viewer'];

/** The outcome of each (state, event) for a role allowed to cause the event. */
const OUTCOME: Record<ReviewState, Record<ReviewEventType, ReviewState | 'locked' | 'invalidTransition'>> = {
  open: {
    submit: 'submitted',
    return: 'invalidTransition',
    approve: 'invalidTransition',
    reopen: 'invalidTransition',
  },
  submitted: {
    submit: 'invalidTransition',
    return: 'returned',
    approve: 'approved',
    reopen: 'invalidTransition',
  },
  approved: { submit: 'locked', return: 'locked', approve: 'locked', reopen: 'open' },
  returned: {
    submit: 'submitted',
    return: 'invalidTransition',
    approve: 'invalidTransition',
    reopen: 'invalidTransition',
  },
};
const MAY: Record<Role, ReviewEventType[]> = {
  reporter: ['submit'],
  secretariat: ['return', 'approve', 'reopen'],
  admin: ['return', 'approve', 'reopen'],
  viewer: [],
};

describe('transition: every state × event × role', () => {
  const cases = STATES.flatMap((state) =>
    EVENTS.flatMap((event) =>
      ROLES.map(
        (role) =>
          [state, event, role, MAY[role].includes(event) ? OUTCOME[state][event] : 'forbidden'] as const,
      ),
    ),
  );
  it.each(cases)('%s + %s by %s → %s', (state, event, role, expected) => {
    const r = transition(state, { type: event, reason: ' Số liệu chưa khớp ' }, { roles: [role] });
    if (STATES.includes(expected as ReviewState)) {
      expect(r).toEqual({
        ok: true,
        value: {
          state: expected,
          audit: { event, from: state, to: expected, role, reason: 'Số liệu chưa khớp' },
        },
      });
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(expected);
      expect(r.error.message_vi).not.toBe(r.error.message_en);
    }
  });
});

describe('transition: reasons', () => {
  it.each<[ReviewState, ReviewEventType, string | undefined]>([
    ['submitted', 'return', undefined],
    ['submitted', 'return', ''],
    ['submitted', 'return', '  \n '],
    ['approved', 'reopen', undefined],
    ['approved', 'reopen', ''],
  ])('%s + %s with reason %j → reasonRequired', (state, event, reason) => {
    const r = transition(state, { type: event, reason }, { roles: ['secretariat'] });
    expect(r).toMatchObject({ ok: false, error: { code: 'reasonRequired' } });
    if (!r.ok) expect(r.error.message_vi).toContain('lý do');
  });

  it.each<[ReviewState, ReviewEventType, Role]>([
    ['open', 'submit', 'reporter'],
    ['returned', 'submit', 'reporter'],
    ['submitted', 'approve', 'admin'],
  ])('%s + %s needs no reason; the audit records null', (state, event, role) => {
    const r = transition(state, { type: event }, { roles: [role] });
    expect(r.ok && r.value.audit.reason).toBeNull();
  });

  it('a forbidden role is refused before the reason is looked at', () => {
    expect(transition('submitted', { type: 'return' }, { roles: ['reporter'] })).toMatchObject({
      error: { code: 'forbidden' },
    });
  });
});

describe('transition: messages and actors', () => {
  it('says the period is locked in both languages', () => {
    const r = transition('approved', { type: 'submit' }, { roles: ['reporter'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message_vi).toMatch(/^Kỳ đã được phê duyệt và khóa số liệu/);
    expect(r.error.message_en).toMatch(/approved and its values are locked/);
  });

  it('names the event and state of an invalid transition', () => {
    const r = transition('open', { type: 'approve' }, { roles: ['secretariat'] });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalidTransition',
        message_vi: 'Không thể phê duyệt khi kỳ ở trạng thái "đang nhập số liệu".',
        message_en: 'Cannot approve a period in state "open".',
      },
    });
  });

  it.each<[Actor, string, string]>([
    [{ roles: [] }, '(không có)', '(none)'],
    [{ roles: ['viewer', 'reporter'] }, '(viewer, reporter)', '(viewer, reporter)'],
  ])('refuses %j naming its roles', (actor, vi, en) => {
    const r = transition('submitted', { type: 'approve' }, actor);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (r.ok) return;
    expect(r.error.message_vi).toContain(vi);
    expect(r.error.message_en).toContain(en);
  });

  it('an actor with several roles acts under the one that allows the event', () => {
    const actor: Actor = { roles: ['viewer', 'reporter', 'admin'] };
    const submit = transition('open', { type: 'submit' }, actor);
    const approve = transition('submitted', { type: 'approve' }, actor);
    expect(submit.ok && submit.value.audit.role).toBe('reporter');
    expect(approve.ok && approve.value.audit.role).toBe('admin');
  });

  it('walks a full review cycle with its audit trail', () => {
    const reporter: Actor = { roles: ['reporter'] };
    const secretariat: Actor = { roles: ['secretariat'] };
    const steps: [ReviewEventType, Actor, string | undefined][] = [
      ['submit', reporter, undefined],
      ['return', secretariat, 'Thiếu số liệu thôn V05'],
      ['submit', reporter, undefined],
      ['approve', secretariat, undefined],
      ['reopen', secretariat, 'Sửa số liệu theo báo cáo bổ sung'],
      ['submit', reporter, undefined],
      ['approve', secretariat, undefined],
    ];
    let state: ReviewState = 'open';
    const trail: string[] = [];
    for (const [type, actor, reason] of steps) {
      const r = transition(state, { type, reason }, actor);
      if (!r.ok) throw new Error(r.error.message_en);
      trail.push(`${r.value.audit.from}>${r.value.audit.to}`);
      state = r.value.state;
    }
    expect(trail).toEqual([
      'open>submitted',
      'submitted>returned',
      'returned>submitted',
      'submitted>approved',
      'approved>open',
      'open>submitted',
      'submitted>approved',
    ]);
    expect(isLocked(state)).toBe(true);
  });
});

describe('state predicates', () => {
  it.each<[ReviewState, boolean, boolean]>([
    ['open', false, true],
    ['submitted', false, false],
    ['approved', true, false],
    ['returned', false, true],
  ])('%s: locked %s, editable %s', (state, locked, editable) => {
    expect(isLocked(state)).toBe(locked);
    expect(isEditable(state)).toBe(editable);
  });
});

describe('allowedEvents', () => {
  it.each<[ReviewState, Role[], ReviewEventType[]]>([
    ['open', ['reporter'], ['submit']],
    ['open', ['secretariat'], []],
    ['submitted', ['reporter'], []],
    ['submitted', ['secretariat'], ['return', 'approve']],
    ['submitted', ['admin'], ['return', 'approve']],
    ['approved', ['reporter'], []],
    ['approved', ['admin'], ['reopen']],
    ['returned', ['reporter', 'secretariat'], ['submit']],
    ['submitted', ['viewer'], []],
    ['open', [], []],
  ])('%s for %j → %j', (state, roles, expected) => {
    expect(allowedEvents(state, { roles })).toEqual(expected);
  });
});
